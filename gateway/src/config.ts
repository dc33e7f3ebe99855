import path from "node:path";
import { env, parseConfig } from "@wsis/shared";
import { z } from "zod";
import { defaultSubgraphUrl, SUBGRAPHS } from "./subgraphs";

export interface GatewayConfig {
  port: number;
  host: string;
  logLevel: string;
  nodeEnv: "development" | "production" | "test";
  internalSecret: string;
  supergraphPath: string;
  /** Subgraph name → URL of its GraphQL endpoint. */
  subgraphUrls: Record<string, string>;
  subgraphTimeoutMs: number;
  introspection: boolean;
}

export const DEFAULT_SUPERGRAPH_PATH = path.resolve(__dirname, "../supergraph.graphql");

/** Parses the gateway's configuration once, reporting every problem at once. */
export function loadGatewayConfig(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const urlShape = Object.fromEntries(SUBGRAPHS.map((s) => [s.urlVariable, env.url().default(defaultSubgraphUrl(s))]));
  const raw = parseConfig(
    {
      PORT: env.port(4000),
      HOST: env.host(),
      LOG_LEVEL: env.logLevel(),
      NODE_ENV: env.nodeEnv(),
      HUB_INTERNAL_SECRET: env.secret().default("wsis-hub-local-internal-secret-change-me"),
      SUPERGRAPH_PATH: z.string().min(1).default(DEFAULT_SUPERGRAPH_PATH),
      SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120000).default(5000),
      INTROSPECTION: z.enum(["true", "false", ""]).optional(),
      ...urlShape,
    },
    source,
  ) as Record<string, unknown> & {
    PORT: number;
    HOST: string;
    LOG_LEVEL: string;
    NODE_ENV: GatewayConfig["nodeEnv"];
    HUB_INTERNAL_SECRET: string;
    SUPERGRAPH_PATH: string;
    SUBGRAPH_TIMEOUT_MS: number;
    INTROSPECTION?: "true" | "false" | "";
  };
  return {
    port: raw.PORT,
    host: raw.HOST,
    logLevel: raw.LOG_LEVEL,
    nodeEnv: raw.NODE_ENV,
    internalSecret: raw.HUB_INTERNAL_SECRET,
    supergraphPath: raw.SUPERGRAPH_PATH,
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, String(raw[s.urlVariable])])),
    subgraphTimeoutMs: raw.SUBGRAPH_TIMEOUT_MS,
    // On in development, off by default in production.
    introspection: raw.INTROSPECTION ? raw.INTROSPECTION === "true" : raw.NODE_ENV !== "production",
  };
}
