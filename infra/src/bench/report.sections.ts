import type { Machine } from "./machine";
import { SYNTHETIC_ROWS } from "./options";
import { compareConnectionsFor, find, targetConnections } from "./report.figures";
import { byProcess, cores, count, mb, ms, ratio, rps } from "./report.format";
import { TARGET_LABELS, type Measurement, type RunInfo, type ScaleResult, type TargetKind } from "./results";
import { SYNTHETIC_DATASET, SYNTHETIC_LABEL } from "./synthetic";
import { WORKLOAD, type WorkloadId, type WorkloadQuery } from "./workload";

/** The sections of BENCHMARKS.md after the targets: the run, the workload, each scale, across scales, what limits a miss. */

/** The machine, the command, how to run it and how the comparisons are made like for like. */
export function runSection(machine: Machine, info: RunInfo): string[] {
  const lines: string[] = [];
  lines.push(
    "## Machine and run",
    "",
    "| | |",
    "|---|---|",
    `| CPU | ${machine.cores} cores — ${machine.cpuModel} |`,
    `| Memory | ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB |`,
    `| OS | ${machine.os} |`,
    `| Node.js | ${machine.node} |`,
    `| PostgreSQL | ${info.postgresVersion} — ${info.database} |`,
    `| Command | \`${info.command}\` |`,
    `| Load generator | autocannon 8, in the benchmark's own process on the same machine: ${info.durationSeconds} s per cell after ${info.warmupSeconds} s of warm-up per target and query; keep-alive connections, one request in flight each; the same POST body every time, and every answer compared with the expected one |`,
    `| Connections | hub and Hive: ${info.connections.join(", ")}; subgraph straight, SQL floor and cache on: ${info.compareConnections.join(", ")} |`,
    `| Processes | each subgraph, the hub's gateway (cache off), the hub's gateway (cache on), Hive Gateway and the SQL floor are separate Node processes on 127.0.0.1, all started by the benchmark; NODE_ENV=production, LOG_LEVEL=warn, APOLLO_TELEMETRY_DISABLED=true; database pool ${info.poolSize} per subgraph and for the floor |`,
    `| Latency | from every response's own time (sub-millisecond), p50/p95/p99 over all requests of the cell |`,
    "",
    "## How to run it",
    "",
    "```sh",
    "npm install",
    "npm run bench                                  # scales S and L, before and after: about 30 minutes on 2 cores (build included); writes BENCHMARKS.md",
    "npm run bench -- --scale S --no-before         # S only, after only: a few minutes",
    "npm run bench -- --scale S,M,L                 # with M (1,000,000 synthetic observations)",
    "npm run bench -- --duration 10 --compare-connections 1,10,50 --queries W2,W3",
    "BENCH_DATABASE_URL=postgres://postgres:pw@127.0.0.1:5432/postgres npm run bench   # your server instead of an embedded one",
    "npm run bench -- --help",
    "```",
    "",
    "What it does: builds (turbo), starts a throw-away embedded PostgreSQL on its own port (or uses `BENCH_DATABASE_URL`), " +
      "and for each scale creates a separate database (`wsis_bench_s`, `wsis_bench_m`, `wsis_bench_l` — never the `wsis` database of `npm start`), " +
      "runs every subgraph's migrations and seed (the real reference data), and for M and L (S and L by default) adds " +
      `${count(SYNTHETIC_ROWS.M)} / ${count(SYNTHETIC_ROWS.L)} synthetic observations with one INSERT … SELECT generate_series per million rows, ` +
      `into their own dataset \`${SYNTHETIC_DATASET}\` whose source says "${SYNTHETIC_LABEL}" (every real indicator × every economy × 1960–2024, then extra breakdowns \`age=SYN…\`; no workload query reads them — they make the tables as large as the scale says). ` +
      "It then starts the four subgraphs, the hub's gateway twice (response cache off and on), `hive-gateway supergraph` over the same supergraph file, and the SQL floor server; " +
      "checks that every target answers the same data; counts SQL statements; warms up; and measures. " +
      "Then, for CPU per request, it sends W1–W5 and the dashboard's own operations through the hub's gateway (cache off) for a shorter cell each, " +
      "stops everything, and does the same again with the code paths before issue #19's levers (subgraphs with `SUBGRAPH_EXECUTION=graphql-js`, a gateway with `GATEWAY_SINGLE_FETCH_PASSTHROUGH=false`; `--no-before` skips it). " +
      "Everything it started is stopped at the end or on Ctrl-C, and the databases are dropped.",
    "",
    "How the comparisons are made like for like:",
    "",
    "- **Hive Gateway** (`@graphql-hive/gateway` " +
      "2, one process, `--fork 1`) serves the same supergraph file with the same subgraph processes. Its in-flight deduplication of subgraph requests " +
      "(on by default: `deduplicateInflightRequests` of its HTTP executor) is turned off with `transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } }`, " +
      "inbound deduplication is off (`inboundInflightRequestDeduplication: false`, its default) and it has no response cache; the statement counts under concurrent load below show it sends every request on (the same count per request as the hub). " +
      "The hub's gateway runs with `RESPONSE_CACHE=false` for every row except the one marked cache on.",
    "- **Subgraph straight**: the same operation POSTed to the subgraph that owns it (W2–W4 are single-subgraph queries).",
    "- **SQL floor**: one hand-written SQL statement per query reading the same figures (checked against the GraphQL answer before measuring), " +
      "run by a minimal `node:http` server over a `pg` pool of the same size that answers the rows as JSON — measured with autocannon exactly like the others, so HTTP and JSON are on both sides.",
    "- **SQL statements** are read from each subgraph's own counter (`GET /debug/statements`, only served when `EXPOSE_STATEMENT_COUNT=true`, which only the benchmark sets).",
    "",
  );
  return lines;
}

