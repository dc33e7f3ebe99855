import type { OpCost, RunInfo, ScaleResult, SideResult } from "./results";
import { describeSide } from "./sides";

/** The "CPU per request, before and after" section: W1–W5, then the dashboard's own operations, per process. */

export const sideOf = (r: ScaleResult, name: SideResult["side"]): SideResult | undefined =>
  r.sides?.find((s) => s.side === name);

export const opOf = (r: ScaleResult, side: SideResult["side"], id: string): OpCost | undefined =>
  sideOf(r, side)?.ops.find((o) => o.id === id);

/** The process columns: the gateway, each subgraph seen, PostgreSQL. */
function processNames(results: ScaleResult[]): string[] {
  const seen = new Set<string>();
  for (const r of results)
    for (const s of r.sides ?? []) for (const o of s.ops) for (const name of Object.keys(o.perProcess)) seen.add(name);
  const middle = [...seen].filter((n) => n !== "gateway" && n !== "PostgreSQL").sort();
  return [...(seen.has("gateway") ? ["gateway"] : []), ...middle, ...(seen.has("PostgreSQL") ? ["PostgreSQL"] : [])];
}

const f = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? "–" : v.toFixed(2));

function table(results: ScaleResult[], kind: OpCost["kind"], names: string[]): string[] {
  const lines = [
    `| scale | operation | ${names.join(" | ")} | **all processes** | after ÷ before | SQL statements (before → after) | requests measured (before / after) | same answer |`,
    `|---|---|${names.map(() => "---:").join("|")}|---:|---:|---:|---:|---|`,
  ];
  for (const r of results) {
    const after = sideOf(r, "after");
    if (!after) continue;
    for (const a of after.ops.filter((o) => o.kind === kind)) {
      const b = opOf(r, "before", a.id);
      const cell = (name: string) =>
        b ? `${f(b.perProcess[name])} → ${f(a.perProcess[name])}` : f(a.perProcess[name]);
      const ratio = b && b.total > 0 ? `${(a.total / b.total).toFixed(2)}×` : "–";
      const failures = a.failures + (b?.failures ?? 0);
      lines.push(
        `| ${r.scale} | ${a.id} | ${names.map(cell).join(" | ")} | **${b ? `${f(b.total)} → ` : ""}${f(a.total)}** | ${ratio} | ${b ? `${b.statements} → ` : ""}${a.statements} | ${b ? `${b.requests} / ` : ""}${a.requests} | ${b?.sameAsAfter === false ? "**no**" : b ? "yes" : "–"}${failures ? ` (${failures} failed or different during the cells)` : ""}${[b, a].flatMap((o) => (o?.error ? [` **not measured (${o === b ? "before" : "after"}): ${o.error.replace(/[|\n]/g, " ").slice(0, 240)}**`] : [])).join("")} |`,
      );
    }
  }
  return lines;
}

export function sidesSection(info: RunInfo, results: ScaleResult[]): string[] {
  const measured = results.filter((r) => sideOf(r, "after"));
  if (!measured.length) return [];
  const after = sideOf(measured[0], "after") as SideResult;
  const before = measured.map((r) => sideOf(r, "before")).find(Boolean);
  const names = processNames(measured);
  const lines = [
    "## CPU per request, before and after",
    "",
    `CPU milliseconds per request of each process (its CPU time from /proc/<pid>/stat ÷ the requests it answered in the cell), through the hub's gateway with its response cache off, ${after.connections} connections, ${info.cpuCellSeconds ?? after.seconds} s per operation after ${info.warmupSeconds} s of warm-up; "before → after" in each cell. ` +
      `**After**: ${describeSide(after)} — the same processes as the rest of this report. ` +
      (before
        ? `**Before**: ${describeSide(before)} — the code paths before issue #19's levers, started by the same command after the after side stopped, on the same database. `
        : "Before was not measured (`--no-before`). ") +
      "The kernel counts CPU time in 10 ms ticks, so a cell of few requests is coarse; a busy machine changes these figures much less than throughput or latency. " +
      "Every answer of a cell was compared byte for byte with the side's first answer, and the before side's with the after side's (last column).",
    "",
    ...(after.execution === "graphql-js"
      ? [
          "**The after side ran graphql-js in the subgraphs** (the code's default when this run was made): compiled execution, one of issue #19's levers, is only in these figures when the command runs with `--after-execution compiled` (or `SUBGRAPH_EXECUTION=compiled`).",
          "",
        ]
      : []),
    "### W1–W5",
    "",
    ...table(measured, "workload", names),
    "",
  ];
  if (measured.some((r) => sideOf(r, "after")?.ops.some((o) => o.kind === "dashboard"))) {
    lines.push(
      "### The dashboard's own operations",
      "",
      "The operations the dashboard sends (`gateway/dashboard/src/gql/persisted-documents.json`, the exact texts), with the variables of its default views (infra/src/bench/dashboard-ops.ts: the map of `internet_users_pct`, the series of KEN, IND, BRA and Africa from 2005, Africa's computed figure for 2022, the profile of KEN, the WSIS–SDG matrix, the timeline 2022–2027). None of them is a W1–W5 document: a gain here is not keyed to the benchmark's workload.",
      "",
      ...table(measured, "dashboard", names),
      "",
    );
  }
  return lines;
}
