import { Client } from "pg";
import { memoryOf, sampleMemory } from "./services";
import { SYNTHETIC_DATASET } from "./synthetic";

/** The SDMX data endpoint streaming one indicator of the synthetic dataset, and the gateway's memory meanwhile. */
export interface SdmxMeasurement {
  dataflow: string;
  series: string;
  url: string;
  /** Observations (CSV rows) and bytes received. */
  observations: number;
  bytes: number;
  seconds: number;
  /** The gateway's VmRSS just before the request, and the largest seen while it streamed (sampled every 100 ms), bytes. */
  rssBefore: number | null;
  rssPeak: number | null;
  heapUsedPeak: number | null;
  status: number;
}

/**
 * Makes the synthetic dataset publish one indicator in the graph's eyes (its indicator_dataset row, with the breakdown
 * keys its rows have), so that it is a dataflow with that indicator; done after the workload has been measured, which
 * never reads the synthetic dataset. Returns the indicator.
 */
export async function linkSyntheticIndicator(databaseUrl: string): Promise<{ code: string; series: string }> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query("SET search_path = indicators");
    const { rows } = await client.query<{ code: string; series: string }>(
      "SELECT code, unsd_series_code AS series FROM indicator WHERE unsd_series_code IS NOT NULL ORDER BY code LIMIT 1",
    );
    const { code, series } = rows[0];
    await client.query(
      `INSERT INTO indicator_dataset (indicator_code, dataset_id, series_code, file, source_id, economies_in_latest_year, has_aggregates, breakdown_keys)
       SELECT $1, $2, NULL, 'synthetic', $2, 0, false,
              (SELECT array_agg(DISTINCT breakdown_key) FROM observation WHERE dataset_id = $2 AND indicator_code = $1)
       ON CONFLICT DO NOTHING`,
      [code, SYNTHETIC_DATASET],
    );
    return { code, series };
  } finally {
    await client.end();
  }
}

/**
 * Streams `/sdmx/data/synthetic-bench/A.<series>....?format=csv` (every observation of one indicator in the synthetic
 * dataset, every breakdown) from the hub's gateway (cache off), reading the body as it comes and counting rows, while
 * sampling the gateway's resident memory. The figure shows whether the gateway holds the answer or streams it.
 */
export async function measureSdmxStream(
  gatewayPort: number,
  gatewayPid: number | undefined,
  series: string,
): Promise<SdmxMeasurement> {
  const base = `http://127.0.0.1:${gatewayPort}`;
  const structure = await (await fetch(`${base}/sdmx/datastructure/WSIS/DSD_${SYNTHETIC_DATASET}/1.0`)).text();
  const dimensions = [...structure.matchAll(/<structure:Dimension id="([^"]+)"/g)].map((m) => m[1]);
  const key = ["A", series, ...dimensions.slice(2).map(() => "")].join(".");
  const url = `${base}/sdmx/data/${SYNTHETIC_DATASET}/${key}?format=csv`;
  const rssBefore = memoryOf(gatewayPid)?.rss ?? null;
  const sampler = sampleMemory(gatewayPid, `${base}/metrics`);
  const began = Date.now();
  const res = await fetch(url);
  let bytes = 0;
  let lines = 0;
  if (res.body) {
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines++;
    }
  }
  const seconds = (Date.now() - began) / 1000;
  const memory = await sampler.stop();
  return {
    dataflow: SYNTHETIC_DATASET,
    series,
    url: url.replace(base, ""),
    observations: Math.max(0, lines - 1),
    bytes,
    seconds,
    rssBefore,
    rssPeak: memory.rss,
    heapUsedPeak: memory.heapUsed,
    status: res.status,
  };
}

const mib = (bytes: number | null) => (bytes === null ? "—" : `${(bytes / 2 ** 20).toFixed(0)} MiB`);

/** The report's section: one row per scale. */
export function sdmxSection(results: Array<{ scale: string; sdmx?: SdmxMeasurement }>): string[] {
  const measured = results.filter((r) => r.sdmx);
  if (measured.length === 0) return [];
  const lines = [
    "## SDMX data streamed: the gateway's memory",
    "",
    `One indicator of the synthetic dataset (every economy, year and breakdown) as SDMX-CSV from \`GET /sdmx/data/${SYNTHETIC_DATASET}/A.<series>....?format=csv\`, through the hub's gateway (cache off), the body read as it arrives; the gateway's resident memory sampled every 100 ms. The gateway reads the graph 1000 observations at a time and writes each economy's series as it completes them, so its memory should not grow with the answer.`,
    "",
    "| scale | series | status | observations | bytes | seconds | observations/s | gateway RSS before | gateway RSS peak | V8 heap used, peak |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of measured) {
    const s = r.sdmx!;
    lines.push(
      `| ${r.scale} | \`${s.series}\` | ${s.status} | ${s.observations.toLocaleString("en")} | ${(s.bytes / 2 ** 20).toFixed(1)} MiB | ${s.seconds.toFixed(1)} | ${(s.observations / Math.max(s.seconds, 0.001)).toFixed(0)} | ${mib(s.rssBefore)} | ${mib(s.rssPeak)} | ${mib(s.heapUsedPeak)} |`,
    );
  }
  lines.push("");
  return lines;
}
