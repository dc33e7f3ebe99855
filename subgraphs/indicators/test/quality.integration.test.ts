/**
 * Data quality you can see (#12 §4): the rules run at seed and at publish, the flags on observations (batched), each
 * dataset's quality report, two datasets that disagree side by side, area code 57 read as the Federated States of
 * Micronesia, and aggregates labelled official. Expected counts are computed here from the shipped files alone.
 */
import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { indicatorsModule } from "../src/module";
import {
  DEFAULT_JUMP_THRESHOLD,
  DISAGREEMENT_TOLERANCE,
  JUMP_THRESHOLDS,
  QualityRule,
  RELATIVE_JUMP_FLOOR,
  RELATIVE_JUMP_UNIT,
  TOTAL_TOLERANCE,
} from "../src/quality/quality.rules";
import type { SeedCounts } from "../src/seed/seed";
import { asCaller, countryCodes, dataFile, databaseState, isUnsdTotal } from "./helpers";

const UNSD = "unsd-sdg-2023-12";
const WDI = "wdi-2026-03";
const PC = "gapminder-pc-2026-03";

let sg: TestSubgraph<SeedCounts>;
let key = 0;
const nextKey = () => `quality-${String(++key).padStart(4, "0")}`;

beforeAll(async () => {
  // The oracle reads every shipped file (over 100,000 rows): read them before any connection is open, so that the event
  // loop is never blocked for seconds between two requests on a kept-alive connection.
  fileValues();
  sg = await startTestSubgraph(indicatorsModule);
});
afterAll(async () => {
  await sg?.stop();
});

/** The files of each dataset, with the indicator they hold. */
const FILES = dataFile("ict_indicator_catalog.csv").flatMap((r) =>
  r.data_files.split(";").map((f) => ({
    indicator: r.id,
    file: f.trim(),
    dataset: f.trim().startsWith("unsd_") ? UNSD : f.trim().startsWith("gapminder_personal_") ? PC : WDI,
  })),
);

/** The unit of each indicator (the catalogue's). */
const UNITS = new Map(dataFile("ict_indicator_catalog.csv").map((r) => [r.id, r.unit]));

/** One part of a breakdown key ("sex=FEMALE"), or null for a total or an unspecified code. */
const keyPart = (dimension: string, code: string | undefined, totals: string[]) =>
  code && !["notspec", ...totals].includes(code) ? `${dimension}=${code.toUpperCase()}` : null;

let valuesOfFiles: Map<string, number> | null = null;

/** Every row of the files as (indicator, dataset, economy, year, breakdown) → value, economies as the hub keys them (read once). */
function fileValues(): Map<string, number> {
  valuesOfFiles ??= readFileValues();
  return valuesOfFiles;
}

function readFileValues(): Map<string, number> {
  const { unsd, gapminder } = countryCodes();
  const iso = new Set(dataFile("iso3166_m49_all.csv").map((r) => String(Number(r["country-code"]))));
  const values = new Map<string, number>();
  for (const f of FILES) {
    const rows = dataFile(f.file);
    const valueColumn = Object.keys(rows[0]).at(-1)!;
    for (const r of rows) {
      const economy =
        f.dataset === UNSD
          ? (unsd(r.geo_area) ?? (iso.has(r.geo_area) ? null : r.geo_area.padStart(3, "0")))
          : gapminder(r.geo);
      const breakdown =
        [
          keyPart("age", r.age, ["allage"]),
          keyPart("location", r.location, ["allarea"]),
          keyPart("sex", r.sex, ["bothsex"]),
          keyPart("speed", r.type_of_speed, ["anys"]),
          keyPart("skill", r.type_of_skill, []),
          keyPart("educationLevel", r.education_level, []),
        ]
          .filter(Boolean)
          .join(";") || "_T";
      values.set([f.indicator, f.dataset, economy, r.year ?? r.time, breakdown].join("|"), Number(r[valueColumn]));
    }
  }
  return values;
}

type Report = {
  id: string;
  qualityReport: Array<{
    rule: string;
    severity: string;
    description: string;
    count: number;
    examples: Array<{ message: string; observation: { id: string } }>;
  }>;
};

