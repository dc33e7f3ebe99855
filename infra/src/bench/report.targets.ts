import type { Machine } from "./machine";
import {
  compareConnectionsFor,
  costPerRequest,
  find,
  P95_TARGET_MS,
  targetConnections,
  TARGETS,
} from "./report.figures";
import { cores, costText, cpuText, mb, ms, p95Text, pct, ratio, rps } from "./report.format";
import type { RunInfo, ScaleResult } from "./results";
import { WORKLOAD, type WorkloadQuery } from "./workload";

export interface TargetRow {
  target: string;
  figure: string;
  met: boolean | null;
  /** For a miss: by how much and what limits it. */
  notes: string[];
}

/** What every target reads: the run, its scales, the queries measured and the connection counts compared. */
interface TargetScope {
  machine: Machine;
  results: ScaleResult[];
  queries: WorkloadQuery[];
  largest: ScaleResult;
  smallest: ScaleResult;
  /** The connection count the targets name (50), or the largest measured. */
  c: number;
  /** The same for the comparisons with the subgraph straight and the cache. */
  cc: number;
  lRun: boolean;
  atLargest: string;
}

function scopeOf(machine: Machine, info: RunInfo, results: ScaleResult[]): TargetScope {
  const largest = results[results.length - 1];
  const lRun = largest.scale === "L";
  return {
    machine,
    results,
    queries: WORKLOAD.filter((q) => results.some((r) => r.statements[q.id])),
    largest,
    smallest: results[0],
    c: targetConnections(info),
    cc: compareConnectionsFor(info),
    lRun,
    atLargest: lRun ? "at L" : `at ${largest.scale} (L was not run: \`--scale S,M,L\`)`,
  };
}

/** Every target of the run, met or not (null: it needs scale L), with its figure and, for a miss, what limits it. */
export function evaluateTargets(machine: Machine, info: RunInfo, results: ScaleResult[]): TargetRow[] {
  const scope = scopeOf(machine, info, results);
  return [statementTargets, p95Targets, growthTargets, hiveTargets, directAndCacheTargets, memoryTargets].flatMap(
    (target) => target(scope),
  );
}

/** 1. The SQL statements per request, identical across scales. */
function statementTargets({ results, queries }: TargetScope): TargetRow[] {
  const rows: TargetRow[] = [];
  {
    const notes: string[] = [];
    let met = true;
    const figures = queries.map((q) => {
      const per = results.map((r) => r.statements[q.id]?.hub?.single);
      const underLoad = results.map((r) => r.statements[q.id]?.hub?.underLoad);
      const failures = results.map((r) => r.statements[q.id]?.hub?.loadFailures ?? 0);
      const same = per.every((n) => n === per[0]) && underLoad.every((n, i) => n === per[i] || failures[i] > 0);
      if (!same) {
        met = false;
        notes.push(
          `${q.id}: ${results.map((r, i) => `${r.scale} ${per[i]} (under load ${underLoad[i]?.toFixed(2)})`).join(", ")}`,
        );
      }
      if (per[0] !== q.statements.gateway) {
        met = false;
        notes.push(`${q.id}: ${per[0]} statements, the test expects ${q.statements.gateway}`);
      }
      return `${q.id} ${per[0]}`;
    });
    rows.push({
      target: `SQL statements per request identical at ${results.map((r) => r.scale).join(", ")} (through the gateway)`,
      figure: figures.join(" · "),
      met,
      notes,
    });
  }
  return rows;
}

