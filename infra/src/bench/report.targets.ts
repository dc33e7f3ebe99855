import type { Machine } from "./machine";
import { compareConnectionsFor, costPerRequest, find, targetConnections, TARGETS } from "./report.figures";
import { byProcess, costText, mb, pct, ratio, rps } from "./report.format";
import { opOf, sideOf } from "./report.sides";
import type { Measurement, RunInfo, ScaleResult } from "./results";
import { WORKLOAD, type WorkloadId, type WorkloadQuery } from "./workload";

/**
 * The targets of issue #19, each checked per scale (S and L) at 50 connections with the response cache off:
 * W2–W4 ≥ 0.5× the SQL floor; W1–W5 ≥ 1.5× Hive Gateway; W2–W4 through the gateway ≥ 0.9× straight to the subgraph;
 * CPU ms per request summed over all processes ≤ half of before (W1–W5 and the dashboard's own operations); SQL
 * statements per request unchanged or fewer; gateway RSS < 300 MB; every answer byte-compared.
 */

export interface TargetRow {
  target: string;
  figure: string;
  met: boolean | null;
  /** For a miss: by how much and what limits it. */
  notes: string[];
}

interface TargetScope {
  machine: Machine;
  results: ScaleResult[];
  queries: WorkloadQuery[];
  /** The connection count the targets name (50), or the largest measured. */
  c: number;
  cc: number;
  scales: string;
}

export function evaluateTargets(machine: Machine, info: RunInfo, results: ScaleResult[]): TargetRow[] {
  const scales = results.map((r) => r.scale);
  const scope: TargetScope = {
    machine,
    results,
    queries: WORKLOAD.filter((q) => results.some((r) => r.statements[q.id])),
    c: targetConnections(info),
    cc: compareConnectionsFor(info),
    scales: `${scales.join(", ")}${scales.includes("L") ? "" : "; L not run"}`,
  };
  return [floorTargets, hiveTargets, directTargets, cpuTargets, statementTargets, memoryTargets, answerTargets].flatMap(
    (target) => target(scope),
  );
}

/** Where one request's CPU went, per process: the figure that says what limits a throughput ratio. */
const where = (m: Measurement) => `${costText(m)}; by subgraph process: ${byProcess(m.cpu.bySubgraph, m.cell.rps)}`;

/** A throughput ratio of the hub (cache off) against another target, per scale; `min` is the target. */
function ratioRows(
  scope: TargetScope,
  queries: WorkloadId[],
  other: "floor" | "hive" | "direct",
  min: number,
  title: (q: WorkloadId) => string,
  explain: (ours: Measurement, theirs: Measurement) => string,
): TargetRow[] {
  const c = other === "hive" ? scope.c : scope.cc;
  const rows: TargetRow[] = [];
  for (const q of scope.queries.filter((x) => queries.includes(x.id))) {
    const figures: string[] = [];
    const notes: string[] = [];
    let met = true;
    for (const r of scope.results) {
      const ours = find(r, q.id, "hub", c);
      const theirs = find(r, q.id, other, c);
      if (!ours || !theirs) continue;
      const x = ours.cell.rps / theirs.cell.rps;
      figures.push(`${r.scale} ${ratio(x)} (${rps(ours.cell.rps)} / ${rps(theirs.cell.rps)} req/s)`);
      if (!(x >= min)) {
        met = false;
        notes.push(
          `${q.id} at ${r.scale}: ${ratio(x)}, ${pct(1 - x / min)} short of ${min}×. ${explain(ours, theirs)}`,
        );
      }
    }
    if (figures.length)
      rows.push({
        target: `${title(q.id)} (${c} connections; ${scope.scales})`,
        figure: figures.join(" · "),
        met,
        notes,
      });
  }
  return rows;
}

function floorTargets(scope: TargetScope): TargetRow[] {
  return ratioRows(
    scope,
    ["W2", "W3", "W4"],
    "floor",
    TARGETS.floorRatioMin,
    (q) => `${q} through the hub ≥ ${TARGETS.floorRatioMin}× the SQL floor's req/s`,
    (ours, floor) => {
      const a = costPerRequest(ours);
      const b = costPerRequest(floor);
      return (
        `Through the hub ${where(ours)}; the floor ${costText(floor)}.` +
        (a && b
          ? ` On a machine where CPU is what runs out, the ratio is close to the floor's CPU per request ÷ the hub's (${ratio(b.total / a.total)}): the hub's gateway alone costs ${a.gateway.toFixed(2)} ms, its subgraphs ${a.subgraphs.toFixed(2)} ms, against ${b.total.toFixed(2)} ms for the whole floor.`
          : "")
      );
    },
  );
}