export function workloadSection(queries: readonly WorkloadQuery[]): string[] {
  const lines = ["## The workload", ""];
  lines.push("| id | what a dashboard asks | subgraphs | also sent to |", "|---|---|---|---|");
  const subgraphsOf: Record<WorkloadId, string> = {
    W1: "action-lines → events, reports, indicators",
    W2: "indicators",
    W3: "indicators",
    W4: "indicators",
    W5: "events → reports",
  };
  for (const q of queries) {
    lines.push(
      `| ${q.id} | ${q.title} | ${subgraphsOf[q.id]} | ${q.subgraph ? "its subgraph straight; one SQL statement (floor)" : "–"} |`,
    );
  }
  lines.push(
    "",
    "<details><summary>The operations (infra/src/bench/workload.ts, also run by the statement-count test)</summary>",
    "",
  );
  for (const q of queries) {
    lines.push(`**${q.id}** — variables \`${JSON.stringify(q.variables)}\``, "", "```graphql", q.query, "```", "");
    if (q.floor) lines.push("SQL floor:", "", "```sql", q.floor.sql.replace(/^ {12}/gm, ""), "```", "");
  }
  lines.push("</details>", "");
  return lines;
}

export function scaleSection(machine: Machine, info: RunInfo, r: ScaleResult): string[] {
  const lines: string[] = [];
  const queries = WORKLOAD.filter((q) => r.statements[q.id]);
  const c = targetConnections(info);
  const cc = compareConnectionsFor(info);
  lines.push(
    `## Scale ${r.scale}`,
    "",
    `${count(r.observations)} observations (${r.syntheticObservations ? `${count(r.syntheticObservations)} synthetic in dataset \`${SYNTHETIC_DATASET}\`, ${count(r.observations - r.syntheticObservations)} real` : "real data only"}); ` +
      `observation table with its indexes ${mb(r.tableBytes)}; database \`${r.database}\` created, migrated, seeded${r.syntheticObservations ? " and loaded" : ""} in ${r.setupSeconds.toFixed(0)} s` +
      (r.wallSeconds ? `; the whole scale took ${(r.wallSeconds / 60).toFixed(1)} min.` : "."),
    "",
  );

  for (const kind of ["hub", "hive"] as const) {
    lines.push(
      `### ${kind === "hub" ? "Through the hub's gateway (response cache off)" : "Through Hive Gateway (same supergraph file and subgraphs; in-flight deduplication off, no cache)"}`,
      "",
    );
    lines.push(
      "| query | connections | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx | wrong body | SQL statements / request |",
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    for (const q of queries) {
      const s = r.statements[q.id]?.[kind];
      for (const m of r.measurements.filter((x) => x.query === q.id && x.target === kind)) {
        const cell = m.cell;
        lines.push(
          `| ${q.id} | ${cell.connections} | ${rps(cell.rps)} | ${ms(cell.p50)} | ${ms(cell.p95)} | ${ms(cell.p99)} | ${cell.errors} | ${cell.non2xx} | ${cell.mismatches} | ${s ? `${s.single} (${s.underLoad.toFixed(2)} at ${s.loadConnections})` : "–"} |`,
        );
      }
    }
    lines.push("");
  }

  lines.push(`### Side by side at ${cc} connections (requests per second; p95 in ms)`, "");
  lines.push(
    "| query | hub gateway | Hive Gateway | hub / Hive | subgraph straight | hub / straight | SQL floor | hub / floor | hub, cache on | cache on / straight |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const q of queries) {
    const get = (k: TargetKind, conns: number) => find(r, q.id, k, conns);
    const hub = get("hub", cc);
    const hive = get("hive", cc);
    const direct = get("direct", cc);
    const floor = get("floor", cc);
    const cache = get("cache", cc);
    const cell = (m?: Measurement) => (m ? `${rps(m.cell.rps)} (${ms(m.cell.p95)})` : "–");
    const div = (a?: Measurement, b?: Measurement) => (a && b ? ratio(a.cell.rps / b.cell.rps) : "–");
    lines.push(
      `| ${q.id} | ${cell(hub)} | ${cell(hive)} | ${div(hub, hive)} | ${cell(direct)} | ${div(hub, direct)} | ${cell(floor)} | ${div(hub, floor)} | ${cell(cache)} | ${div(cache, direct)} |`,
    );
  }
  lines.push("");
  const rest = r.measurements.filter(
    (m) => (m.target === "direct" || m.target === "floor" || m.target === "cache") && m.cell.connections !== cc,
  );
  if (rest.length) {
    lines.push(
      "Other connection counts of the comparison rows:",
      "",
      "| query | target | connections | req/s | p50 ms | p95 ms | p99 ms |",
      "|---|---|---:|---:|---:|---:|---:|",
    );
    for (const m of rest)
      lines.push(
        `| ${m.query} | ${TARGET_LABELS[m.target]} | ${m.cell.connections} | ${rps(m.cell.rps)} | ${ms(m.cell.p50)} | ${ms(m.cell.p95)} | ${ms(m.cell.p99)} |`,
      );
    lines.push("");
  }
  const errors = r.measurements.filter((m) => m.cell.errors + m.cell.non2xx + m.cell.mismatches > 0);
  lines.push(
    errors.length
      ? `Errors: ${errors.map((m) => `${m.query} ${m.target} c=${m.cell.connections}: ${m.cell.errors} errors, ${m.cell.non2xx} non-2xx, ${m.cell.mismatches} wrong bodies`).join("; ")}.`
      : "Every request of every row above got status 200 and exactly the expected body (no errors, timeouts, non-2xx or different answers).",
    "",
  );

  lines.push("### SQL statements per request", "");
  lines.push(
    `One request on its own, and in brackets per request over ${r.statements[queries[0].id]?.hub?.loadRequests ?? "–"} requests sent ${r.statements[queries[0].id]?.hub?.loadConnections ?? "–"} at a time (all completed), summed over every subgraph's own counter.`,
    "",
    "| query | hub gateway | Hive Gateway | subgraph straight | hub, cache on | the test expects (gateway / straight) |",
    "|---|---:|---:|---:|---:|---:|",
  );
  for (const q of queries) {
    const s = r.statements[q.id] ?? {};
    const f = (k: TargetKind) => {
      const c = s[k];
      if (!c) return "–";
      return `${c.single} (${c.underLoad.toFixed(2)}${c.loadFailures ? `; ${c.loadFailures} of the ${c.loadRequests} requests failed or were answered differently` : ""})`;
    };
    lines.push(
      `| ${q.id} | ${f("hub")} | ${f("hive")} | ${f("direct")} | ${f("cache")} | ${q.statements.gateway}${q.statements.direct !== undefined ? ` / ${q.statements.direct}` : ""} |`,
    );
  }
  lines.push("");

  lines.push("### Memory and CPU", "");
  const peak = (k: TargetKind) => {
    const values = r.measurements
      .filter((m) => m.target === k && m.cell.connections === c && m.peakRss !== null)
      .map((m) => m.peakRss as number);
    return values.length ? Math.max(...values) : null;
  };
  const heapPeak = (k: TargetKind) => {
    const values = r.measurements
      .filter((m) => m.target === k && m.cell.connections === c && m.peakHeapUsed)
      .map((m) => m.peakHeapUsed as number);
    return values.length ? Math.max(...values) : null;
  };
  lines.push(
    `Gateway resident memory, largest VmRSS sampled every 100 ms during the ${c}-connection runs (and VmHWM, the peak over the whole scale): ` +
      `hub ${mb(peak("hub"))} (${mb(r.hwm.hub)}; V8 heap in use at most ${mb(heapPeak("hub"))}), hub with cache on ${mb(peak("cache"))} (${mb(r.hwm.cache)}; heap in use at most ${mb(heapPeak("cache"))}), Hive Gateway ${mb(peak("hive"))} (${mb(r.hwm.hive)}).`,
    "",
    `Where the CPU went during the ${Math.max(c, cc)}-connection runs: cores used (of ${machine.cores}), and in brackets CPU milliseconds per request ` +
      "(cores ÷ requests per second: the cost of one request in each process, which a busy machine changes much less than latency or throughput). " +
      '"Subgraphs" is the subgraph processes (and the SQL floor server in its rows), split by process in the next column (CPU ms per request of each process that used at least 0.05 ms); "other processes" is everything else on the machine.',
    "",
    "| query | target | req/s | gateway | subgraphs | by subgraph process (ms/request) | PostgreSQL | load generator | other processes | machine busy |",
    "|---|---|---:|---:|---:|---|---:|---:|---:|---:|",
  );
  for (const m of r.measurements.filter((x) => x.cell.connections === Math.max(c, cc))) {
    const per = (v: number | null) => (v === null ? "–" : `${v.toFixed(2)} (${((v / m.cell.rps) * 1000).toFixed(1)})`);
    lines.push(
      `| ${m.query} | ${TARGET_LABELS[m.target]} | ${rps(m.cell.rps)} | ${per(m.cpu.gateway)} | ${per(m.cpu.subgraphs)} | ${byProcess(m.cpu.bySubgraph, m.cell.rps)} | ${per(m.cpu.postgres)} | ${per(m.cpu.loadgen)} | ${cores(m.cpu.other)} | ${cores(m.cpu.machine)} |`,
    );
  }
  lines.push("", "Checks before measuring:", "", ...r.checks.map((line) => `- ${line}`), "");
  return lines;
}