/** 2. The p95 of each query at 50 connections, response cache on and off. */
function p95Targets({ machine, queries, largest, c, lRun, atLargest }: TargetScope): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const q of queries) {
    const m = find(largest, q.id, "hub", c);
    if (!m) continue;
    const limit = P95_TARGET_MS[q.id];
    const met = m.cell.requests > 0 && m.cell.p95 < limit && m.cell.errors + m.cell.non2xx + m.cell.mismatches === 0;
    const cached = find(largest, q.id, "cache", c);
    const cost = costPerRequest(m);
    // (cache-on row first, then the cache-off one)
    // The throughput the benchmark's processes could reach if they had every core, and the p95 that implies at best.
    const capacity = cost && cost.total > 0 ? (machine.cores * 1000) / cost.total : null;
    if (cached) {
      const hit = largest.cache[q.id]?.hit === true;
      const cacheMet =
        hit &&
        cached.cell.requests > 0 &&
        cached.cell.p95 < limit &&
        cached.cell.errors + cached.cell.non2xx + cached.cell.mismatches === 0;
      rows.push({
        target: `${q.id} p95 at ${c} connections ${atLargest} < ${limit} ms — response cache on (the hub's default), the same request repeated`,
        figure: `${p95Text(cached)}${hit ? "" : " (not served from the cache)"}`,
        met: lRun ? cacheMet : cacheMet ? null : false,
        notes: cacheMet
          ? []
          : [
              `${q.id} with the cache on: p95 ${p95Text(cached)}${cached.cell.requests > 0 ? `, ${pct(cached.cell.p95 / limit - 1)} over ${limit} ms` : ""}${hit ? "" : ", not served from the cache"}; one request costs ${costText(cached)}; CPU during the run (cores): ${cpuText(cached.cpu, machine.cores)}.` +
                (hit && (cached.cpu.gateway ?? 0) >= 0.9
                  ? ` Every answer came from the cache, and the gateway process used ${cores(cached.cpu.gateway)} cores — its one JavaScript thread was saturated (the rest of the machine was not: ${cores(cached.cpu.machine)} of ${machine.cores} cores busy): ${rps(cached.cell.rps)} requests per second at about ${costText(cached).split(" ms")[0]} ms of CPU each is what one gateway process serves. A hit is already answered before any GraphQL work (the stored bytes, after the request id, the body parser and the cache read); a second gateway process (replicas share the cache through Redis, REDIS_URL) would lower it.`
                  : ""),
            ],
      });
    }
    rows.push({
      target: `${q.id} p95 at ${c} connections ${atLargest} < ${limit} ms — response cache off (every request computed)`,
      figure: p95Text(m),
      met: lRun ? met : met ? null : false,
      notes: met
        ? []
        : [
            `${q.id}: p95 ${p95Text(m)}${m.cell.requests > 0 ? `, ${pct(m.cell.p95 / limit - 1)} over ${limit} ms` : ""}. One request costs ${costText(m)}` +
              (capacity
                ? `: even with all ${machine.cores} cores to themselves the processes could serve about ${Math.round(capacity)} requests per second, so ${c} requests in flight wait about ${Math.round((c / capacity) * 1000)} ms on average.`
                : ".") +
              ` CPU during the run (cores): ${cpuText(m.cpu, machine.cores)}.`,
          ],
    });
  }
  return rows;
}

/** 3. How much the p95 grows from S to L. */
function growthTargets({ results, queries, largest, smallest, c, lRun }: TargetScope): TargetRow[] {
  const rows: TargetRow[] = [];
  if (results.length > 1 && smallest.scale === "S") {
    for (const q of queries) {
      const a = find(smallest, q.id, "hub", c);
      const b = find(largest, q.id, "hub", c);
      if (!a || !b || a.cell.requests === 0 || b.cell.requests === 0) continue;
      const growth = b.cell.p95 / a.cell.p95;
      const met = growth <= TARGETS.p95GrowthMax;
      rows.push({
        target: `${q.id} p95 ${largest.scale} / p95 S ≤ ${TARGETS.p95GrowthMax} (${c} connections)`,
        figure: `${ms(b.cell.p95)} / ${ms(a.cell.p95)} ms = ${ratio(growth)}`,
        met: lRun ? met : met ? null : false,
        notes: met
          ? []
          : [
              `${q.id}: p95 grew ${ratio(growth)} from S to ${largest.scale}, ${pct(growth / TARGETS.p95GrowthMax - 1)} over the ${TARGETS.p95GrowthMax}× allowed.`,
            ],
      });
    }
  }
  return rows;
}

/** 4. Throughput against Hive Gateway, every scale. */
function hiveTargets({ results, queries, c }: TargetScope): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const q of queries) {
    const figures: string[] = [];
    const notes: string[] = [];
    let met = true;
    for (const r of results) {
      const ours = find(r, q.id, "hub", c);
      const theirs = find(r, q.id, "hive", c);
      if (!ours || !theirs) continue;
      const x = ours.cell.rps / theirs.cell.rps;
      const a = costPerRequest(ours);
      const b = costPerRequest(theirs);
      figures.push(
        `${r.scale} ${ratio(x)}${a && b ? ` (CPU per request, Hive ÷ hub: ${ratio(b.total / a.total)})` : ""}`,
      );
      if (!(x >= TARGETS.hiveRatioMin)) {
        met = false;
        notes.push(
          `${q.id} at ${r.scale}: ${rps(ours.cell.rps)} vs ${rps(theirs.cell.rps)} req/s = ${ratio(x)}, ${pct(1 - x / TARGETS.hiveRatioMin)} short of ${TARGETS.hiveRatioMin}×. ` +
            `Through the hub ${costText(ours)}; through Hive ${costText(theirs)}.` +
            (a && b && a.gateway < b.gateway
              ? ` The hub's gateway costs ${ratio(b.gateway / a.gateway)} less CPU than Hive's, but both send the same subgraph requests: with the subgraphs and PostgreSQL unchanged, even a gateway that cost nothing would make the whole at most ${ratio(b.total / (a.total - a.gateway))} faster than through Hive.`
              : ""),
        );
      }
    }
    if (figures.length)
      rows.push({
        target: `${q.id} throughput hub / Hive ≥ ${TARGETS.hiveRatioMin}× (${c} connections, caches off)`,
        figure: figures.join(" · "),
        met,
        notes,
      });
  }
  return rows;
}

