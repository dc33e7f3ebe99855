import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { freePort } from "@wsis/shared";
import { manageKeys } from "@wsis/gateway/caller-keys";
import { inRepoSubgraphs, readRegistry, urlVariable, type RegistryEntry } from "@wsis/gateway/registry";
import { withGatewayNodeOptions } from "@wsis/gateway/runtime";
import { Client } from "pg";
import { REPO_ROOT } from "../config";
import { runToCompletion } from "../processes";
import { startReplication, type Replication } from "../replication";
import { checkHaproxyConfig, findHaproxy, haproxyConfig, haproxyId, serverStates, type Backend } from "./haproxy";
import { member, type Member } from "./member";
import { provideRedis } from "./redis";

/**
 * The rehearsal of a production topology on one machine (`npm run cluster`, the soak benchmark and its test):
 * PostgreSQL primary and streaming replica, Redis, N replicas of each in-repo subgraph (reads on the PostgreSQL
 * replica), M gateways sharing the response cache in Redis, and HAProxy in front of the gateways and between the
 * gateways and the subgraphs' replicas. Every process can be killed and started again on its port.
 */
export interface ClusterOptions {
  /** The port clients use (HAProxy's gateway frontend); 0 = a free one. */
  port?: number;
  host?: string;
  gateways?: number;
  /** Replicas of every subgraph, or per subgraph name (others: 1). */
  subgraphReplicas?: number | Record<string, number>;
  /** Where the PostgreSQL data, the generated haproxy.cfg and the keys go (default: a new temporary folder, removed at stop). */
  dir?: string;
  logLevel?: string;
  /** Every line the processes print, with their name (default: none, but the last lines of a failing one are kept). */
  output?: (name: string, line: string) => void;
  /** What the cluster is doing (start-up steps). */
  say?: (line: string) => void;
}

