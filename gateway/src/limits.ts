import { ErrorCode } from "./error-codes";
import {
  GraphQLError,
  Kind,
  type ASTNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";

/** The gateway's limits on one operation; each has its own error code. */
export interface QueryLimits {
  /** Nesting of fields (introspection excluded). */
  maxDepth: number;
  /** Aliased fields in one operation, fragments counted where they are spread. */
  maxAliases: number;
  /** Lexical tokens in a document (the parser stops counting there). */
  maxTokens: number;
  /** Directives in one operation, fragments counted where they are spread. */
  maxDirectives: number;
  /** How often the same response name (or the same fragment) may be selected in one selection set. */
  maxFieldDuplicates: number;
  /** Fields selected once fragments are expanded where they are spread. */
  maxSelections: number;
  /** Estimated cost (see `operationCost`). */
  maxCost: number;
  /** Assumed length of a list whose size is not bounded by a `first`/`last` argument. */
  defaultListSize: number;
  /** Size of the query text in bytes. */
  maxDocumentBytes: number;
}

const INTROSPECTION_FIELDS = new Set(["__schema", "__type"]);

function limitError(
  message: string,
  code: string,
  nodes: ASTNode | readonly ASTNode[] | undefined,
  extensions: Record<string, unknown> = {},
): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { ...extensions, code } });
}

/** The fragments of a document, by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

/** The operations of a document. */
export function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

/** What an operation (or a fragment) asks for once its fragments are expanded where they are spread. */
export interface SelectionSummary {
  /** Nesting of fields (introspection excluded). */
  depth: number;
  /** Aliased fields. */
  aliases: number;
  /** Directives (on the operation, its fields, fragments and spreads). */
  directives: number;
  /** Fields selected (a fragment spread ten times counts its fields ten times). */
  selections: number;
}

export interface DocumentAnalysis {
  /** One summary per operation of the document, in document order. */
  operations: Array<{ operation: OperationDefinitionNode } & SelectionSummary>;
  /** Selections read to compute them: each selection written in the document is read once (the work done). */
  visited: number;
}

const NOTHING: SelectionSummary = { depth: 0, aliases: 0, directives: 0, selections: 0 };
const analyses = new WeakMap<DocumentNode, DocumentAnalysis>();

/**
 * Measures every operation of a document with its fragments expanded where they are spread, without expanding them:
 * each fragment is measured once and its summary reused at every spread (a fragment spreading another three times,
 * twenty levels down, costs twenty summaries, not 3^20 walks). Memoised per document (the limit rules share it).
 * Fragment cycles count nothing where they close (graphql-js reports them); unknown fragments count nothing.
 */
export function analyseDocument(document: DocumentNode): DocumentAnalysis {
  const known = analyses.get(document);
  if (known) return known;
  const fragments = fragmentsOf(document);
  const measured = new Map<string, SelectionSummary>();
  const measuring = new Set<string>();
  let visited = 0;

  const ofFragment = (name: string): SelectionSummary => {
    const done = measured.get(name);
    if (done) return done;
    const fragment = fragments.get(name);
    if (!fragment || measuring.has(name)) return NOTHING;
    measuring.add(name);
    const body = ofSelectionSet(fragment.selectionSet);
    measuring.delete(name);
    const summary = { ...body, directives: body.directives + (fragment.directives?.length ?? 0) };
    measured.set(name, summary);
    return summary;
  };

  const ofSelectionSet = (selectionSet: SelectionSetNode): SelectionSummary => {
    const total = { ...NOTHING };
    const add = (part: SelectionSummary, depth: number) => {
      total.depth = Math.max(total.depth, depth);
      total.aliases += part.aliases;
      total.directives += part.directives;
      total.selections += part.selections;
    };
    for (const selection of selectionSet.selections) {
      visited += 1;
      const directives = selection.directives?.length ?? 0;
      if (selection.kind === Kind.FIELD) {
        const below = selection.selectionSet ? ofSelectionSet(selection.selectionSet) : NOTHING;
        const depth = INTROSPECTION_FIELDS.has(selection.name.value) ? 0 : 1 + below.depth;
        add(
          {
            depth,
            aliases: below.aliases + (selection.alias ? 1 : 0),
            directives: below.directives + directives,
            selections: below.selections + 1,
          },
          depth,
        );
      } else {
        const inner =
          selection.kind === Kind.INLINE_FRAGMENT
            ? ofSelectionSet(selection.selectionSet)
            : ofFragment(selection.name.value);
        add({ ...inner, directives: inner.directives + directives }, inner.depth);
      }
    }
    return total;
  };

  const analysis: DocumentAnalysis = {
    operations: operationsOf(document).map((operation) => {
      const body = ofSelectionSet(operation.selectionSet);
      return { operation, ...body, directives: body.directives + (operation.directives?.length ?? 0) };
    }),
    visited: 0,
  };
  analysis.visited = visited;
  analyses.set(document, analysis);
  return analysis;
}

