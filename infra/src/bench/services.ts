import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { freePort } from "@wsis/shared";
import { withGatewayNodeOptions } from "@wsis/gateway/runtime";
import { manageKeys } from "@wsis/gateway/caller-keys";
import { inRepoSubgraphs, readRegistry, urlVariable } from "@wsis/gateway/registry";
import { REPO_ROOT } from "../config";
import { waitForHttp } from "../processes";

/** A child process of the benchmark. */
export interface Service {
  name: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** Where it answers (GraphQL endpoint, or the floor server's base URL). */
  url: string;
  port: number;
}

const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/**
 * The caller signing keys of this run (production refuses to start without them): the gateway signs with the private
 * file, the subgraphs verify with the public one. Made on first use, in a temporary folder.
 */
let keyFiles: { privateFile: string; publicFile: string } | undefined;
function callerKeyFiles(): { privateFile: string; publicFile: string } {
  if (!keyFiles) {
    const dir = mkdtempSync(path.join(os.tmpdir(), "wsis-bench-keys-"));
    const privateFile = path.join(dir, "caller-signing-keys.json");
    const publicFile = path.join(dir, "caller-jwks.json");
    manageKeys("new", privateFile);
    writeFileSync(publicFile, manageKeys("public", privateFile));
    keyFiles = { privateFile, publicFile };
  }
  return keyFiles;
}

/**
 * The environment of every process the benchmark starts: nothing calls out of the machine (Apollo telemetry off; Hive
 * has no usage reporting without a token), logs at warn (as `npm start`), production mode with caller keys of this run.
 */
export function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    APOLLO_TELEMETRY_DISABLED: "true",
    LOG_LEVEL: "warn",
    NODE_ENV: "production",
    HOST: "127.0.0.1",
    // Production wants the gateway's caller signing keys and, in each subgraph, the public keys that verify them.
    CALLER_SIGNING_KEYS_FILE: callerKeyFiles().privateFile,
    CALLER_JWKS_FILE: callerKeyFiles().publicFile,
  };
  for (const name of [
    "DATABASE_URL",
    "PORT",
    "REDIS_URL",
    "CALLER_JWKS_URL",
    "HIVE_CDN_ENDPOINT",
    "HIVE_CDN_KEY",
    "HIVE_REGISTRY_TOKEN",
    "HIVE_USAGE_ACCESS_TOKEN",
    "HIVE_TARGET",
  ]) {
    delete env[name];
  }
  return env;
}

/** Starts `node <script> <args>`, prefixing each line it prints with its name. */
export function spawnNode(
  name: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  url: string,
  port: number,
): Service {
  const child = spawn(process.execPath, [script, ...args], { env, cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] });
  for (const stream of [child.stdout, child.stderr]) {
    readline.createInterface({ input: stream }).on("line", (line) => process.stdout.write(`  [${name}] ${line}\n`));
  }
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { name, child, exited, url, port };
}

/** Asks a service to stop (SIGTERM), and kills it after `graceMs`. */
export async function stopService(service: Service, graceMs = 8000): Promise<void> {
  const { child, exited } = service;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
  await exited;
  clearTimeout(timer);
}

export interface Subgraphs {
  services: Service[];
  /** Subgraph name → GraphQL URL. */
  urls: Record<string, string>;
}

/** Every subgraph process, on free ports, against `databaseUrl`, with its statement counter readable. */
export async function startSubgraphs(
  databaseUrl: string,
  poolSize: number,
  track: (s: Service) => void,
  extraEnv: NodeJS.ProcessEnv = {},
  namePrefix = "",
): Promise<Subgraphs> {
  const services: Service[] = [];
  const urls: Record<string, string> = {};
  for (const s of inRepoSubgraphs(readRegistry())) {
    const port = await freePort();
    const url = `http://127.0.0.1:${port}/graphql`;
    const env = {
      ...baseEnv(),
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      DB_POOL_SIZE: String(poolSize),
      EXPOSE_STATEMENT_COUNT: "true",
      ...extraEnv,
    };
    const service = spawnNode(
      `${namePrefix}${s.name}`,
      path.join(s.hub.workspace as string, "dist/index.js"),
      [],
      env,
      url,
      port,
    );
    track(service);
    services.push(service);
    urls[s.name] = url;
  }
  await Promise.all(services.map((s) => waitForHttp(`http://127.0.0.1:${s.port}/health/ready`, 60_000, s.exited)));
  return { services, urls };
}

/** The committed supergraph with each subgraph's URL replaced by where the benchmark runs it: both gateways read it. */
export function rewriteSupergraph(urls: Record<string, string>): string {
  const sdl = readFileSync(path.join(packageDir("@wsis/gateway"), "supergraph.graphql"), "utf8");
  let replaced = 0;
  const out = sdl.replace(/@join__graph\(name: "([^"]+)", url: "([^"]+)"\)/g, (whole, name: string) => {
    const url = urls[name];
    if (!url) return whole;
    replaced += 1;
    return `@join__graph(name: "${name}", url: "${url}")`;
  });
  if (replaced !== Object.keys(urls).length)
    throw new Error(`the supergraph names ${replaced} of the ${Object.keys(urls).length} subgraphs`);
  return out;
}

