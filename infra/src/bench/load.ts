import autocannon from "autocannon";

export interface LoadTarget {
  url: string;
  body: string;
  /** The exact answer every request must get (checked by autocannon: a different body counts as an error). */
  expectBody?: string;
}

export interface CellResult {
  connections: number;
  durationSeconds: number;
  requests: number;
  /** Completed requests per second over the run. */
  rps: number;
  /** Latency percentiles in milliseconds, from every response's own time (not autocannon's 1 ms histogram). */
  p50: number;
  p95: number;
  p99: number;
  /** Connection errors and timeouts (autocannon counts a timeout as an error). */
  errors: number;
  non2xx: number;
  /** 2xx answers whose body differs from the expected one (e.g. a GraphQL error). */
  mismatches: number;
}

const percentile = (sorted: Float64Array, p: number): number => {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
};

let running: ReturnType<typeof autocannon> | undefined;

/** Stops the run in progress, if any (Ctrl-C). */
export function stopLoad(): void {
  running?.stop();
}

/**
 * One measurement: `connections` keep-alive connections sending the same request for `durationSeconds`, or exactly
 * `amount` requests when given (every request then completes inside the run, for exact per-request counts).
 */
export async function runLoad(
  target: LoadTarget,
  connections: number,
  durationSeconds: number,
  amount?: number,
): Promise<CellResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: target.url,
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: target.body,
    connections,
    pipelining: 1,
    duration: durationSeconds,
    ...(amount ? { amount } : {}),
    timeout: 10,
    expectBody: target.expectBody,
  });
  running = instance;
  instance.on("response", (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  const result = await instance;
  running = undefined;
  const sorted = Float64Array.from(latencies).sort();
  const requests = result["2xx"] + result.non2xx;
  return {
    connections,
    durationSeconds,
    requests,
    rps: requests / (result.duration || durationSeconds),
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: result.errors,
    non2xx: result.non2xx,
    mismatches: result.mismatches,
  };
}
