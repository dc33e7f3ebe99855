import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { inRepoSubgraphs, readRegistry, urlVariable, type RegistryEntry } from "@wsis/gateway/registry";

/** Rules shared by the tests of the Dockerfile, the compose file and the Kubernetes manifests. */
export const REPO_ROOT = path.resolve(__dirname, "../../..");
export const DEPLOY_DIR = path.join(REPO_ROOT, "infra/deploy");

/** The subgraphs the hub runs itself (supergraph.yaml, with a workspace): each needs a process everywhere. */
export function hubSubgraphs(): RegistryEntry[] {
  return inRepoSubgraphs(readRegistry(path.join(REPO_ROOT, "supergraph.yaml")));
}

export { urlVariable };

/**
 * Variables the deploy files set although no source reads them yet: issue #20's read replicas
 * (DATABASE_REPLICA_URLS, REPLICA_MAX_LAG_MS), read by the subgraphs once that work is merged. Remove a name from here
 * once the code reads it (the test then checks it like the others).
 */
export const PENDING_VARIABLES = new Set(["DATABASE_REPLICA_URLS", "REPLICA_MAX_LAG_MS"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory())
      return name === "node_modules" || name === "dist" || name === "test" ? [] : sourceFiles(full);
    return /\.ts$/.test(name) && !/\.test\.ts$/.test(name) ? [full] : [];
  });
}

let sourceText: string | undefined;
/** The TypeScript the hub's processes run (shared, gateway, subgraphs), as one text to search for variable names. */
function processSources(): string {
  sourceText ??= [
    path.join(REPO_ROOT, "shared/src"),
    path.join(REPO_ROOT, "gateway/src"),
    ...hubSubgraphs().map((s) => path.join(s.hub.workspace as string, "src")),
  ]
    .flatMap(sourceFiles)
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
  return sourceText;
}

/**
 * The variables of `names` that no process reads: neither named in the sources (`NAME:` in a config shape,
 * `process.env.NAME`) nor a subgraph URL variable (`<NAME>_URL`, derived from the registry), nor pending.
 */
export function unreadVariables(names: string[]): string[] {
  const urlVariables = new Set(hubSubgraphs().map((s) => urlVariable(s.name)));
  const sources = processSources();
  return names.filter(
    (name) => !urlVariables.has(name) && !PENDING_VARIABLES.has(name) && !new RegExp(`\\b${name}\\b`).test(sources),
  );
}

/** An image reference pinned to a version: a tag other than `latest` (or a digest), never a bare name. */
export function imageProblem(image: string): string | undefined {
  const [rest, digest] = image.split("@", 2);
  if (digest) return /^sha256:[0-9a-f]{64}$/.test(digest) ? undefined : `${image}: malformed digest`;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon <= slash) return `${image}: no tag (that is :latest)`;
  const tag = rest.slice(colon + 1);
  if (tag === "latest" || !/\d/.test(tag)) return `${image}: tag "${tag}" is not a version`;
  return undefined;
}

/** `haproxy` when installed (Debian package), else undefined. */
export function haproxyBinary(): string | undefined {
  try {
    execFileSync("haproxy", ["-v"], { stdio: "ignore" });
    return "haproxy";
  } catch {
    return undefined;
  }
}