export interface Cluster {
  /** http://host:port — HAProxy in front of the gateways. */
  url: string;
  statsUrl: string;
  gateways: Member[];
  subgraphs: Member[];
  haproxy: Member;
  postgres: Replication;
  redisUrl: string;
  haproxyConfigFile: string;
  /** Waits until HAProxy's health checks have found these members (default: all) up. */
  waitUp(members?: Member[], timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

async function inBatches<T>(items: readonly T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(fn));
}

const workspaceOf = (entry: RegistryEntry) => entry.hub.workspace as string;
/** The gateway's built entry point (the tests run the built processes, as `npm run cluster` does). */
const GATEWAY_ENTRY = path.join(REPO_ROOT, "gateway/dist/index.js");

async function createDatabase(url: string, name: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

export async function startCluster(options: ClusterOptions = {}): Promise<Cluster> {
  const say = options.say ?? (() => undefined);
  const host = options.host ?? "127.0.0.1";
  const haproxyBinary = findHaproxy();
  if (!haproxyBinary) throw new Error("haproxy is not installed (apt-get install haproxy)");
  const dir = options.dir ?? mkdtempSync(path.join(os.tmpdir(), "wsis-cluster-"));
  mkdirSync(dir, { recursive: true });
  // PostgreSQL runs as the postgres user when this is root: it must reach its data folder inside.
  chmodSync(dir, 0o755);
  const registry = readRegistry();
  const local = inRepoSubgraphs(registry);
  const replicasOf = (name: string) =>
    typeof options.subgraphReplicas === "number"
      ? options.subgraphReplicas
      : (options.subgraphReplicas?.[name] ?? (options.subgraphReplicas ? 1 : 2));
  const logLevel = options.logLevel ?? "warn";
  const started: Member[] = [];
  let postgres: Replication | undefined;
  const stopAll = async () => {
    // Front to back: HAProxy (no new requests), the gateways, the subgraphs, Redis, PostgreSQL.
    for (const kind of ["haproxy", "gateway", "subgraph", "redis"] as const) {
      await Promise.all(started.filter((m) => m.kind === kind).map((m) => m.stop()));
    }
    await postgres?.destroy();
    if (!options.dir) rmSync(dir, { recursive: true, force: true });
  };

  try {
    say("PostgreSQL: a primary (initdb) and a streaming replica (pg_basebackup -R)");
    postgres = await startReplication({ baseDir: path.join(dir, "postgres") });
    await createDatabase(postgres.primary.url(), "wsis");
    const primaryUrl = postgres.primary.url("wsis");
    const replicaUrl = postgres.replica.url("wsis");

    const redis = await provideRedis(host, options.output);
    if (redis.member) started.push(redis.member);
    say(`Redis: ${redis.url}`);

    const baseEnv: NodeJS.ProcessEnv = {
      ...process.env,
      APOLLO_TELEMETRY_DISABLED: "true",
      HOST: host,
      LOG_LEVEL: logLevel,
      NODE_ENV: "production",
    };
    for (const s of local) {
      say(`migrating and seeding ${s.name}`);
      await runToCompletion(
        `${s.name} migrate`,
        path.join(workspaceOf(s), "dist/migrate.js"),
        { ...baseEnv, NODE_ENV: "development", DATABASE_URL: primaryUrl },
        REPO_ROOT,
      );
    }
    await postgres.caughtUp(120_000);

    // One key pair for every gateway (the subgraphs accept a caller signed by any of them), its public half in a file.
    const keysFile = path.join(dir, "caller-signing-keys.json");
    manageKeys("new", keysFile);
    const jwksFile = path.join(dir, "caller-jwks.json");
    writeFileSync(jwksFile, manageKeys("public", keysFile));

    // The gateways serve the supergraph the cluster started with: their own copy (a gateway reloads its file when it
    // changes; a `npm run compose` in the checkout meanwhile must not change the rehearsal under way).
    const supergraphFile = path.join(dir, "supergraph.graphql");
    copyFileSync(path.join(REPO_ROOT, "gateway/supergraph.graphql"), supergraphFile);

    const port = options.port || (await freePort());
    const statsPort = await freePort();
    const subgraphBackends: Backend[] = [];
    const subgraphs: Member[] = [];
    for (const s of local) {
      const backend: Backend = { name: s.name, listenPort: await freePort(), servers: [] };
      for (let i = 1; i <= replicasOf(s.name); i++) {
        const p = await freePort();
        backend.servers.push(p);
        subgraphs.push(
          member(
            {
              name: `${s.name}-${i}`,
              kind: "subgraph",
              port: p,
              server: `${haproxyId(s.name)}/${haproxyId(s.name)}${i}`,
              command: process.execPath,
              args: [path.join(workspaceOf(s), "dist/index.js")],
              env: {
                ...baseEnv,
                PORT: String(p),
                DATABASE_URL: primaryUrl,
                DATABASE_REPLICA_URLS: replicaUrl,
                CALLER_JWKS_FILE: jwksFile,
              },
              ready: `http://${host}:${p}/health/ready`,
            },
            options.output,
          ),
        );
      }
      subgraphBackends.push(backend);
    }
    const gatewayBackend: Backend = { name: "gateway", listenPort: port, servers: [] };
    const gateways: Member[] = [];
    // One prefix for every gateway (they share one cache), this run's own (nothing from another run is served).
    const cachePrefix = `wsis-cluster-${randomBytes(4).toString("hex")}:`;
    const subgraphUrls = Object.fromEntries(
      subgraphBackends.map((b) => [urlVariable(b.name), `http://${host}:${b.listenPort}/graphql`]),
    );
    for (let i = 1; i <= (options.gateways ?? 2); i++) {
      const p = await freePort();
      gatewayBackend.servers.push(p);
      gateways.push(
        member(
          {
            name: `gateway-${i}`,
            kind: "gateway",
            port: p,
            server: `gateway/gateway${i}`,
            command: process.execPath,
            args: [GATEWAY_ENTRY],
            env: withGatewayNodeOptions({
              ...baseEnv,
              ...subgraphUrls,
              PORT: String(p),
              REDIS_URL: redis.url,
              REDIS_KEY_PREFIX: cachePrefix,
              CALLER_SIGNING_KEYS_FILE: keysFile,
              SUPERGRAPH_PATH: supergraphFile,
              SHUTDOWN_GRACE_MS: "5000",
            }),
            ready: `http://${host}:${p}/health/ready`,
          },
          options.output,
        ),
      );
    }
    const haproxyConfigFile = path.join(dir, "haproxy.cfg");
    writeFileSync(
      haproxyConfigFile,
      haproxyConfig({ host, gateway: gatewayBackend, subgraphs: subgraphBackends, statsPort }),
    );
    checkHaproxyConfig(haproxyBinary, haproxyConfigFile);
    const haproxy = member(
      {
        name: "haproxy",
        kind: "haproxy",
        port,
        command: haproxyBinary,
        args: ["-db", "-f", haproxyConfigFile],
        env: process.env,
        ready: `http://${host}:${statsPort}/health`,
      },
      options.output,
    );

    say(
      `starting ${subgraphs.length} subgraph processes (${local.map((s) => `${replicasOf(s.name)}× ${s.name}`).join(", ")})`,
    );
    started.push(...subgraphs);
    // Two at a time: a subgraph's start-up (schema build, pools) is CPU-bound, and a small machine is shared.
    await inBatches(subgraphs, 2, (m) => m.start());
    // The gateways reach the subgraphs through HAProxy: it starts before them.
    say(`HAProxy: ${haproxyConfigFile}`);
    started.push(haproxy);
    await haproxy.start();
    say(`starting ${gateways.length} gateways`);
    started.push(...gateways);
    await Promise.all(gateways.map((m) => m.start()));
    const url = `http://${host}:${port}`;
    const statsUrl = `http://${host}:${statsPort}/stats`;
    const waitUp = async (members: Member[] = [...gateways, ...subgraphs], timeoutMs = 60_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const states = await serverStates(statsUrl).catch(() => new Map<string, string>());
        const down = members.filter((m) => m.server && states.get(m.server) !== "UP");
        if (down.length === 0) return;
        if (Date.now() > deadline)
          throw new Error(`HAProxy does not see ${down.map((m) => m.name).join(", ")} up within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    // Ready when HAProxy has seen every gateway and subgraph up (two health checks each).
    await waitUp();
    return {
      url,
      statsUrl,
      waitUp,
      gateways,
      subgraphs,
      haproxy,
      postgres,
      redisUrl: redis.url,
      haproxyConfigFile,
      stop: stopAll,
    };
  } catch (error) {
    await stopAll().catch(() => undefined);
    throw error;
  }
}