/** A rule that checks each operation's summary (computed once per document, shared by the rules). */
function perOperation(
  check: (summary: SelectionSummary, operation: OperationDefinitionNode) => GraphQLError | undefined,
): ValidationRule {
  return (context) => ({
    Document(document) {
      for (const { operation, ...summary } of analyseDocument(document).operations) {
        const error = check(summary, operation);
        if (error) context.reportError(error);
      }
      return false;
    },
  });
}

export const maxDepthRule = (max: number): ValidationRule =>
  perOperation(({ depth }, operation) =>
    depth > max
      ? limitError(
          `The query is nested ${depth} levels deep; at most ${max} are allowed`,
          ErrorCode.QUERY_TOO_DEEP,
          operation,
          { limit: max },
        )
      : undefined,
  );

export const maxAliasesRule = (max: number): ValidationRule =>
  perOperation(({ aliases }, operation) =>
    aliases > max
      ? limitError(
          `The query uses ${aliases} aliases; at most ${max} are allowed`,
          ErrorCode.TOO_MANY_ALIASES,
          operation,
          { limit: max },
        )
      : undefined,
  );

export const maxDirectivesRule = (max: number): ValidationRule =>
  perOperation(({ directives }, operation) =>
    directives > max
      ? limitError(
          `The query uses ${directives} directives; at most ${max} are allowed`,
          ErrorCode.TOO_MANY_DIRECTIVES,
          operation,
          { limit: max },
        )
      : undefined,
  );

/**
 * The number of fields an operation selects once its fragments are expanded (Apollo's `maxRecursiveSelections`):
 * a small document can spread fragments into one another until it selects millions of fields, which graphql-js
 * validation, the query planner and execution would each expand. Refused during validation, before any of them.
 */
export const maxSelectionsRule = (max: number): ValidationRule =>
  perOperation(({ selections }, operation) =>
    selections > max
      ? limitError(
          `The query selects ${selections} fields once its fragments are expanded; at most ${max} are allowed`,
          ErrorCode.TOO_MANY_SELECTIONS,
          operation,
          {
            limit: max,
          },
        )
      : undefined,
  );

/**
 * The same field (response name) or fragment selected over and over in one selection set: harmless for execution,
 * which merges them, but each copy costs the validator (overlapping-fields checks grow with the square of the copies).
 */
export const maxFieldDuplicatesRule =
  (max: number): ValidationRule =>
  (context) => ({
    SelectionSet(node) {
      const seen = new Map<string, number>();
      for (const selection of node.selections) {
        const key =
          selection.kind === Kind.FIELD
            ? `field:${(selection.alias ?? selection.name).value}`
            : selection.kind === Kind.FRAGMENT_SPREAD
              ? `fragment:${selection.name.value}`
              : undefined;
        if (!key) continue;
        const times = (seen.get(key) ?? 0) + 1;
        seen.set(key, times);
        if (times === max + 1) {
          const name = key.slice(key.indexOf(":") + 1);
          context.reportError(
            limitError(
              `"${name}" is selected more than ${max} times in one selection set`,
              ErrorCode.TOO_MANY_DUPLICATE_FIELDS,
              selection,
              { limit: max },
            ),
          );
        }
      }
    },
  });

/** Introspection (`__schema`, `__type`) refused; `__typename` stays allowed. */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (INTROSPECTION_FIELDS.has(node.name.value)) {
      context.reportError(
        limitError("Introspection is disabled on this endpoint", ErrorCode.INTROSPECTION_DISABLED, node),
      );
    }
  },
});

/** The validation rules that enforce `limits` (and refuse introspection unless it is on). */
export function limitRules(limits: QueryLimits, introspection: boolean): ValidationRule[] {
  return [
    maxSelectionsRule(limits.maxSelections),
    maxDepthRule(limits.maxDepth),
    maxAliasesRule(limits.maxAliases),
    maxDirectivesRule(limits.maxDirectives),
    maxFieldDuplicatesRule(limits.maxFieldDuplicates),
    ...(introspection ? [] : [noIntrospectionRule]),
  ];
}
