import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import readline from "node:readline";
import { composeServices } from "@apollo/composition";
import { packageNameOf, readRegistry, urlVariable } from "@wsis/gateway/registry";
import { loadSubgraphModule } from "@wsis/shared";
import { createSeededDatabase, freePort, type TestDatabase } from "@wsis/shared/testing";
import gql from "graphql-tag";
import { makeTestKeys, type TestKeyFiles } from "./keys";

/**
 * The hub as separate processes, the way it runs in production — `node subgraphs/<name>/dist/index.js` and
 * `node gateway/dist/index.js`, built beforehand (turbo builds before testing; by hand: `npx tsc -p tsconfig.build.json`
 * in shared, the subgraphs and the gateway) — on free ports, over one fresh database. The gateway loads a supergraph
 * composed from the subgraphs started here. Processes can be killed, signalled and restarted on the same port; their
 * JSON log lines are kept for assertions.
 */

const ROOT = path.resolve(__dirname, "../..");

export interface LogLine {
  level: number;
  msg: string;
  requestId?: string;
  [key: string]: unknown;
}

export class HubProcess {
  child!: ChildProcess;
  exited!: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  readonly logs: LogLine[] = [];
  readonly output: string[] = [];

  constructor(
    readonly name: string,
    readonly script: string,
    readonly port: number,
    readonly env: Record<string, string>,
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get url(): string {
    return `${this.baseUrl}/graphql`;
  }

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  start(): void {
    if (!existsSync(this.script))
      throw new Error(`${this.script} is missing: build first (npx tsc -p tsconfig.build.json)`);
    this.child = spawn(process.execPath, [this.script], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? "",
        APOLLO_TELEMETRY_DISABLED: "true",
        HOST: "127.0.0.1",
        PORT: String(this.port),
        ...this.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      readline.createInterface({ input: stream! }).on("line", (line) => {
        this.output.push(line);
        try {
          this.logs.push(JSON.parse(line) as LogLine);
        } catch {
          // not a log line
        }
      });
    }
    const child = this.child;
    this.exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  }

  /** Starts the process and waits until `probe` (a path) answers 2xx. */
  async startAndWait(probe: string, timeoutMs = 30_000): Promise<void> {
    this.start();
    await waitForHttp(`${this.baseUrl}${probe}`, timeoutMs, this);
  }

  kill(signal: NodeJS.Signals = "SIGKILL"): void {
    this.child.kill(signal);
  }

  /** Ends the process if it still runs (SIGKILL: tests that want a graceful stop send SIGTERM themselves). */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.child.kill("SIGKILL");
    await this.exited;
  }

  logsFor(requestId: string): LogLine[] {
    return this.logs.filter((l) => l.requestId === requestId);
  }
}

/**
 * How long a subgraph process may take to be ready: the indicators subgraph seeds 102,552 observations and runs the
 * quality rules over them before it answers ready, which takes over 30 s on a loaded CI machine.
 */
const SUBGRAPH_READY_MS = 180_000;

export async function waitForHttp(url: string, timeoutMs: number, owner?: HubProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (owner && !owner.running)
      throw new Error(`${owner.name} exited while starting:\n${owner.output.slice(-10).join("\n")}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not up yet
    }
    await sleep(100);
  }
  throw new Error(`${url} did not answer within ${Math.round(timeoutMs / 1000)} s`);
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns a value other than undefined (or throws after `timeoutMs`). */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await sleep(intervalMs);
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`);
}

export interface GraphQLReply<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** POSTs an operation (JSON); `body` overrides the request body entirely. */
export async function post<T = Record<string, unknown>>(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<GraphQLReply<T>> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: Omit<GraphQLReply<T>, "status" | "headers"> = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    throw new Error(`not JSON (status ${response.status}): ${text.slice(0, 200)}`);
  }
  return { status: response.status, headers: response.headers, ...parsed };
}

