import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ConfigError } from "@wsis/shared";
import { parse } from "yaml";
import { z } from "zod";

/**
 * The hub's registry of subgraphs: `supergraph.yaml` at the repository root, in the format of Apollo's
 * `rover supergraph compose --config` (`federation_version`, `subgraphs.<name>.routing_url`,
 * `subgraphs.<name>.schema.file | subgraph_url`). It is the only list of the subgraphs: the gateway, `npm start`, the
 * tests and the benchmark read it.
 *
 * The hub's own settings sit beside rover's keys under `hub:` — rover ignores keys it does not know (its
 * `SupergraphConfigYaml` and `SubgraphConfig` structs are plain serde structs, without `deny_unknown_fields`):
 * - per subgraph: `workspace` (an in-repo subgraph: the folder of its npm workspace, started by `npm start`),
 *   `caller` (true: the gateway forwards the signed caller; default false), `timeout_ms`, `max_sockets`;
 * - at the top: `operations`, the files whose GraphQL operations `npm run compose -- --check` validates.
 */
export const REPO_ROOT = path.resolve(__dirname, "../..");
export const DEFAULT_REGISTRY_PATH = path.join(REPO_ROOT, "supergraph.yaml");

/** The hub's settings of one subgraph (`subgraphs.<name>.hub`). */
export interface HubSettings {
  /** In-repo subgraphs: the folder of its npm workspace (absolute). Absent: a subgraph run by someone else. */
  workspace?: string;
  /** Whether the gateway forwards the caller (a signed JWS) to it. */
  caller: boolean;
  /** Timeout of each call to it, and its keep-alive socket limit (the gateway's defaults when absent). */
  timeoutMs?: number;
  maxSockets?: number;
}

export type SchemaSource = { file: string } | { subgraphUrl: string };

export interface RegistryEntry {
  name: string;
  routingUrl: string;
  schema: SchemaSource;
  hub: HubSettings;
}

export interface Registry {
  /** The file it was read from (absolute). */
  file: string;
  federationVersion: string;
  subgraphs: RegistryEntry[];
  /** Files holding the operations the check validates (absolute; those missing are skipped with a note). */
  operations: string[];
}

/** A subgraph's name: lower case letters, digits and hyphens (it becomes an enum value of the supergraph). */
const NAME = /^[a-z][a-z0-9-]*$/;

const hubShape = z
  .object({
    workspace: z.string().min(1).optional(),
    caller: z.boolean().default(false),
    timeout_ms: z.number().int().min(100).max(120_000).optional(),
    max_sockets: z.number().int().min(1).max(10_000).optional(),
  })
  .strict();

const entryShape = z.object({
  routing_url: z.string().url(),
  schema: z.union([z.object({ file: z.string().min(1) }), z.object({ subgraph_url: z.string().url() })]),
  hub: hubShape.optional(),
});

const registryShape = z.object({
  federation_version: z.union([z.string(), z.number()]).transform(String),
  subgraphs: z.record(z.string(), entryShape),
  hub: z
    .object({ operations: z.array(z.string().min(1)).default([]) })
    .strict()
    .optional(),
});

/** The variable that overrides a subgraph's URL in the gateway, e.g. ACTION_LINES_URL. */
export const urlVariable = (name: string) => `${name.toUpperCase().replace(/-/g, "_")}_URL`;

/** The variable that sets an in-repo subgraph's port for `npm start`, e.g. ACTION_LINES_PORT. */
export const portVariable = (name: string) => `${name.toUpperCase().replace(/-/g, "_")}_PORT`;

/** Reads and checks a registry text; every problem is reported at once. Relative paths are taken from `baseDir`. */
export function parseRegistry(text: string, file: string): Registry {
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new ConfigError([`${file}: not YAML: ${(error as Error).message}`]);
  }
  const result = registryShape.safeParse(raw);
  const subgraphNames = Object.keys((raw as { subgraphs?: object } | null)?.subgraphs ?? {});
  const problems = [
    ...subgraphNames
      .filter((name) => !NAME.test(name))
      .map((name) => `${file}: subgraphs.${name}: a subgraph name is lower case letters, digits and hyphens`),
    ...(result.success
      ? []
      : result.error.issues.map((issue) => `${file}: ${issue.path.join(".") || "(root)"}: ${issue.message}`)),
  ];
  if (problems.length || !result.success) throw new ConfigError(problems);
  const baseDir = path.dirname(file);
  const subgraphs = Object.entries(result.data.subgraphs).map(([name, entry]): RegistryEntry => {
    const hub = entry.hub ?? { caller: false };
    return {
      name,
      routingUrl: entry.routing_url,
      schema:
        "file" in entry.schema
          ? { file: path.resolve(baseDir, entry.schema.file) }
          : { subgraphUrl: entry.schema.subgraph_url },
      hub: {
        workspace: hub.workspace === undefined ? undefined : path.resolve(baseDir, hub.workspace),
        caller: hub.caller,
        timeoutMs: hub.timeout_ms,
        maxSockets: hub.max_sockets,
      },
    };
  });
  if (subgraphs.length === 0) throw new ConfigError([`${file}: subgraphs: the registry lists no subgraph`]);
  return {
    file,
    federationVersion: result.data.federation_version,
    subgraphs,
    operations: (result.data.hub?.operations ?? []).map((p) => path.resolve(baseDir, p)),
  };
}

/** Reads the registry file (default: `supergraph.yaml` at the repository root). */
export function readRegistry(file: string = DEFAULT_REGISTRY_PATH): Registry {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new ConfigError([`REGISTRY_PATH: ${absolute} does not exist`]);
  return parseRegistry(readFileSync(absolute, "utf8"), absolute);
}

/** The subgraphs of the registry that live in this repository (they have a workspace): `npm start` runs them. */
export const inRepoSubgraphs = (registry: Registry) => registry.subgraphs.filter((s) => s.hub.workspace !== undefined);

/** The npm package of an in-repo subgraph (the `name` of its workspace's package.json). */
export function packageNameOf(entry: RegistryEntry): string {
  if (!entry.hub.workspace) throw new Error(`${entry.name} is not an in-repo subgraph (no hub.workspace)`);
  return (JSON.parse(readFileSync(path.join(entry.hub.workspace, "package.json"), "utf8")) as { name: string }).name;
}

/** Where a subgraph answers its readiness probe, derived from its GraphQL URL (`…/graphql` → `…/health/ready`). */
export function readinessUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, "") + "/health/ready";
  return url.toString();
}

/** `<NAME>_URL` for every subgraph of the registry, all pointing to `url` (tests and measurements: a closed port). */
export function subgraphUrlsAt(url: string, registry: Registry = readRegistry()): Record<string, string> {
  return Object.fromEntries(registry.subgraphs.map((s) => [urlVariable(s.name), url]));
}