/** 5. Through the gateway against the subgraph straight, and 6. the response cache against the subgraph straight. */
function directAndCacheTargets({ results, queries, cc }: TargetScope): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const q of queries.filter((x) => x.subgraph)) {
    const figures: string[] = [];
    const cacheFigures: string[] = [];
    const notes: string[] = [];
    const cacheNotes: string[] = [];
    let met = true;
    let cacheMet = true;
    for (const r of results) {
      const direct = find(r, q.id, "direct", cc);
      const ours = find(r, q.id, "hub", cc);
      const cached = find(r, q.id, "cache", cc);
      if (direct && ours) {
        const x = ours.cell.rps / direct.cell.rps;
        figures.push(`${r.scale} ${ratio(x)}`);
        const a = costPerRequest(ours);
        const b = costPerRequest(direct);
        if (a && b)
          figures[figures.length - 1] +=
            ` (CPU per request, straight ÷ through the gateway: ${ratio(b.total / a.total)})`;
        if (!(x >= TARGETS.directRatioMin)) {
          met = false;
          notes.push(
            `${q.id} at ${r.scale}: ${rps(ours.cell.rps)} vs ${rps(direct.cell.rps)} req/s = ${ratio(x)}, ${pct(1 - x / TARGETS.directRatioMin)} short. ` +
              `Through the gateway ${costText(ours)}; straight ${costText(direct)}.`,
          );
        }
      }
      const cacheState = r.cache[q.id];
      if (cacheState && !cacheState.hit) {
        cacheNotes.push(
          `${q.id} at ${r.scale}: the hub did not serve it from its response cache — the answer is not cacheable (gateway Cache-Control: ${cacheState.cacheControl ?? "none"}), because the ${q.subgraph} subgraph sends no cache hint (maxAge) for these types; so the cache-on row is a cache miss every time.`,
        );
      }
      if (direct && cached) {
        const x = cached.cell.rps / direct.cell.rps;
        cacheFigures.push(`${r.scale} ${ratio(x)} (p95 ${ms(cached.cell.p95)} vs ${ms(direct.cell.p95)} ms)`);
        if (!(x > 1 && cached.cell.p95 < direct.cell.p95)) {
          cacheMet = false;
          cacheNotes.push(
            `${q.id} at ${r.scale}: cache on ${rps(cached.cell.rps)} req/s, p95 ${ms(cached.cell.p95)} ms; subgraph straight ${rps(direct.cell.rps)} req/s, p95 ${ms(direct.cell.p95)} ms.`,
          );
        }
      }
    }
    if (TARGETS.directRatioQueries.includes(q.id) && figures.length) {
      rows.push({
        target: `${q.id} through the gateway / straight to the subgraph ≥ ${TARGETS.directRatioMin}× (${cc} connections, caches off)`,
        figure: figures.join(" · "),
        met,
        notes,
      });
    }
    if (cacheFigures.length) {
      rows.push({
        target: `${q.id} hub with response cache on faster than the subgraph alone (req/s ratio, ${cc} connections)`,
        figure: cacheFigures.join(" · "),
        met: cacheMet,
        notes: cacheNotes,
      });
    }
  }
  return rows;
}

/** 7. Memory: the hub's gateway as compared (cache off), and with its cache on. */
function memoryTargets({ results, c }: TargetScope): TargetRow[] {
  const rows: TargetRow[] = [];
  for (const kind of ["hub", "cache"] as const) {
    const cells = results.flatMap((r) =>
      r.measurements.filter((m) => m.target === kind && m.cell.connections === c && m.peakRss !== null),
    );
    if (!cells.length) continue;
    const top = cells.reduce((a, b) => ((b.peakRss ?? 0) > (a.peakRss ?? 0) ? b : a));
    const peak = top.peakRss as number;
    const hivePeaks = results.flatMap((r) =>
      r.measurements.filter((m) => m.target === "hive" && m.cell.connections === c && m.peakRss !== null),
    );
    const hivePeak = hivePeaks.length ? Math.max(...hivePeaks.map((m) => m.peakRss as number)) : null;
    const met = peak < TARGETS.rssMaxBytes;
    const heap = top.peakHeapUsed
      ? `; V8 heap in use at most ${mb(top.peakHeapUsed)} of a ${mb(top.peakHeapTotal)} heap`
      : "";
    rows.push({
      target: `${kind === "hub" ? "hub gateway (cache off)" : "hub gateway with its response cache on"}: peak RSS during the ${c}-connection runs < 300 MB`,
      figure: `${mb(peak)} (${top.query}${heap})${kind === "hub" ? `; Hive Gateway: ${mb(hivePeak)}` : ""}`,
      met,
      notes: met
        ? []
        : [
            `peak RSS ${mb(peak)}, ${pct(peak / TARGETS.rssMaxBytes - 1)} over 300 MB, during ${top.query}${heap}. ` +
              (top.peakHeapTotal
                ? `About ${mb(peak - top.peakHeapTotal)} of it is outside the JavaScript heap: the code of the gateway's dependencies, the off-heap buffers of the requests in flight and of their subgraph answers, and memory the allocator keeps after it is freed. ` +
                  "The heap itself is sized by V8 from the machine's memory (it collects lazily on a machine with much free memory); a heap limit (`--max-old-space-size`) would bound that part, not the rest."
                : "Its V8 heap was not sampled."),
          ],
    });
  }
  return rows;
}
