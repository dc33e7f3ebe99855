import { Supergraph } from "@apollo/federation-internals";
import { CriticalityLevel, diff, validate } from "@graphql-inspector/core";
import { Kind, parse, Source, type ConstDirectiveNode, type GraphQLSchema } from "graphql";
import { composeSubgraphs, type SubgraphSdl } from "./composition";
import type { KnownOperation } from "./operations";

/** What kind of check found a problem. */
export type CheckKind = "composition" | "breaking" | "operation";

export interface CheckProblem {
  kind: CheckKind;
  /** A stable code: the composition error code, graphql-inspector's change type, KEY_CHANGED, or OPERATION_INVALID. */
  code: string;
  subgraph?: string;
  /** The element at fault: `Type.field`, `Type.field.argument`, an operation's origin. */
  element?: string;
  message: string;
}

export interface CheckReport {
  problems: CheckProblem[];
  /** Changes that break no client today but may surprise one (an enum value added, …), and skipped sources. */
  notes: string[];
  /** The proposed supergraph, when it composes. */
  supergraphSdl?: string;
  /** How many operations were validated. */
  operationsChecked: number;
}

/** The API schema (what clients see: no join directives, no @inaccessible elements) of a supergraph. */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

const argument = (directive: ConstDirectiveNode, name: string): string | undefined => {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value && (value.kind === Kind.STRING || value.kind === Kind.ENUM) ? value.value : undefined;
};

/** type → subgraph name → its keys (normalised), from a supergraph's `@join__type` directives. */
function keysOf(supergraphSdl: string): Map<string, Map<string, Set<string>>> {
  const document = parse(supergraphSdl);
  const graphNames = new Map<string, string>();
  const keys = new Map<string, Map<string, Set<string>>>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === "join__Graph") {
      for (const value of definition.values ?? []) {
        const directive = value.directives?.find((d) => d.name.value === "join__graph");
        graphNames.set(value.name.value, (directive && argument(directive, "name")) ?? value.name.value);
      }
    }
  }
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION) continue;
    for (const directive of definition.directives ?? []) {
      if (directive.name.value !== "join__type") continue;
      const graph = argument(directive, "graph");
      const key = argument(directive, "key");
      if (!graph) continue;
      const byGraph = keys.get(definition.name.value) ?? new Map<string, Set<string>>();
      const set = byGraph.get(graphNames.get(graph) ?? graph) ?? new Set<string>();
      if (key !== undefined) set.add(key.trim().replace(/\s+/g, " "));
      byGraph.set(graphNames.get(graph) ?? graph, set);
      keys.set(definition.name.value, byGraph);
    }
  }
  return keys;
}

/**
 * A key an entity had in a subgraph that still defines the entity, and no longer has: other subgraphs (and the
 * gateway's query plans) reference the entity by it.
 */
export function keyChanges(before: string, after: string): CheckProblem[] {
  const old = keysOf(before);
  const now = keysOf(after);
  const problems: CheckProblem[] = [];
  for (const [type, byGraph] of old) {
    for (const [subgraph, keys] of byGraph) {
      const current = now.get(type)?.get(subgraph);
      if (!current) continue; // the type left the subgraph (or the subgraph left): composition and the diff judge that
      for (const key of keys) {
        if (current.has(key)) continue;
        const instead = [...current].map((k) => `"${k}"`).join(", ") || "no key";
        problems.push({
          kind: "breaking",
          code: "KEY_CHANGED",
          subgraph,
          element: type,
          message: `The key "${key}" of ${type} in ${subgraph} was removed or changed (now ${instead}): references by that key no longer resolve`,
        });
      }
    }
  }
  return problems;
}

/** Breaking changes of the API schema (graphql-inspector's rules): removals, renames, nullability, new required arguments. */
export async function breakingChanges(
  before: GraphQLSchema,
  after: GraphQLSchema,
  subgraph?: string,
): Promise<{ problems: CheckProblem[]; notes: string[] }> {
  const changes = await diff(before, after);
  return {
    problems: changes
      .filter((c) => c.criticality.level === CriticalityLevel.Breaking)
      .map((c) => ({ kind: "breaking" as const, code: c.type, subgraph, element: c.path, message: c.message })),
    notes: changes
      .filter((c) => c.criticality.level === CriticalityLevel.Dangerous)
      .map((c) => `dangerous: ${c.path ?? ""} ${c.message}`.trim()),
  };
}

/** Every known operation that does not validate against the schema (deprecated fields are allowed: they still work). */
export function invalidOperations(schema: GraphQLSchema, operations: readonly KnownOperation[]): CheckProblem[] {
  const sources = operations.map((o) => new Source(o.document, o.origin));
  return validate(schema, sources, { strictDeprecated: false, strictFragments: false }).flatMap((invalid) =>
    invalid.errors.map((error) => ({
      kind: "operation" as const,
      code: "OPERATION_INVALID",
      element: invalid.source.name,
      message: error.message,
    })),
  );
}

/**
 * What `rover subgraph check` does, without a cloud: composes the proposed subgraphs, then compares the result with the
 * committed supergraph (breaking changes of the API schema, changed entity keys) and validates every known operation
 * against it. `subgraph` names the subgraph under check, when one is.
 */
export async function checkSupergraph(input: {
  committedSupergraphSdl: string;
  subgraphs: readonly SubgraphSdl[];
  operations: readonly KnownOperation[];
  subgraph?: string;
}): Promise<CheckReport> {
  const composed = composeSubgraphs(input.subgraphs);
  if (composed.problems) {
    return { problems: composed.problems.map((p) => ({ kind: "composition", ...p })), notes: [], operationsChecked: 0 };
  }
  const after = apiSchemaOf(composed.supergraphSdl);
  const before = apiSchemaOf(input.committedSupergraphSdl);
  const breaking = await breakingChanges(before, after, input.subgraph);
  return {
    problems: [
      ...breaking.problems,
      ...keyChanges(input.committedSupergraphSdl, composed.supergraphSdl),
      ...invalidOperations(after, input.operations),
    ],
    notes: breaking.notes,
    supergraphSdl: composed.supergraphSdl,
    operationsChecked: input.operations.length,
  };
}

/** The report as one readable list (what `npm run compose -- --check` prints). */
export function formatReport(report: CheckReport): string {
  const lines: string[] = [];
  if (report.problems.length === 0) {
    lines.push(
      `ok: the proposed supergraph composes, breaks nothing and keeps the ${report.operationsChecked} known operations valid`,
    );
  } else {
    lines.push(`${report.problems.length} problem(s): the proposed supergraph must not go live`);
    for (const p of report.problems) {
      const where = [p.subgraph ? `[${p.subgraph}]` : "", p.element ?? ""].filter(Boolean).join(" ");
      lines.push(`  ${p.kind.padEnd(11)} ${p.code}${where ? ` ${where}` : ""}: ${p.message}`);
    }
  }
  for (const note of report.notes) lines.push(`  note: ${note}`);
  return `${lines.join("\n")}\n`;
}