export function acrossScales(info: RunInfo, results: ScaleResult[]): string[] {
  if (results.length < 2) return [];
  const c = targetConnections(info);
  const lines = [`## Across scales (hub gateway, ${c} connections)`, ""];
  lines.push(
    `| query | ${results.map((r) => `p95 ${r.scale} ms`).join(" | ")} | p95 ${results[results.length - 1].scale} / S | ${results.map((r) => `req/s ${r.scale}`).join(" | ")} | ${results.map((r) => `statements ${r.scale}`).join(" | ")} |`,
    `|---|${results.map(() => "---:").join("|")}|---:|${results.map(() => "---:").join("|")}|${results.map(() => "---:").join("|")}|`,
  );
  for (const q of WORKLOAD) {
    const cells = results.map((r) => find(r, q.id, "hub", c));
    if (cells.every((m) => !m)) continue;
    const first = cells[0];
    const last = cells[cells.length - 1];
    lines.push(
      `| ${q.id} | ${cells.map((m) => (m ? ms(m.cell.p95) : "–")).join(" | ")} | ${first && last && results[0].scale === "S" ? ratio(last.cell.p95 / first.cell.p95) : "–"} | ${cells.map((m) => (m ? rps(m.cell.rps) : "–")).join(" | ")} | ${results.map((r) => r.statements[q.id]?.hub?.single ?? "–").join(" | ")} |`,
    );
  }
  lines.push("");
  return lines;
}

