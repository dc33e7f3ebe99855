import { readFileSync } from "node:fs";
import path from "node:path";
import { callerHeaders } from "@wsis/shared";
import { TEST_INTERNAL_SECRET, type TestSubgraph } from "@wsis/shared/testing";
import { parse } from "csv-parse/sync";

/** Parses a shipped data file on its own, without the seed's code. */
export const dataFile = (name: string) =>
  parse(readFileSync(path.join(__dirname, "../data", name), "utf8"), { columns: true, bom: true }) as Array<
    Record<string, string>
  >;

export interface ServedObservation {
  economy: { code: string; m49: string };
  year: number;
  value: number;
  valueText: string;
  nature: string | null;
  unitCode: string | null;
  breakdown: {
    sex: string | null;
    speed: string | null;
    age: string | null;
    location: string | null;
    skill: string | null;
    educationLevel: string | null;
  };
}

const PAGE = `query($f: ObservationFilter!, $after: String) {
  observations(filter: $f, first: 1000, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { economy { code m49 } year value valueText nature unitCode breakdown { sex speed age location skill educationLevel } } }
  }
}`;

/** Every observation of a filter, paging through the API 1000 at a time; also returns the totalCount it reports. */
export async function allObservations(
  sg: TestSubgraph<unknown>,
  filter: Record<string, unknown>,
): Promise<{ nodes: ServedObservation[]; totalCount: number; pages: number }> {
  const nodes: ServedObservation[] = [];
  let after: string | null = null;
  let totalCount = -1;
  let pages = 0;
  for (;;) {
    const res: Awaited<ReturnType<typeof sg.query>> = await sg.query(PAGE, { f: filter, after });
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    const page = (
      res.data as {
        observations: {
          totalCount: number;
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
          edges: Array<{ node: ServedObservation }>;
        };
      }
    ).observations;
    pages += 1;
    totalCount = page.totalCount;
    nodes.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  return { nodes, totalCount, pages };
}

/** Headers of a caller forwarded and signed by the gateway (as the gateway sends them). */
export function asCaller(
  scopes: string[] = ["indicators:publish"],
  agency = "ITU",
  subject = "statistician@itu.int",
): Record<string, string> {
  return callerHeaders({ agency, subject, scopes }, TEST_INTERNAL_SECRET);
}

/**
 * Counts and checksums of every table a publication writes: the current values, their history, the releases, the
 * sources, the idempotency keys and the audit trail. Equal before and after a refused publication means nothing was
 * written.
 */
export async function databaseState(sg: TestSubgraph<unknown>): Promise<Record<string, unknown>> {
  const [row] = await sg.dataSource.query(`SELECT
    (SELECT count(*)::int FROM observation) AS observations,
    (SELECT md5(string_agg(concat_ws('|', indicator_code, dataset_id, economy_code, year, breakdown_key, sex, age, speed, location,
                                      value_text, unit_code, nature, footnote, source_area_code, source_id, release), ','
                           ORDER BY indicator_code, dataset_id, economy_code, year, breakdown_key)) FROM observation) AS observations_md5,
    (SELECT count(*)::int FROM observation_revision) AS revisions,
    (SELECT md5(COALESCE(string_agg(concat_ws('|', indicator_code, dataset_id, economy_code, year, breakdown_key, value_text, nature,
                                      footnote, source_id, valid_from_release, valid_to_release, withdrawn), ','
                           ORDER BY indicator_code, dataset_id, economy_code, year, breakdown_key, valid_from_release), '')) FROM observation_revision) AS revisions_md5,
    (SELECT count(*)::int FROM dataset_release) AS releases,
    (SELECT count(*)::int FROM source) AS sources,
    (SELECT count(*)::int FROM publication_request) AS idempotency_keys,
    (SELECT count(*)::int FROM audit_log) AS audit_entries`);
  return row;
}

/**
 * An empty dataset for imports (test set-up, in SQL: the API publishes observations into datasets, it does not create
 * datasets). It publishes the given indicators.
 */
export async function createEmptyDataset(sg: TestSubgraph<unknown>, id: string, indicators: string[]): Promise<void> {
  await sg.dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO source (id, title, publisher, url, licence, note) VALUES ($1, $2, 'test', NULL, 'CC-BY-4.0', 'test fixture')`,
      [`test-${id}`, `Test dataset ${id}`],
    );
    await m.query(
      `INSERT INTO dataset (id, title, publisher, publisher_agency_id, release, release_date, licence, citation, url, note, source_id)
       VALUES ($1, $2, 'test', 'ITU', 'test', NULL, 'CC-BY-4.0', 'test', NULL, NULL, $3)`,
      [id, `Test dataset ${id}`, `test-${id}`],
    );
    for (const indicator of indicators) {
      await m.query(
        `INSERT INTO indicator_dataset (indicator_code, dataset_id, series_code, file, source_id) VALUES ($1, $2, NULL, 'import', $3)`,
        [indicator, id, `test-${id}`],
      );
    }
  });
}

/**
 * How the files' area codes name countries, from the shipped geo files alone: ISO alpha-3 codes and Kosovo (XKX);
 * UNSD M49 numbers through the ISO file (412 is Kosovo, and 57 the Federated States of Micronesia, see data/SOURCES.md);
 * Gapminder ids upper-cased when they are ISO codes, else through the Gapminder list. Aggregates map to null.
 */
export function countryCodes(): { unsd: (area: string) => string | null; gapminder: (geo: string) => string | null } {
  const iso = dataFile("iso3166_m49_all.csv");
  const countries = new Set([...iso.map((r) => r["alpha-3"]), "XKX"]);
  const byM49 = new Map(iso.map((r) => [String(Number(r["country-code"])), r["alpha-3"]]));
  byM49.set("412", "XKX");
  byM49.set("57", "FSM");
  const listed = new Map(dataFile("gapminder_geo_country.csv").map((r) => [r.country, r.iso3166_1_alpha3]));
  return {
    unsd: (area) => byM49.get(String(Number(area))) ?? null,
    gapminder: (geo) =>
      countries.has(geo.toUpperCase()) ? geo.toUpperCase() : geo === "kos" ? "XKX" : listed.get(geo) || null,
  };
}

/** The M49 number an area code of the UNSD files is served under: itself, except 57, the Federated States of Micronesia (583). */
export const servedM49 = (area: string): number => (Number(area) === 57 ? 583 : Number(area));

/** A row of a UNSD file that is a total: no dimension broken down. */
export const isUnsdTotal = (r: Record<string, string>) =>
  ["sex", "age", "location", "type_of_speed"].every((d) =>
    [undefined, "", "notspec", "bothsex", "anys", "allage", "allarea"].includes(r[d]),
  ) &&
  // Type of skill and education level have no total: a row that names one is never the total.
  r.type_of_skill === undefined &&
  r.education_level === undefined;

/**
 * The default dataset of each indicator by the rule of src/dataset/dataset-choice.ts, computed here from the shipped
 * files alone (an oracle independent of the SQL): per dataset, the countries with a total in each year; a year is
 * complete when it has at least half the best count of any dataset of the indicator; rank by latest complete year,
 * then countries that year, then release date.
 */
export function defaultDatasetsFromFiles(): Map<string, { dataset: string; year: number | null; countries: number }> {
  const { unsd, gapminder } = countryCodes();
  const releaseDate: Record<string, string> = {
    "unsd-sdg-2023-12": "2023-12-17",
    "wdi-2026-03": "2026-03-01",
    "gapminder-pc-2026-03": "2026-03-01",
  };
  const result = new Map<string, { dataset: string; year: number | null; countries: number }>();
  for (const row of dataFile("ict_indicator_catalog.csv")) {
    const perDataset = row.data_files
      .split(";")
      .map((f) => f.trim())
      .map((file) => {
        const dataset = file.startsWith("unsd_")
          ? "unsd-sdg-2023-12"
          : file.startsWith("gapminder_personal_")
            ? "gapminder-pc-2026-03"
            : "wdi-2026-03";
        const byYear = new Map<number, Set<string>>();
        for (const r of dataFile(file)) {
          const country = file.startsWith("unsd_") ? (isUnsdTotal(r) ? unsd(r.geo_area) : null) : gapminder(r.geo);
          if (country === null) continue;
          const year = Number(r.year ?? r.time);
          if (!byYear.has(year)) byYear.set(year, new Set());
          byYear.get(year)!.add(country);
        }
        return { dataset, byYear };
      });
    const best = Math.max(...perDataset.flatMap((d) => [...d.byYear.values()].map((s) => s.size)));
    const ranked = perDataset
      .map(({ dataset, byYear }) => {
        const complete = [...byYear].filter(([, s]) => s.size >= best * 0.5).sort(([a], [b]) => b - a)[0];
        return { dataset, year: complete ? complete[0] : null, countries: complete ? complete[1].size : 0 };
      })
      .sort(
        (a, b) =>
          (b.year ?? -1) - (a.year ?? -1) ||
          b.countries - a.countries ||
          releaseDate[b.dataset].localeCompare(releaseDate[a.dataset]),
      );
    result.set(row.id, ranked[0]);
  }
  return result;
}
