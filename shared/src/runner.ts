import { readFileSync } from "node:fs";
import {
  createCallerVerifier,
  localCallerKeys,
  remoteCallerKeys,
  type CallerKeys,
  type CallerVerifier,
} from "./auth/caller";
import {
  loadSubgraphConfig,
  ConfigError,
  type CallerKeyConfig,
  type HttpTimeouts,
  type SubgraphConfig,
} from "./config";
import {
  connectDataSource,
  describeDatabaseUrl,
  migrate,
  probeDatabase,
  type DataSourceExtras,
  type SubgraphDatabase,
} from "./database";
import type { SubgraphServer } from "./http/subgraph-server";
import { createLogger, type Logger } from "./logger";
import { failStartup, onShutdown } from "./process";

/** What a subgraph package hands to the shared entry points. */
export interface SubgraphModule<S = unknown> {
  name: string;
  schema: string;
  defaultPort: number;
  createDataSource(url: string, options: DataSourceExtras): SubgraphDatabase;
  createServer(deps: {
    dataSource: SubgraphDatabase["dataSource"];
    log: Logger;
    callers: CallerVerifier;
    http?: HttpTimeouts;
  }): Promise<SubgraphServer>;
  seed(dataSource: SubgraphDatabase["dataSource"]): Promise<S>;
}

function configOrExit(module: SubgraphModule): SubgraphConfig {
  try {
    return loadSubgraphConfig(module.defaultPort);
  } catch (error) {
    if (error instanceof ConfigError) failStartup(`${module.name}: ${error.message}`);
    throw error;
  }
}

async function databaseOrExit(module: SubgraphModule, url: string): Promise<void> {
  const problem = await probeDatabase(url);
  if (problem) failStartup(`${module.name}: cannot reach the database at ${describeDatabaseUrl(url)}: ${problem}`);
}

/** The gateway's public keys as configured: its JWKS URL (fetched lazily, cached), or a JWKS file read now. */
export function callerKeysOf(config: CallerKeyConfig): CallerKeys {
  if (config.file) {
    let jwks: unknown;
    try {
      jwks = JSON.parse(readFileSync(config.file, "utf8"));
    } catch (error) {
      throw new ConfigError([`CALLER_JWKS_FILE: cannot read ${config.file}: ${(error as Error).message}`]);
    }
    if (!jwks || !Array.isArray((jwks as { keys?: unknown }).keys))
      throw new ConfigError([`CALLER_JWKS_FILE: ${config.file} is not a JWKS ({ "keys": [...] })`]);
    return localCallerKeys(jwks as { keys: [] });
  }
  return remoteCallerKeys(config.url as string, { cooldownMs: config.cooldownMs, maxAgeMs: config.maxAgeMs });
}

/** The entry point of a subgraph process: config once, data source, server, listen, graceful shutdown. */
export async function runSubgraph(module: SubgraphModule): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const config = configOrExit(module);
  const log = createLogger(module.name, config.logLevel);
  let keys: CallerKeys;
  try {
    keys = callerKeysOf(config.callerKeys);
  } catch (error) {
    if (error instanceof ConfigError) failStartup(`${module.name}: ${error.message}`);
    throw error;
  }
  await databaseOrExit(module, config.databaseUrl);
  // Migrations and seeds (runMigrateAndSeed) write: only the serving process reads from the replicas.
  const replicas = config.replicas.urls.length > 0 ? config.replicas : undefined;
  if (replicas)
    log.info(
      { replicas: replicas.urls.map(describeDatabaseUrl), maxLagMs: replicas.maxLagMs },
      `${module.name}: reads go to ${replicas.urls.length} replica(s)`,
    );
  const { dataSource } = module.createDataSource(config.databaseUrl, { log, poolSize: config.poolSize, replicas });
  await connectDataSource(dataSource);
  // A caller is accepted when the gateway signed it for this subgraph: its name is the audience.
  const callers = createCallerVerifier({ keys, audiences: [module.name] });
  const server = await module.createServer({ dataSource, log, callers, http: config.http });
  try {
    const port = await server.listen(config.port, config.host);
    log.info({ port, host: config.host }, `${module.name} subgraph listening on http://${config.host}:${port}/graphql`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    failStartup(
      code === "EADDRINUSE"
        ? `${module.name}: port ${config.port} on ${config.host} is already in use (set PORT to another port)`
        : `${module.name}: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
    );
  }
  // server.stop() stops accepting connections and lets in-flight requests finish (5 s at most), then the pool closes.
  onShutdown(log, async () => {
    await server.stop();
    await dataSource.destroy();
  });
}

/** Runs the subgraph's pending migrations, then its idempotent seed; prints one summary line. */
export async function runMigrateAndSeed(module: SubgraphModule): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const config = configOrExit(module);
  const log = createLogger(`${module.name}-migrate`, config.logLevel);
  await databaseOrExit(module, config.databaseUrl);
  const { dataSource } = module.createDataSource(config.databaseUrl, { log, poolSize: 2 });
  try {
    const ran = await migrate(dataSource, module.schema);
    const counts = await module.seed(dataSource);
    log.info({ migrations: ran, seed: counts }, `${module.name}: ${ran.length} migration(s) applied; seed done`);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * The `SubgraphModule` an in-repo subgraph's package exports (the export whose `name` is the subgraph's), loaded by
 * package name: the gateway's tests, the hub's test fixtures and the benchmark find the subgraphs in the registry
 * instead of importing each by name.
 */
export async function loadSubgraphModule(packageName: string, subgraphName: string): Promise<SubgraphModule> {
  const exported = (await import(packageName)) as Record<string, unknown>;
  const module = Object.values(exported).find(
    (value): value is SubgraphModule =>
      typeof value === "object" &&
      value !== null &&
      (value as SubgraphModule).name === subgraphName &&
      typeof (value as SubgraphModule).createServer === "function",
  );
  if (!module) throw new Error(`${packageName} exports no SubgraphModule named ${subgraphName}`);
  return module;
}