function hiveTargets(scope: TargetScope): TargetRow[] {
  return ratioRows(
    scope,
    ["W1", "W2", "W3", "W4", "W5"],
    "hive",
    TARGETS.hiveRatioMin,
    (q) => `${q} through the hub ≥ ${TARGETS.hiveRatioMin}× Hive Gateway's req/s`,
    (ours, hive) => {
      const a = costPerRequest(ours);
      const b = costPerRequest(hive);
      if (!a || !b) return `Through the hub ${where(ours)}; through Hive ${where(hive)}.`;
      // Both gateways send the same subgraph requests: with the rest unchanged, a free gateway is the most the hub can gain.
      const bound = b.total / (a.total - a.gateway);
      return (
        `Through the hub ${where(ours)}; through Hive ${where(hive)}. ` +
        `Both gateways use the same subgraph processes and PostgreSQL: even a gateway that cost nothing would make the hub at most ${ratio(bound)} Hive's here${bound < TARGETS.hiveRatioMin ? ", below the target: the subgraphs' CPU per request limits it" : ""}.`
      );
    },
  );
}

function directTargets(scope: TargetScope): TargetRow[] {
  return ratioRows(
    scope,
    TARGETS.directRatioQueries,
    "direct",
    TARGETS.directRatioMin,
    (q) => `${q} through the gateway ≥ ${TARGETS.directRatioMin}× straight to the subgraph`,
    (ours, direct) => {
      const a = costPerRequest(ours);
      return `Through the gateway ${where(ours)}; straight ${where(direct)}.${a ? ` The gateway's own ${a.gateway.toFixed(2)} ms per request is the difference.` : ""}`;
    },
  );
}

/** CPU per request, summed over every process, after ≤ half of before: W1–W5, then the dashboard's operations. */
function cpuTargets({ results, scales }: TargetScope): TargetRow[] {
  if (!results.some((r) => sideOf(r, "before"))) return [];
  const rows: TargetRow[] = [];
  const ids = [...new Set(results.flatMap((r) => sideOf(r, "after")?.ops.map((o) => `${o.kind}:${o.id}`) ?? []))];
  for (const key of ids) {
    const [kind, id] = key.split(":");
    const figures: string[] = [];
    const notes: string[] = [];
    let met = true;
    for (const r of results) {
      const a = opOf(r, "after", id);
      const b = opOf(r, "before", id);
      if (!a || !b || !(b.total > 0)) continue;
      const x = a.total / b.total;
      figures.push(`${r.scale} ${b.total.toFixed(2)} → ${a.total.toFixed(2)} ms = ${ratio(x)}`);
      if (!(x <= TARGETS.cpuRatioMax)) {
        met = false;
        const per = Object.keys({ ...a.perProcess, ...b.perProcess })
          .filter((n) => Math.max(a.perProcess[n] ?? 0, b.perProcess[n] ?? 0) >= 0.05)
          .map((n) => `${n} ${(b.perProcess[n] ?? 0).toFixed(2)} → ${(a.perProcess[n] ?? 0).toFixed(2)}`)
          .join(", ");
        notes.push(
          `${id} at ${r.scale}: ${ratio(x)}, ${pct(x / TARGETS.cpuRatioMax - 1)} over half. Per process (ms, before → after): ${per}.`,
        );
      }
    }
    if (figures.length)
      rows.push({
        target: `${kind === "dashboard" ? "dashboard operation " : ""}${id}: CPU ms per request, all processes, after ≤ ${TARGETS.cpuRatioMax}× before (${scales})`,
        figure: figures.join(" · "),
        met,
        notes,
      });
  }
  return rows;
}