export interface ProcessHub {
  database: TestDatabase;
  subgraphs: Record<string, HubProcess>;
  gateways: HubProcess[];
  supergraphPath: string;
  /** The caller signing keys of the gateways (private) and the subgraphs (public). */
  keys: TestKeyFiles;
  /** Starts one more gateway process over the same subgraphs, with extra environment. */
  startGateway(env?: Record<string, string>): Promise<HubProcess>;
  /** Starts a subgraph again on its port (after it was killed or stopped). */
  restartSubgraph(name: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Gives the named subgraphs a database migrated and seeded (a copy of the run's template), starts them, composes their supergraph from their
 * own SDL, and starts one gateway (NODE_ENV=production unless `gatewayEnv` says otherwise); `subgraphEnv` is added to
 * every subgraph's environment.
 */
export async function startProcessHub(options: {
  subgraphs: string[];
  gatewayEnv?: Record<string, string>;
  subgraphEnv?: Record<string, string>;
}): Promise<ProcessHub> {
  const registry = readRegistry();
  const modules = await Promise.all(
    options.subgraphs.map((name) => {
      const entry = registry.subgraphs.find((s) => s.name === name);
      if (!entry) throw new Error(`${name} is not in the registry (supergraph.yaml)`);
      return loadSubgraphModule(packageNameOf(entry), name);
    }),
  );
  // A copy of the run's database with these subgraphs migrated and seeded, as their `dist/migrate.js` leaves it
  // (the template is built once per run; `npm start`'s own migrate step is tested in infra/test/start.integration).
  const { database } = await createSeededDatabase(modules, { label: "gateway" });
  const workDir = await mkdtemp(path.join(tmpdir(), "wsis-gateway-e2e-"));
  const keys = makeTestKeys();
  const subgraphs: Record<string, HubProcess> = {};
  const gateways: HubProcess[] = [];
  const all = () => [...gateways, ...Object.values(subgraphs)];
  try {
    await Promise.all(
      options.subgraphs.map(async (name) => {
        const process = new HubProcess(name, path.join(ROOT, "subgraphs", name, "dist/index.js"), await freePort(), {
          DATABASE_URL: database.url,
          LOG_LEVEL: "info",
          CALLER_JWKS_FILE: keys.publicFile,
          DB_POOL_SIZE: "5",
          ...options.subgraphEnv,
        });
        subgraphs[name] = process;
        await process.startAndWait("/health/ready", SUBGRAPH_READY_MS);
      }),
    );
    const services = await Promise.all(
      options.subgraphs.map(async (name) => {
        const reply = await post<{ _service: { sdl: string } }>(subgraphs[name].url, { query: "{ _service { sdl } }" });
        return { name, url: subgraphs[name].url, typeDefs: gql(reply.data!._service.sdl) };
      }),
    );
    const composed = composeServices(services);
    if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join("\n"));
    const supergraphPath = path.join(workDir, "supergraph.graphql");
    await writeFile(supergraphPath, composed.supergraphSdl);

    // Subgraphs not started here point to a closed port (never to whatever may listen on their default ports).
    const urlEnv = Object.fromEntries(
      registry.subgraphs.map((s) => [urlVariable(s.name), subgraphs[s.name]?.url ?? "http://127.0.0.1:1/graphql"]),
    );
    const startGateway = async (env: Record<string, string> = {}) => {
      const gateway = new HubProcess("gateway", path.join(ROOT, "gateway/dist/index.js"), await freePort(), {
        ...urlEnv,
        SUPERGRAPH_PATH: supergraphPath,
        LOG_LEVEL: "info",
        CALLER_SIGNING_KEYS_FILE: keys.privateFile,
        NODE_ENV: "production",
        SHUTDOWN_GRACE_MS: "5000",
        ...options.gatewayEnv,
        ...env,
      });
      gateways.push(gateway);
      await gateway.startAndWait("/health/live");
      return gateway;
    };
    await startGateway();
    return {
      database,
      subgraphs,
      gateways,
      supergraphPath,
      keys,
      startGateway,
      restartSubgraph: async (name) => {
        const process = subgraphs[name];
        await process.stop();
        await process.startAndWait("/health/ready", SUBGRAPH_READY_MS);
      },
      stop: async () => {
        await Promise.all(all().map((p) => p.stop()));
        await database.drop();
        await rm(workDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await Promise.all(all().map((p) => p.stop()));
    await database.drop();
    await rm(workDir, { recursive: true, force: true });
    throw error;
  }
}