async function reports(): Promise<Map<string, Report["qualityReport"]>> {
  const res = await sg.query<{ datasets: Report[] }>(
    "{ datasets { id qualityReport { rule severity description count examples { message observation { id } } } } }",
  );
  expect(res.errors).toBeUndefined();
  return new Map(res.data!.datasets.map((d) => [d.id, d.qualityReport]));
}

const countOf = (report: Report["qualityReport"], rule: string) => report.find((r) => r.rule === rule)!.count;

describe("the rules run on the seeded data", () => {
  it("a total outside its female and male values: the count of the files, e.g. Bahamas 2010 (F 67.04, total 43, M 62.28)", async () => {
    const values = fileValues();
    let expected = 0;
    for (const [k, total] of values) {
      const [indicator, dataset, economy, year, breakdown] = k.split("|");
      if (breakdown !== "_T" || dataset !== UNSD) continue;
      const f = values.get([indicator, dataset, economy, year, "sex=FEMALE"].join("|"));
      const m = values.get([indicator, dataset, economy, year, "sex=MALE"].join("|"));
      if (
        f !== undefined &&
        m !== undefined &&
        (total < Math.min(f, m) - TOTAL_TOLERANCE || total > Math.max(f, m) + TOTAL_TOLERANCE)
      )
        expected += 1;
    }
    const report = (await reports()).get(UNSD)!;
    expect(countOf(report, QualityRule.TOTAL_OUTSIDE_BREAKDOWN)).toBe(expected);
    expect(expected).toBe(40); // 39 of internet use, 1 of mobile-phone ownership

    const res = await sg.query<{
      observations: {
        edges: Array<{
          node: { valueText: string; qualityFlags: Array<{ rule: string; severity: string; message: string }> };
        }>;
      };
    }>(
      `{ observations(filter: { indicator: "internet_users_pct", economies: ["BHS"], fromYear: 2010, toYear: 2010, dataset: "${UNSD}" }) {
          edges { node { valueText qualityFlags { rule severity message } } } } }`,
    );
    expect(res.data!.observations.edges[0].node).toEqual({
      valueText: "43",
      qualityFlags: [
        { rule: "TOTAL_OUTSIDE_BREAKDOWN", severity: "SOFT", message: expect.stringMatching(/43.*67\.04.*62\.28/) },
      ],
    });
  });

  it("year-on-year jumps beyond each indicator's threshold, and no value outside its range (hard rules)", async () => {
    const values = fileValues();
    const expected = new Map<string, number>();
    for (const [k, v] of values) {
      const [indicator, dataset, economy, year, breakdown] = k.split("|");
      const before = values.get([indicator, dataset, economy, String(Number(year) - 1), breakdown].join("|"));
      const jump = JUMP_THRESHOLDS[indicator] ?? DEFAULT_JUMP_THRESHOLD;
      // counts: a multiple of the previous value (or of the floor, for a small count)
      const threshold =
        UNITS.get(indicator) === RELATIVE_JUMP_UNIT
          ? jump * Math.max(Math.abs(before ?? 0), RELATIVE_JUMP_FLOOR)
          : jump;
      if (before !== undefined && Math.abs(v - before) > threshold) {
        expected.set(dataset, (expected.get(dataset) ?? 0) + 1);
      }
    }
    // The hard rules: shares outside 0–100, other values below 0 (the source's own errors, flagged as published).
    const outOfRange = new Map<string, number>();
    const negative = new Map<string, number>();
    for (const [k, v] of values) {
      const [indicator, dataset] = k.split("|");
      const share = (UNITS.get(indicator) ?? "").startsWith("%");
      if (share && (v < 0 || v > 100)) outOfRange.set(dataset, (outOfRange.get(dataset) ?? 0) + 1);
      if (!share && v < 0) negative.set(dataset, (negative.get(dataset) ?? 0) + 1);
    }
    expect(outOfRange).toEqual(new Map([[UNSD, 2]])); // ICT skills: 556.79408 (Slovenia 2017) and -0.0000027 (Iran 2021)
    expect(negative).toEqual(new Map());
    const all = await reports();
    for (const dataset of [UNSD, WDI, PC]) {
      const report = all.get(dataset)!;
      expect(countOf(report, QualityRule.YEAR_ON_YEAR_JUMP)).toBe(expected.get(dataset));
      expect(countOf(report, QualityRule.PERCENT_OUT_OF_RANGE)).toBe(outOfRange.get(dataset) ?? 0);
      expect(countOf(report, QualityRule.NEGATIVE_VALUE)).toBe(0);
      // every rule is listed, with at most five examples, each an observation with its message
      expect(report.map((r) => r.rule)).toEqual(Object.values(QualityRule));
      for (const r of report) {
        expect(r.examples.length).toBe(Math.min(5, r.count));
        expect(r.description.length).toBeGreaterThan(20);
      }
    }
    expect(sg.seedResult.qualityFlags[QualityRule.YEAR_ON_YEAR_JUMP]).toBe(
      expected.get(UNSD)! + expected.get(WDI)! + expected.get(PC)!,
    );
  });

  it("two datasets that disagree by more than a point are visible: 281 country-years of internet use (Mauritania 2021: 58.76 vs 29.9707)", async () => {
    const values = fileValues();
    let internet = 0;
    for (const [k, v] of values) {
      const [indicator, dataset, economy, year, breakdown] = k.split("|");
      if (dataset !== UNSD || indicator !== "internet_users_pct") continue;
      const other = values.get([indicator, WDI, economy, year, breakdown].join("|"));
      if (other !== undefined && Math.abs(v - other) > DISAGREEMENT_TOLERANCE) internet += 1;
    }
    expect(internet).toBe(281);
    const res = await sg.query<{
      observations: {
        totalCount: number;
        edges: Array<{
          node: {
            valueText: string;
            dataset: { id: string };
            qualityFlags: Array<{ rule: string }>;
            otherDatasets: Array<{ dataset: { id: string }; valueText: string; value: number; difference: number }>;
          };
        }>;
      };
    }>(
      `{ observations(filter: { indicator: "internet_users_pct", economies: ["MRT"], fromYear: 2021, toYear: 2021, dataset: "${UNSD}" }) {
          totalCount edges { node { valueText dataset { id } qualityFlags { rule } otherDatasets { dataset { id } valueText value difference } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.observations.edges[0].node).toEqual({
      valueText: "58.76",
      dataset: { id: UNSD },
      qualityFlags: [{ rule: "DATASETS_DISAGREE" }],
      otherDatasets: [{ dataset: { id: WDI }, valueText: "29.9707", value: 29.9707, difference: -28.7893 }],
    });
    const flagged = await sg.dataSource.query(
      `SELECT count(*)::int AS n FROM observation_quality_flag WHERE rule = 'DATASETS_DISAGREE' AND indicator_code = 'internet_users_pct' AND dataset_id = $1`,
      [UNSD],
    );
    expect(flagged[0].n).toBe(internet);
  });

  it("flags and other datasets of a page of 1000 cost as many statements as those of a page of 10", async () => {
    // the WDI's countries (each page starts with Afghanistan, which the UN SDG database has too)
    const q = `query($first: Int) { observations(filter: { indicator: "internet_users_pct", dataset: "${WDI}", allBreakdowns: true }, first: $first) {
      edges { node { aggregate qualityFlags { rule message } otherDatasets { dataset { id } value difference } } } } }`;
    let big = 0;
    const many = await sg.countStatements(async () => {
      big = (await sg.query<{ observations: { edges: unknown[] } }>(q, { first: 1000 })).data!.observations.edges
        .length;
    });
    const few = await sg.countStatements(() => sg.query(q, { first: 10 }));
    expect(big).toBe(1000);
    expect(many).toBe(few);
    // the indicators, the links (a dataset named), the page, the flags, the other datasets, their dataset rows
    expect(many).toBe(6);
  });
});

describe("area code 57 of the ITU series is the Federated States of Micronesia, not the sub-region", () => {
  it("its rows are FSM's (as written in the file: source area 57); the sub-region Micronesia (057) has none of the UN SDG database", async () => {
    const rows = dataFile("unsd_sdg_it_use_ii99.csv").filter((r) => r.geo_area === "57");
    expect(rows.length).toBeGreaterThan(10);
    const res = await sg.query<{
      fsm: {
        totalCount: number;
        edges: Array<{ node: { sourceAreaCode: string; economy: { code: string; m49: string } } }>;
      };
      region: { totalCount: number };
    }>(
      `{ fsm: observations(filter: { indicator: "internet_users_pct", economies: ["FSM"], dataset: "${UNSD}" }) { totalCount edges { node { sourceAreaCode economy { code m49 } } } }
         region: observations(filter: { indicator: "internet_users_pct", economies: ["057"], dataset: "${UNSD}" }) { totalCount } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.fsm.totalCount).toBe(rows.length);
    expect(
      res.data!.fsm.edges.every(
        (e) => e.node.sourceAreaCode === "57" && e.node.economy.code === "FSM" && e.node.economy.m49 === "583",
      ),
    ).toBe(true);
    expect(res.data!.region.totalCount).toBe(0);
    expect(sg.seedResult.remappedAreaCodes).toContainEqual({
      file: "unsd_sdg_it_use_ii99.csv",
      code: "57",
      economy: "FSM",
      rows: rows.length,
    });
    const [source] = await sg.dataSource.query(`SELECT note FROM source WHERE id = 'file:unsd_sdg_it_use_ii99'`);
    expect(source.note).toContain("Federated States of Micronesia");
  });
});

describe("aggregates say whether they are official or computed", () => {
  it("an aggregate's observation is OFFICIAL, a country's null; regionalFigures labels both figures", async () => {
    const res = await sg.query<{
      observations: { edges: Array<{ node: { economy: { code: string }; aggregate: string | null } }> };
      regionalFigures: { official: { kind: string; observation: { aggregate: string } }; computed: { kind: string } };
    }>(
      `{ observations(filter: { indicator: "internet_users_pct", economies: ["001", "KEN"], fromYear: 2020, toYear: 2020, dataset: "${UNSD}" }) {
          edges { node { economy { code } aggregate } } }
         regionalFigures(indicator: "internet_users_pct", region: "202", year: 2021) { official { kind observation { aggregate } } computed { kind } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.observations.edges.map((e) => e.node)).toEqual([
      { economy: { code: "001" }, aggregate: "OFFICIAL" },
      { economy: { code: "KEN" }, aggregate: null },
    ]);
    expect(res.data!.regionalFigures).toEqual({
      official: { kind: "OFFICIAL", observation: { aggregate: "OFFICIAL" } },
      computed: { kind: "COMPUTED" },
    });
  });
});

describe("at publish: hard rules refuse the batch, soft rules publish with warnings", () => {
  const PUBLISH = `mutation($input: PublishObservationsInput!) {
    publishObservations(input: $input) { releaseNumber inserted revised warningCount warnings { rule index line observationId message } replayed }
  }`;
  type Published = {
    releaseNumber: number | null;
    warningCount: number;
    warnings: Array<{ rule: string; index: number; observationId: string; message: string }>;
    replayed: boolean;
  };
  const publish = (observations: unknown[], idempotencyKey = nextKey()) =>
    sg.query<{ publishObservations: Published }>(
      PUBLISH,
      { input: { dataset: UNSD, idempotencyKey, observations } },
      asCaller(),
    );

  it("a percentage above 100 refuses the whole batch, naming every row and the rule; nothing is written", async () => {
    const before = await databaseState(sg);
    const res = await publish([
      { indicator: "internet_users_pct", economy: "KEN", year: 2023, value: "40.1" },
      { indicator: "mobile_network_4g_pct", economy: "KEN", year: 2023, value: "100.5" },
      { indicator: "internet_users_pct", economy: "IND", year: 2023, value: "-1" },
    ]);
    expect(res.errors![0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.observations" });
    const rows = res.errors![0].extensions!.invalidRows as Array<{ index: number; field: string; message: string }>;
    expect(rows.map((r) => [r.index, r.field])).toEqual([
      [1, "value"],
      [2, "value"],
    ]);
    expect(rows.every((r) => r.message.includes("PERCENT_OUT_OF_RANGE"))).toBe(true);
    expect(await databaseState(sg)).toEqual(before);
  });

  it("a total outside its breakdown and a jump are published, with warnings and flags; a correction clears them", async () => {
    // Kenya's internet use in the UN SDG dataset ends in 2021 (the file's value); 2022 published as given here
    const [kenya2021] = dataFile("unsd_sdg_it_use_ii99.csv").filter(
      (r) => r.geo_area === "404" && r.year === "2021" && isUnsdTotal(r),
    );
    const jump = (Number(kenya2021.it_use_ii99) + 30).toFixed(2);
    const key = nextKey();
    const res = await publish(
      [
        { indicator: "internet_users_pct", economy: "KEN", year: 2022, value: jump },
        { indicator: "internet_users_pct", economy: "KEN", year: 2022, breakdown: { sex: "FEMALE" }, value: "30" },
        { indicator: "internet_users_pct", economy: "KEN", year: 2022, breakdown: { sex: "MALE" }, value: "35" },
      ],
      key,
    );
    expect(res.errors).toBeUndefined();
    const published = res.data!.publishObservations;
    expect(published.releaseNumber).toBe(2);
    expect(published.warnings.map((w) => [w.rule, w.index, w.observationId])).toEqual([
      ["TOTAL_OUTSIDE_BREAKDOWN", 0, `internet_users_pct|${UNSD}|KEN|2022|_T`],
      ["YEAR_ON_YEAR_JUMP", 0, `internet_users_pct|${UNSD}|KEN|2022|_T`],
    ]);
    expect(published.warningCount).toBe(2);
    expect(published.warnings[1].message).toContain(kenya2021.it_use_ii99);
    // the same call again replays the result, warnings included
    const again = await publish(
      [
        { indicator: "internet_users_pct", economy: "KEN", year: 2022, value: jump },
        { indicator: "internet_users_pct", economy: "KEN", year: 2022, breakdown: { sex: "FEMALE" }, value: "30" },
        { indicator: "internet_users_pct", economy: "KEN", year: 2022, breakdown: { sex: "MALE" }, value: "35" },
      ],
      key,
    );
    expect(again.data!.publishObservations).toEqual({ ...published, replayed: true });

    const flags = async () =>
      (
        await sg.query<{
          observations: {
            edges: Array<{ node: { breakdown: { key: string }; qualityFlags: Array<{ rule: string }> } }>;
          };
        }>(
          `{ observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2022, toYear: 2022, dataset: "${UNSD}", allBreakdowns: true }) {
              edges { node { breakdown { key } qualityFlags { rule } } } } }`,
        )
      ).data!.observations.edges.map((e) => [e.node.breakdown.key, e.node.qualityFlags.map((f) => f.rule)]);
    expect(await flags()).toEqual([
      ["_T", ["TOTAL_OUTSIDE_BREAKDOWN", "YEAR_ON_YEAR_JUMP"]],
      ["sex=FEMALE", []],
      ["sex=MALE", []],
    ]);
    // a correction within the breakdown and the threshold: published without warnings, and the flags are gone
    const corrected = await publish([{ indicator: "internet_users_pct", economy: "KEN", year: 2022, value: "32.5" }]);
    expect(corrected.data!.publishObservations).toMatchObject({ warningCount: 0, warnings: [] });
    expect(await flags()).toEqual([
      ["_T", []],
      ["sex=FEMALE", []],
      ["sex=MALE", []],
    ]);
  });

  it("a value that disagrees with another dataset flags both sides, and a correction clears both", async () => {
    const [wdi] = dataFile("gapminder_wdi_internet_users_2000-2024.csv").filter(
      (r) => r.geo === "ken" && r.time === "2023",
    );
    const flags = async () => {
      const res = await sg.query<{
        u: { edges: Array<{ node: { qualityFlags: Array<{ rule: string }> } }> };
        w: { edges: Array<{ node: { valueText: string; qualityFlags: Array<{ rule: string; message: string }> } }> };
      }>(
        `{ u: observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2023, toYear: 2023, dataset: "${UNSD}" }) { edges { node { qualityFlags { rule } } } }
           w: observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2023, toYear: 2023, dataset: "${WDI}" }) { edges { node { valueText qualityFlags { rule message } } } } }`,
      );
      return { unsd: res.data!.u.edges[0].node.qualityFlags.map((f) => f.rule), wdi: res.data!.w.edges[0].node };
    };
    const far = await publish([
      {
        indicator: "internet_users_pct",
        economy: "KEN",
        year: 2023,
        value: (Number(wdi.internet_users) + 20).toFixed(2),
      },
    ]);
    expect(far.data!.publishObservations.warnings.map((w) => w.rule)).toContain("DATASETS_DISAGREE");
    const after = await flags();
    expect(after.unsd).toContain("DATASETS_DISAGREE");
    expect(after.wdi.valueText).toBe(wdi.internet_users);
    expect(after.wdi.qualityFlags).toEqual([{ rule: "DATASETS_DISAGREE", message: expect.stringContaining(UNSD) }]);
    const near = await publish([
      { indicator: "internet_users_pct", economy: "KEN", year: 2023, value: wdi.internet_users },
    ]);
    expect(near.data!.publishObservations.warnings.map((w) => w.rule)).not.toContain("DATASETS_DISAGREE");
    expect(await flags()).toEqual({ unsd: [], wdi: { valueText: wdi.internet_users, qualityFlags: [] } });
  });

  it("a publication that changes coverage can change the default dataset: withdrawing the WDI's 2022 and 2023 makes the UN SDG extract the freshest", async () => {
    const { gapminder } = countryCodes();
    const keys = dataFile("gapminder_wdi_internet_users_2000-2024.csv")
      .filter((r) => r.time === "2022" || r.time === "2023" || r.time === "2024")
      .map((r) => ({ indicator: "internet_users_pct", economy: gapminder(r.geo)!, year: Number(r.time) }));
    const before = await sg.query<{ indicator: { defaultDataset: { id: string } } }>(
      '{ indicator(code: "internet_users_pct") { defaultDataset { id } } }',
    );
    expect(before.data!.indicator.defaultDataset.id).toBe(WDI);
    const res = await sg.query(
      `mutation($input: WithdrawObservationsInput!) { withdrawObservations(input: $input) { withdrawn } }`,
      {
        input: {
          dataset: WDI,
          idempotencyKey: nextKey(),
          note: "test: coverage of the WDI reduced to 2021",
          observations: keys,
        },
      },
      asCaller(),
    );
    expect(res.errors).toBeUndefined();
    const after = await sg.query<{
      indicator: { defaultDataset: { id: string }; defaultDatasetChoice: { latestYear: number } };
      latestObservations: Array<{ dataset: { id: string } }>;
    }>(
      '{ indicator(code: "internet_users_pct") { defaultDataset { id } defaultDatasetChoice { latestYear } } latestObservations(indicator: "internet_users_pct") { dataset { id } } }',
    );
    expect(after.data!.indicator).toEqual({ defaultDataset: { id: UNSD }, defaultDatasetChoice: { latestYear: 2021 } });
    expect(after.data!.latestObservations.every((o) => o.dataset.id === UNSD)).toBe(true);
  });
});

describe("the migration that reads area 57 as FSM on a database seeded before it (runs last: it migrates down to before it and up)", () => {
  it("moves the rows of the ITU series seeded under 057 to FSM, and back on the way down", async () => {
    const count = async () =>
      (
        await sg.dataSource.query(
          `SELECT count(*) FILTER (WHERE economy_code = 'FSM')::int AS fsm, count(*) FILTER (WHERE economy_code = '057')::int AS region
             FROM observation WHERE dataset_id = $1 AND source_area_code = '57'`,
          [UNSD],
        )
      )[0];
    const flags = async () =>
      (await sg.dataSource.query(
        `SELECT rule, count(*)::int AS n FROM observation_quality_flag GROUP BY rule ORDER BY rule`,
      )) as unknown[];
    const flagged = await flags();
    const seeded = await count();
    expect(seeded.fsm).toBeGreaterThan(40);
    expect(seeded.region).toBe(0);
    // back to before the data-quality migration (undoing the later ones first)
    const names = sg.dataSource.migrations.map((m) => m.name);
    expect(names).toContain("DataQuality1764700000000");
    for (let i = names.indexOf("DataQuality1764700000000"); i < names.length; i += 1)
      await sg.dataSource.undoLastMigration({ transaction: "all" });
    // a database as the previous seed left it: the rows under the sub-region, no flag table
    expect(await count()).toEqual({ fsm: 0, region: seeded.fsm });
    expect((await sg.dataSource.query(`SELECT to_regclass('observation_quality_flag') AS t`))[0].t).toBeNull();
    await sg.dataSource.runMigrations({ transaction: "all" });
    expect(await count()).toEqual(seeded);
    // the seed fills the flags and the choice of datasets again
    expect(await flags()).toEqual([]);
    await indicatorsModule.seed(sg.dataSource);
    expect(await flags()).toEqual(flagged);
  });
});