/** SQL statements per request after ≤ before (every operation measured on both sides), and the same at every scale. */
function statementTargets({ results, queries }: TargetScope): TargetRow[] {
  const figures: string[] = [];
  const notes: string[] = [];
  let met = true;
  for (const r of results) {
    for (const a of sideOf(r, "after")?.ops ?? []) {
      const b = opOf(r, "before", a.id);
      if (b && a.statements > b.statements) {
        met = false;
        notes.push(`${a.id} at ${r.scale}: ${b.statements} before, ${a.statements} after.`);
      }
    }
  }
  for (const q of queries) {
    const per = results.map((r) => r.statements[q.id]?.hub?.single);
    const before = results.map((r) => opOf(r, "before", q.id)?.statements);
    figures.push(
      `${q.id} ${per.map((n, i) => `${results[i].scale} ${before[i] !== undefined ? `${before[i]} → ` : ""}${n ?? "–"}`).join(", ")}`,
    );
    if (per.some((n) => n !== q.statements.gateway)) {
      met = false;
      notes.push(
        `${q.id}: ${per.join(", ")} statements per request; the statement-count test expects ${q.statements.gateway}.`,
      );
    }
  }
  return [
    {
      target: `SQL statements per request unchanged or fewer (before → after; W1–W5 and the dashboard's operations), the same at every scale`,
      figure: figures.join(" · "),
      met,
      notes,
    },
  ];
}

function memoryTargets({ results, c }: TargetScope): TargetRow[] {
  const cells = results.flatMap((r) =>
    r.measurements.filter((m) => (m.target === "hub" || m.target === "cache") && m.peakRss !== null),
  );
  if (!cells.length) return [];
  const top = cells.reduce((a, b) => ((b.peakRss ?? 0) > (a.peakRss ?? 0) ? b : a));
  const peak = top.peakRss as number;
  const hwm = Math.max(...results.map((r) => Math.max(r.hwm.hub ?? 0, r.hwm.cache ?? 0)));
  const met = peak < TARGETS.rssMaxBytes;
  const heap = top.peakHeapUsed ? `; V8 heap in use at most ${mb(top.peakHeapUsed)} of ${mb(top.peakHeapTotal)}` : "";
  return [
    {
      target: `gateway RSS < 300 MB (the hub's gateway, cache off and on, sampled every 100 ms during the ${c}-connection cells)`,
      figure: `${mb(peak)} (${top.query}, ${top.target === "cache" ? "cache on" : "cache off"}${heap}); peak over each whole scale (VmHWM) ${mb(hwm)}`,
      met,
      notes: met
        ? []
        : [
            `peak RSS ${mb(peak)}, ${pct(peak / TARGETS.rssMaxBytes - 1)} over 300 MB during ${top.query}${heap}: the rest is outside the JavaScript heap (code, buffers of the requests in flight, memory the allocator keeps).`,
          ],
    },
  ];
}

function answerTargets({ results }: TargetScope): TargetRow[] {
  const bad = results.flatMap((r) =>
    r.measurements
      .filter((m) => m.cell.errors + m.cell.non2xx + m.cell.mismatches > 0)
      .map(
        (m) =>
          `${r.scale} ${m.query} ${m.target}: ${m.cell.errors} errors, ${m.cell.non2xx} non-2xx, ${m.cell.mismatches} different`,
      ),
  );
  const sides = results.flatMap((r) =>
    (r.sides ?? []).flatMap((s) =>
      s.ops
        .filter((o) => o.failures > 0 || o.sameAsAfter === false)
        .map(
          (o) =>
            `${r.scale} ${s.side} ${o.id}: ${o.failures} failed or different${o.sameAsAfter === false ? "; its answer differs from the after side's" : ""}`,
        ),
    ),
  );
  const requests =
    results.reduce((n, r) => n + r.measurements.reduce((a, m) => a + m.cell.requests, 0), 0) +
    results.reduce((n, r) => n + (r.sides ?? []).reduce((a, s) => a + s.ops.reduce((b, o) => b + o.requests, 0), 0), 0);
  const misses = [...bad, ...sides];
  return [
    {
      target: "every answer byte-compared with the expected one (every cell; before's answers with after's)",
      figure: misses.length
        ? `${misses.length} cells with a failure or a different answer`
        : `${requests.toLocaleString("en")} requests, all identical to the expected answer`,
      met: misses.length === 0,
      notes: misses,
    },
  ];
}
