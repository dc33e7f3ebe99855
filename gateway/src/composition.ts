import { readFileSync } from "node:fs";
import { composeServices } from "@apollo/composition";
import { parse, type ASTNode, type DocumentNode, type GraphQLError } from "graphql";
import type { Registry, RegistryEntry } from "./registry";

/** One subgraph's SDL, ready to compose. */
export interface SubgraphSdl {
  name: string;
  /** Its routing URL (written into the supergraph). */
  url: string;
  sdl: string;
}

/** A problem composition found: the subgraph and the element at fault when known. */
export interface CompositionProblem {
  subgraph?: string;
  /** The schema element at fault (`Type.field`, `Type`), when the message names one. */
  element?: string;
  code: string;
  message: string;
}

export type CompositionResult =
  { supergraphSdl: string; problems?: undefined } | { supergraphSdl?: undefined; problems: CompositionProblem[] };

/** The SDL of a subgraph: its committed file, or asked of the running subgraph (`{ _service { sdl } }`). */
export async function loadSubgraphSdl(
  entry: Pick<RegistryEntry, "name" | "schema">,
  timeoutMs = 10_000,
): Promise<string> {
  if ("file" in entry.schema) return readFileSync(entry.schema.file, "utf8");
  const url = entry.schema.subgraphUrl;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ _service { sdl } }" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw new Error(`${entry.name}: cannot read its SDL from ${url}: ${(error as Error).message}`);
  }
  const body = (await response.json().catch(() => ({}))) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!response.ok || typeof sdl !== "string")
    throw new Error(`${entry.name}: ${url} did not answer { _service { sdl } } (HTTP ${response.status})`);
  return sdl;
}

/** The SDL of every subgraph of the registry, with their routing URLs. */
export async function loadRegistrySdls(registry: Registry): Promise<SubgraphSdl[]> {
  return Promise.all(
    registry.subgraphs.map(async (s) => ({ name: s.name, url: s.routingUrl, sdl: await loadSubgraphSdl(s) })),
  );
}

/** `[events] Type "Event" …` and `"Query.event"`: the subgraph and element a composition message names. */
function locate(message: string): Pick<CompositionProblem, "subgraph" | "element"> {
  const subgraph = /^\[([a-z][a-z0-9-]*)\]/.exec(message)?.[1] ?? /subgraph "([a-z][a-z0-9-]*)"/.exec(message)?.[1];
  const element = /(?:[Ff]ield|[Tt]ype|[Ee]num value|[Aa]rgument|[Ii]nterface|[Dd]irective) "([^"]+)"/.exec(
    message,
  )?.[1];
  return { subgraph, element };
}

/**
 * Composes subgraphs into a supergraph (Apollo's `composeServices`, as `rover supergraph compose` does), or lists every
 * problem: an SDL that does not parse, and each composition error with its subgraph and element.
 */
export function composeSubgraphs(subgraphs: readonly SubgraphSdl[]): CompositionResult {
  const problems: CompositionProblem[] = [];
  const parsed: Array<{ name: string; url: string; typeDefs: DocumentNode }> = [];
  for (const s of subgraphs) {
    try {
      parsed.push({ name: s.name, url: s.url, typeDefs: parse(s.sdl) });
    } catch (error) {
      problems.push({ subgraph: s.name, code: "INVALID_GRAPHQL", message: (error as Error).message });
    }
  }
  if (problems.length) return { problems };
  const result = composeServices(parsed);
  if (result.errors) {
    return {
      problems: result.errors.map((error) => {
        const code = String((error as GraphQLError).extensions?.code ?? "COMPOSITION_ERROR");
        const located = locate(error.message);
        const nodes = ((error as GraphQLError).nodes ?? []) as ReadonlyArray<ASTNode & { subgraph?: string }>;
        return {
          code,
          message: error.message,
          ...located,
          subgraph: located.subgraph ?? nodes.find((n) => n.subgraph)?.subgraph,
        };
      }),
    };
  }
  return { supergraphSdl: `${result.supergraphSdl.trim()}\n` };
}