/** What limits the missed targets, in general; each miss above has its own figures. */
export function limitNotes(machine: Machine, results: ScaleResult[]): string[] {
  const notes: string[] = [
    `In general: every process of the benchmark — the load generator, the gateway, four subgraphs and PostgreSQL — runs on the same ${machine.cores} cores, so at 50 connections the machine is saturated and a request's latency is mostly time spent waiting for a core. ` +
      "What a request costs is therefore the figure that decides throughput and latency: the CPU milliseconds per request of each process, in the CPU table of each scale. Those costs are nearly all in the Node processes (GraphQL parsing, validation and execution, the resolvers, JSON) and little in PostgreSQL; the SQL statements per request do not change with the scale.",
  ];
  const uncached = WORKLOAD.filter((q) => results.some((r) => r.cache[q.id] && !r.cache[q.id]?.hit)).map((q) => q.id);
  if (uncached.length) {
    notes.push(
      `The response cache only serves answers that are cacheable, i.e. whose every subgraph sent a maxAge (cache hints, \`createSubgraphServer({ cacheHints })\`): ${uncached.join(", ")} came back \`no-store\` from the cache-on gateway, so it computed them every time (and looked in the cache first). ` +
        "Cache hints on the subgraphs these queries read (e.g. a few minutes for observations, a day for reference data) would let repeated public dashboard queries be answered by the gateway alone.",
    );
  }
  return notes;
}
