import { loadSubgraphConfig, ConfigError, type HttpTimeouts, type SubgraphConfig } from "./config";
import { connectDataSource, describeDatabaseUrl, migrate, probeDatabase, type SubgraphDataSource } from "./database";
import type { SubgraphServer } from "./http/subgraph-server";
import { createLogger, type Logger } from "./logger";
import { failStartup, onShutdown } from "./process";

/** What a subgraph package hands to the shared entry points. */
export interface SubgraphModule<S = unknown> {
  name: string;
  schema: string;
  defaultPort: number;
  createDataSource(url: string, options: { log?: Logger; poolSize?: number }): SubgraphDataSource;
  createServer(deps: { dataSource: SubgraphDataSource["dataSource"]; log: Logger; internalSecret: string; http?: HttpTimeouts }): Promise<SubgraphServer>;
  seed(dataSource: SubgraphDataSource["dataSource"]): Promise<S>;
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

/** The entry point of a subgraph process: config once, data source, server, listen, graceful shutdown. */
export async function runSubgraph(module: SubgraphModule): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const config = configOrExit(module);
  const log = createLogger(module.name, config.logLevel);
  await databaseOrExit(module, config.databaseUrl);
  const { dataSource } = module.createDataSource(config.databaseUrl, { log, poolSize: config.poolSize });
  await connectDataSource(dataSource);
  const server = await module.createServer({ dataSource, log, internalSecret: config.internalSecret, http: config.http });
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
