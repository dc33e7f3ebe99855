import path from "node:path";
import { env, parseConfig } from "@wsis/shared";
import { SUBGRAPHS } from "@wsis/gateway/subgraphs";
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
  /** Subgraph name → port. */
  subgraphPorts: Record<string, number>;
  logLevel: string;
}

/** The variable that sets a subgraph's port, e.g. ACTION_LINES_PORT. */
export const portVariable = (name: string) => `${name.toUpperCase().replace(/-/g, "_")}_PORT`;

export function loadStartConfig(source: Record<string, string | undefined> = process.env): StartConfig {
  const raw = parseConfig(
    {
      DATABASE_URL: env.optionalUrl(),
      EMBEDDED_PG_PORT: env.port(54329),
      EMBEDDED_PG_DATA: z.string().min(1).default(path.join(REPO_ROOT, ".data/postgres")),
      HOST: env.host(),
      PORT: env.port(4000),
      LOG_LEVEL: env.logLevel().default("warn"),
      ...Object.fromEntries(SUBGRAPHS.map((s) => [portVariable(s.name), env.port(s.defaultPort)])),
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
    subgraphPorts: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, Number(raw[portVariable(s.name)])])),
    logLevel: raw.LOG_LEVEL,
  };
}