/** The hub's gateway (gateway/dist/index.js) over the given supergraph file, response cache on or off. */
export async function startHubGateway(
  name: string,
  supergraphPath: string,
  subgraphs: Subgraphs,
  responseCache: boolean,
  track: (s: Service) => void,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Service> {
  const port = await freePort();
  const env = withGatewayNodeOptions({
    ...baseEnv(),
    ...extraEnv,
    PORT: String(port),
    SUPERGRAPH_PATH: supergraphPath,
    RESPONSE_CACHE: String(responseCache),
    ...Object.fromEntries(Object.entries(subgraphs.urls).map(([name, url]) => [urlVariable(name), url])),
  });
  const service = spawnNode(
    name,
    path.join(packageDir("@wsis/gateway"), "dist/index.js"),
    [],
    env,
    `http://127.0.0.1:${port}/graphql`,
    port,
  );
  track(service);
  await waitForHttp(`http://127.0.0.1:${port}/health/ready`, 60_000, service.exited);
  return service;
}

/**
 * The configuration of `@graphql-hive/gateway` for a like-for-like comparison: in-flight deduplication of subgraph
 * requests OFF (it is on by default in @graphql-tools/executor-http, `deduplicateInflightRequests`, passed through by
 * the HTTP transport's options), inbound request deduplication off (its default), no response cache (none configured).
 */
export const HIVE_CONFIG = `// Written by npm run bench (infra/src/bench/services.ts)
export const gatewayConfig = {
  transportEntries: {
    "*.http": { options: { deduplicateInflightRequests: false } },
  },
  inboundInflightRequestDeduplication: false,
};
`;

/** `hive-gateway supergraph <file>` (the CLI of @graphql-hive/gateway, one process: --fork 1). */
export async function startHiveGateway(
  supergraphPath: string,
  configPath: string,
  track: (s: Service) => void,
): Promise<Service> {
  const port = await freePort();
  const bin = path.join(packageDir("@graphql-hive/gateway"), "dist/bin.js");
  const args = [
    "supergraph",
    supergraphPath,
    "--port",
    String(port),
    "--host",
    "127.0.0.1",
    "--fork",
    "1",
    "--config-path",
    configPath,
  ];
  const service = spawnNode("hive-gateway", bin, args, baseEnv(), `http://127.0.0.1:${port}/graphql`, port);
  track(service);
  await waitForHttp(`http://127.0.0.1:${port}/readiness`, 60_000, service.exited);
  return service;
}

/** The SQL floor server (floor-server.ts). */
export async function startFloorServer(
  databaseUrl: string,
  poolSize: number,
  track: (s: Service) => void,
): Promise<Service> {
  const port = await freePort();
  const env = { ...baseEnv(), DATABASE_URL: databaseUrl, PORT: String(port), DB_POOL_SIZE: String(poolSize) };
  const service = spawnNode(
    "sql-floor",
    path.join(__dirname, "floor-server.js"),
    [],
    env,
    `http://127.0.0.1:${port}`,
    port,
  );
  track(service);
  await waitForHttp(`http://127.0.0.1:${port}/health`, 30_000, service.exited);
  return service;
}

/** The SQL statements a subgraph process has sent so far (its env-gated GET /debug/statements). */
export async function readStatementCount(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/debug/statements`);
  if (!response.ok)
    throw new Error(
      `GET http://127.0.0.1:${port}/debug/statements answered ${response.status} (is EXPOSE_STATEMENT_COUNT=true?)`,
    );
  return ((await response.json()) as { statements: number }).statements;
}

/** The SQL statements every subgraph has sent so far, summed. */
export async function statementTotal(subgraphs: Subgraphs | { ports: number[] }): Promise<number> {
  const ports = "ports" in subgraphs ? subgraphs.ports : subgraphs.services.map((s) => s.port);
  const counts = await Promise.all(ports.map(readStatementCount));
  return counts.reduce((a, b) => a + b, 0);
}

/** Resident memory of a process from /proc (Linux), in bytes: now (VmRSS) and its peak since start (VmHWM). */
export function memoryOf(pid: number | undefined): { rss: number; hwm: number } | null {
  if (pid === undefined) return null;
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN) * 1024;
    const rss = kb("VmRSS");
    const hwm = kb("VmHWM");
    return Number.isFinite(rss) ? { rss, hwm } : null;
  } catch {
    return null;
  }
}

export interface MemoryPeak {
  /** Largest VmRSS seen, bytes. */
  rss: number | null;
  /** Largest V8 heap in use and heap size seen (the hub's gateway, from its GET /metrics), bytes. */
  heapUsed: number | null;
  heapTotal: number | null;
}

/**
 * Samples a process's VmRSS every 100 ms while a measurement runs, and (for the hub's gateway) its V8 heap from its
 * Prometheus metrics every 500 ms; `stop()` gives the largest values seen.
 */
export function sampleMemory(pid: number | undefined, metricsUrl?: string): { stop(): Promise<MemoryPeak> } {
  const peak: MemoryPeak = { rss: null, heapUsed: null, heapTotal: null };
  const take = () => {
    const m = memoryOf(pid);
    if (m) peak.rss = Math.max(peak.rss ?? 0, m.rss);
  };
  const gauge = (text: string, name: string) => Number(new RegExp(`^${name} (\\S+)`, "m").exec(text)?.[1] ?? NaN);
  let reading: Promise<void> = Promise.resolve();
  const readHeap = () => {
    if (!metricsUrl) return;
    reading = fetch(metricsUrl, { signal: AbortSignal.timeout(2000) })
      .then((r) => r.text())
      .then((text) => {
        const used = gauge(text, "nodejs_heap_size_used_bytes");
        const total = gauge(text, "nodejs_heap_size_total_bytes");
        if (Number.isFinite(used)) peak.heapUsed = Math.max(peak.heapUsed ?? 0, used);
        if (Number.isFinite(total)) peak.heapTotal = Math.max(peak.heapTotal ?? 0, total);
      })
      .catch(() => undefined);
  };
  take();
  const timer = setInterval(take, 100);
  const heapTimer = metricsUrl ? setInterval(readHeap, 500) : undefined;
  return {
    stop: async () => {
      clearInterval(timer);
      if (heapTimer) clearInterval(heapTimer);
      take();
      await reading;
      return peak;
    },
  };
}
