import { startHub, type TestHub } from "./hub";
import { count, inlineCode, readmeTable } from "./readme-data";
import { readmeQueries } from "./readme-queries";

/** Every example query of the README runs through the gateway without an error, so the README stays true. */
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.stop();
});

const queries = readmeQueries();

it("finds the README's example queries", () => {
  expect(queries.length).toBeGreaterThan(15);
});

it.each(queries.map((q) => [q.replace(/\s+/g, " ").slice(0, 90), q]))("runs %s", async (_name, query) => {
  const res = await hub.query(query);
  expect(res.errors).toBeUndefined();
  expect(res.data).toBeTruthy();
});

describe("the README's 'What data is in it' tables are what the hub serves", () => {
  interface Records {
    actionLines: { code: string; facilitations: { verified: boolean }[]; sdgLinks: unknown[] }[];
    agencies: unknown[];
    sdgGoals: { targets: { indicators: unknown[] }[] }[];
    economies: { kind: string }[];
    indicators: { datasets: { observationCount: number; dataset: { id: string } | null }[] }[];
    events: { startsOn: { value: string } }[];
    roadmapTracks: unknown[];
    reports: { totalCount: number };
    reportTemplates: unknown[];
    prizeCycles: { year: number }[];
    stocktakingEntries: { totalCount: number };
  }
  const RECORDS = `{
    actionLines { code facilitations { verified } sdgLinks { target { code } } }
    agencies { id }
    sdgGoals { targets { indicators { code } } }
    economies { kind }
    indicators { datasets { observationCount dataset { id } } }
    events { startsOn { value } }
    roadmapTracks { id }
    reports { totalCount }
    reportTemplates { id }
    prizeCycles { year }
    stocktakingEntries { totalCount }
  }`;
  const years = (list: number[]) => `${Math.min(...list)}–${Math.max(...list)}`;
  /** Each row of the README's records table, by the start of its first cell, as the hub counts it. */
  const expected: [string, (r: Records) => string][] = [
    ["WSIS action lines", (r) => count(r.actionLines.length)],
    [
      "agencies facilitating action lines",
      (r) => {
        const all = r.actionLines.flatMap((a) => a.facilitations);
        return `${count(all.length)} (${count(all.filter((f) => f.verified).length)} verified)`;
      },
    ],
    ["links between action lines and SDG targets", (r) => count(r.actionLines.flatMap((a) => a.sdgLinks).length)],
    [
      "SDG goals / targets / indicators",
      (r) => {
        const targets = r.sdgGoals.flatMap((g) => g.targets);
        return [r.sdgGoals.length, targets.length, targets.flatMap((t) => t.indicators).length].map(count).join(" / ");
      },
    ],
    ["agencies (", (r) => count(r.agencies.length)],
    [
      "economies",
      (r) => ["COUNTRY", "AGGREGATE"].map((k) => count(r.economies.filter((e) => e.kind === k).length)).join(" / "),
    ],
    [
      "ICT indicators / datasets / observations",
      (r) => {
        const links = r.indicators.flatMap((i) => i.datasets);
        const datasets = new Set(links.map((d) => d.dataset?.id));
        return [r.indicators.length, datasets.size, links.reduce((n, d) => n + d.observationCount, 0)]
          .map(count)
          .join(" / ");
      },
    ],
    ["events, ", (r) => count(r.events.length)],
    ["tracks of the 2022–2025 roadmap", (r) => count(r.roadmapTracks.length)],
    ["reports / report templates", (r) => `${count(r.reports.totalCount)} / ${count(r.reportTemplates.length)}`],
    ["WSIS Prize cycles", (r) => `${count(r.prizeCycles.length)} (${years(r.prizeCycles.map((c) => c.year))})`],
    ["WSIS Stocktaking entries", (r) => count(r.stocktakingEntries.totalCount)],
  ];

  it("counts every kind of record as the README says", async () => {
    const res = await hub.query<Records>(RECORDS);
    expect(res.errors).toBeUndefined();
    const records = res.data!;
    const table = readmeTable("records");
    expect(table.header).toEqual(["what", "how many", "ask"]);
    expect(table.rows.map((row) => expected.find(([label]) => row[0].startsWith(label))?.[0] ?? row[0])).toEqual(
      expected.map(([label]) => label),
    );
    const [eventsRow] = table.rows.filter((row) => row[0].startsWith("events, "));
    expect(eventsRow[0]).toContain(years(records.events.map((e) => Number(e.startsOn.value.slice(0, 4)))));
    expect(table.rows.map((row) => row[1])).toEqual(expected.map(([, compute]) => compute(records)));
  });

  it("asks each count with a query that runs", async () => {
    for (const row of readmeTable("records").rows) {
      const query = inlineCode(row[2]);
      expect(query).toBeDefined();
      const res = await hub.query(query!);
      expect({ row: row[0], errors: res.errors }).toEqual({ row: row[0], errors: undefined });
    }
  });

  it("lists every indicator in every dataset, the default in bold, with its years and observations", async () => {
    const res = await hub.query<{
      indicators: {
        code: string;
        name: string;
        unit: string;
        datasets: {
          dataset: { id: string };
          isDefault: boolean;
          observationCount: number;
          firstYear: number | null;
          lastYear: number | null;
        }[];
      }[];
    }>(`{ indicators { code name unit datasets { dataset { id } isDefault observationCount firstYear lastYear } } }`);
    expect(res.errors).toBeUndefined();
    const rows = res.data!.indicators.flatMap((indicator) =>
      [...indicator.datasets]
        .sort((a, b) => a.dataset.id.localeCompare(b.dataset.id))
        .map((d) => [
          indicator.name,
          `\`${indicator.code}\``,
          indicator.unit,
          d.isDefault ? `**\`${d.dataset.id}\`**` : `\`${d.dataset.id}\``,
          d.firstYear === null ? "—" : `${d.firstYear}–${d.lastYear}`,
          count(d.observationCount),
        ]),
    );
    const table = readmeTable("indicators");
    expect(table.header).toEqual(["indicator", "code", "unit", "dataset", "years", "observations"]);
    expect(table.rows).toEqual(rows);
  });
});
