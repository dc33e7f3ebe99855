import { ConfigError, env, parseConfig } from "@wsis/shared";
import { z } from "zod";
import { startCluster, type Cluster } from "./cluster";

/**
 * `npm run cluster`: the operator's rehearsal of the production topology on one machine (see the README, "Running at
 * scale"). Ctrl-C stops everything, front to back.
 */
const say = (line: string) => process.stdout.write(`[cluster] ${line}\n`);

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  let config: {
    CLUSTER_PORT: number;
    CLUSTER_GATEWAYS: number;
    CLUSTER_SUBGRAPH_REPLICAS: number;
    CLUSTER_DIR?: string;
    LOG_LEVEL: string;
    HOST: string;
  };
  try {
    config = parseConfig({
      CLUSTER_PORT: env.port(4000),
      CLUSTER_GATEWAYS: z.coerce.number().int().min(1).max(8).default(2),
      CLUSTER_SUBGRAPH_REPLICAS: z.coerce.number().int().min(1).max(8).default(2),
      CLUSTER_DIR: z.string().optional(),
      LOG_LEVEL: env.logLevel().default("warn"),
      HOST: env.host(),
    });
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`[cluster] error: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  let cluster: Cluster | undefined;
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping: HAProxy, the gateways, the subgraphs, Redis (if started here), PostgreSQL…");
    await cluster?.stop();
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  try {
    cluster = await startCluster({
      port: config.CLUSTER_PORT,
      host: config.HOST,
      gateways: config.CLUSTER_GATEWAYS,
      subgraphReplicas: config.CLUSTER_SUBGRAPH_REPLICAS,
      dir: config.CLUSTER_DIR,
      logLevel: config.LOG_LEVEL,
      say,
      output: (name, line) => process.stdout.write(`[${name}] ${line}\n`),
    });
  } catch (error) {
    process.stderr.write(`[cluster] error: ${(error as Error).message}\n`);
    process.exit(1);
  }
  if (stopping) return;
  say(`PostgreSQL primary ${cluster.postgres.primary.url("wsis")}, replica ${cluster.postgres.replica.url("wsis")}`);
  say(
    `gateways: ${cluster.gateways.map((g) => `${g.name} :${g.port}`).join(", ")}; subgraphs: ${cluster.subgraphs.map((s) => `${s.name} :${s.port}`).join(", ")}`,
  );
  say(`HAProxy statistics: ${cluster.statsUrl}`);
  say(`ready: ${cluster.url}/graphql through HAProxy (Ctrl-C stops everything)`);
}

void main();
