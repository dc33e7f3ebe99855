import path from "node:path";
import { env, parseConfig } from "@wsis/shared";
import { inRepoSubgraphs, portVariable, readRegistry, type Registry, type RegistryEntry } from "@wsis/gateway/registry";
import { z } from "zod";

export const REPO_ROOT = path.resolve(__dirname, "../..");

export interface StartConfig {
  /** A server the operator provides; when absent, an embedded PostgreSQL is started. */
  databaseUrl?: string;
  embeddedPort: number;
  embeddedDataDir: string;
  embeddedDatabase: string;
  host: string;
  gatewayPort: number;
  /** The registry (supergraph.yaml, or REGISTRY_PATH): `npm start` runs its in-repo subgraphs, expects the others. */
  registry: Registry;
  /** In-repo subgraph name → port. */
  subgraphPorts: Record<string, number>;
  logLevel: string;
}

export { portVariable };

/** The port of an in-repo subgraph's routing URL (what `npm start` listens on unless `<NAME>_PORT` says otherwise). */
const routingPort = (entry: RegistryEntry) => Number(new URL(entry.routingUrl).port || 80);

export function loadStartConfig(source: Record<string, string | undefined> = process.env): StartConfig {
  const registry = readRegistry(source.REGISTRY_PATH || undefined);
  const local = inRepoSubgraphs(registry);
  const raw = parseConfig(
    {
      DATABASE_URL: env.optionalUrl(),
      EMBEDDED_PG_PORT: env.port(54329),
      EMBEDDED_PG_DATA: z.string().min(1).default(path.join(REPO_ROOT, ".data/postgres")),
      HOST: env.host(),
      PORT: env.port(4000),
      LOG_LEVEL: env.logLevel().default("warn"),
      ...Object.fromEntries(local.map((s) => [portVariable(s.name), env.port(routingPort(s))])),
    },
    source,
  ) as Record<string, unknown> & {
    DATABASE_URL?: string;
    EMBEDDED_PG_PORT: number;
    EMBEDDED_PG_DATA: string;
    HOST: string;
    PORT: number;
    LOG_LEVEL: string;
  };
  return {
    databaseUrl: raw.DATABASE_URL,
    embeddedPort: raw.EMBEDDED_PG_PORT,
    embeddedDataDir: path.resolve(raw.EMBEDDED_PG_DATA),
    embeddedDatabase: "wsis",
    host: raw.HOST,
    gatewayPort: raw.PORT,
    registry,
    subgraphPorts: Object.fromEntries(local.map((s) => [s.name, Number(raw[portVariable(s.name)])])),
    logLevel: raw.LOG_LEVEL,
  };
}
