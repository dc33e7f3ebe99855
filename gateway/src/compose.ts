import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ConfigError } from "@wsis/shared";
import { composeSubgraphs, loadSubgraphSdl, type SubgraphSdl } from "./composition";
import { DEFAULT_SUPERGRAPH_PATH } from "./config";
import { readOperations } from "./operations";
import { readRegistry, REPO_ROOT, type Registry, type RegistryEntry } from "./registry";
import { checkSupergraph, formatReport } from "./schema-check";

const USAGE = `usage: npm run compose -- [--check] [--subgraph NAME (--schema FILE | --url URL) [--routing-url URL]]
                            [--config supergraph.yaml] [--out gateway/supergraph.graphql]

  without --check  composes the subgraphs of the registry and writes the supergraph
  --check          composes the proposed supergraph and lists, with a non-zero exit on any: composition errors,
                   breaking changes against the committed supergraph, and the known operations it no longer validates
  --subgraph NAME  proposes NAME's schema from --schema FILE or from the running subgraph at --url (its
                   { _service { sdl } }); a NAME not in the registry is a new subgraph
`;

export interface ComposeIo {
  out(text: string): void;
  err(text: string): void;
  env: Record<string, string | undefined>;
}

/** The registry's subgraphs with the one under check replaced (or added) by the proposed schema. */
async function proposedSubgraphs(
  registry: Registry,
  name: string | undefined,
  schema: string | undefined,
  url: string | undefined,
  routingUrl: string | undefined,
): Promise<SubgraphSdl[]> {
  const entries: RegistryEntry[] = [...registry.subgraphs];
  if (name) {
    const existing = entries.find((e) => e.name === name);
    const proposed: RegistryEntry = {
      name,
      routingUrl: routingUrl ?? existing?.routingUrl ?? url ?? "http://127.0.0.1:0/graphql",
      schema: schema ? { file: path.resolve(schema) } : { subgraphUrl: url as string },
      hub: existing?.hub ?? { caller: false },
    };
    if (existing) entries.splice(entries.indexOf(existing), 1, proposed);
    else entries.push(proposed);
  }
  return Promise.all(entries.map(async (e) => ({ name: e.name, url: e.routingUrl, sdl: await loadSubgraphSdl(e) })));
}

/** `npm run compose` (and `-- --check`): returns the exit code. */
export async function runCompose(argv: string[], io: ComposeIo): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        check: { type: "boolean", default: false },
        subgraph: { type: "string" },
        schema: { type: "string" },
        url: { type: "string" },
        "routing-url": { type: "string" },
        config: { type: "string" },
        out: { type: "string" },
        supergraph: { type: "string" },
        help: { type: "boolean", default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    io.out(USAGE);
    return 0;
  }
  if (args.subgraph && !args.schema === !args.url) {
    io.err(`--subgraph needs exactly one of --schema FILE or --url URL\n${USAGE}`);
    return 2;
  }
  if (!args.subgraph && (args.schema || args.url)) {
    io.err(`--schema and --url propose the schema of the subgraph named by --subgraph\n${USAGE}`);
    return 2;
  }
  try {
    const registry = readRegistry(args.config ?? io.env.REGISTRY_PATH ?? undefined);
    const subgraphs = await proposedSubgraphs(registry, args.subgraph, args.schema, args.url, args["routing-url"]);
    const target = path.resolve(args.supergraph ?? args.out ?? io.env.SUPERGRAPH_PATH ?? DEFAULT_SUPERGRAPH_PATH);
    if (!args.check) {
      const composed = composeSubgraphs(subgraphs);
      if (composed.problems) {
        io.err(
          formatReport({
            problems: composed.problems.map((p) => ({ kind: "composition", ...p })),
            notes: [],
            operationsChecked: 0,
          }),
        );
        return 1;
      }
      writeFileSync(target, composed.supergraphSdl);
      io.out(
        `supergraph of ${subgraphs.length} subgraphs (${subgraphs.map((s) => s.name).join(", ")}) written to ${path.relative(process.cwd(), target) || target}\n`,
      );
      // Kustomize reads only files inside its folder: the base keeps a copy of the committed supergraph for its ConfigMap.
      const kustomizeCopy = path.join(REPO_ROOT, "infra/deploy/k8s/base/supergraph.graphql");
      if (target === path.resolve(DEFAULT_SUPERGRAPH_PATH) && existsSync(kustomizeCopy)) {
        writeFileSync(kustomizeCopy, composed.supergraphSdl);
        io.out(`and its copy for the Kubernetes ConfigMap, ${path.relative(process.cwd(), kustomizeCopy)}\n`);
      }
      return 0;
    }
    const files = [...registry.operations, ...(io.env.ALLOWLIST_PATH ? [path.resolve(io.env.ALLOWLIST_PATH)] : [])];
    const { operations, missing } = readOperations(files, REPO_ROOT);
    const report = await checkSupergraph({
      committedSupergraphSdl: readFileSync(target, "utf8"),
      subgraphs,
      operations,
      subgraph: args.subgraph,
    });
    report.notes.push(...missing.map((m) => `operations: ${m} is not there (skipped)`));
    (report.problems.length ? io.err : io.out)(formatReport(report));
    return report.problems.length ? 1 : 0;
  } catch (error) {
    io.err(`${error instanceof ConfigError ? error.message : (error as Error).message}\n`);
    return 1;
  }
}

if (require.main === module) {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  void runCompose(process.argv.slice(2), {
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
