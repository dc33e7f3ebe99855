import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode } from "@wsis/shared";
import {
  GraphQLError,
  Kind,
  getNamedType,
  getNullableType,
  isCompositeType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  type ASTNode,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
} from "graphql";
import type { GatewayContext } from "./context";

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
  /** Estimated cost (see `operationCost`). */
  maxCost: number;
  /** Assumed length of a list whose size is not bounded by a `first`/`last` argument. */
  defaultListSize: number;
  /** Size of the query text in bytes. */
  maxDocumentBytes: number;
}

const INTROSPECTION_FIELDS = new Set(["__schema", "__type"]);

function limitError(message: string, code: string, nodes: ASTNode | readonly ASTNode[] | undefined, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { nodes, extensions: { ...extensions, code } });
}

function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  return fragments;
}

function operationsOf(document: DocumentNode): OperationDefinitionNode[] {
  return document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
}

/**
 * Counts over an operation with its fragments expanded where they are spread (a fragment spread ten times counts ten
 * times). Fragment cycles are cut here (graphql-js reports them as validation errors); unknown fragments count nothing.
 */
function expandedCount(
  selectionSet: SelectionSetNode,
  fragments: Map<string, FragmentDefinitionNode>,
  count: (node: ASTNode) => number,
  stack: Set<string> = new Set(),
): number {
  let total = 0;
  for (const selection of selectionSet.selections) {
    total += count(selection);
    if (selection.kind === Kind.FIELD) {
      if (selection.selectionSet) total += expandedCount(selection.selectionSet, fragments, count, stack);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      total += expandedCount(selection.selectionSet, fragments, count, stack);
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || stack.has(name)) continue;
      stack.add(name);
      total += count(fragment) + expandedCount(fragment.selectionSet, fragments, count, stack);
      stack.delete(name);
    }
  }
  return total;
}

function depthOf(selectionSet: SelectionSetNode, fragments: Map<string, FragmentDefinitionNode>, stack: Set<string> = new Set()): number {
  let max = 0;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (INTROSPECTION_FIELDS.has(selection.name.value)) continue;
      max = Math.max(max, 1 + (selection.selectionSet ? depthOf(selection.selectionSet, fragments, stack) : 0));
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      max = Math.max(max, depthOf(selection.selectionSet, fragments, stack));
    } else {
      const name = selection.name.value;
      const fragment = fragments.get(name);
      if (!fragment || stack.has(name)) continue;
      stack.add(name);
      max = Math.max(max, depthOf(fragment.selectionSet, fragments, stack));
      stack.delete(name);
    }
  }
  return max;
}

/** A rule that looks at each operation once, with the document's fragments at hand. */
function perOperation(check: (operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>) => GraphQLError | undefined): ValidationRule {
  return (context) => ({
    Document(document) {
      const fragments = fragmentsOf(document);
      for (const operation of operationsOf(document)) {
        const error = check(operation, fragments);
        if (error) context.reportError(error);
      }
      return false;
    },
  });
}

export const maxDepthRule = (max: number): ValidationRule =>
  perOperation((operation, fragments) => {
    const depth = depthOf(operation.selectionSet, fragments);
    return depth > max ? limitError(`The query is nested ${depth} levels deep; at most ${max} are allowed`, ErrorCode.QUERY_TOO_DEEP, operation, { limit: max }) : undefined;
  });

export const maxAliasesRule = (max: number): ValidationRule =>
  perOperation((operation, fragments) => {
    const aliases = expandedCount(operation.selectionSet, fragments, (n) => (n.kind === Kind.FIELD && n.alias ? 1 : 0));
    return aliases > max ? limitError(`The query uses ${aliases} aliases; at most ${max} are allowed`, ErrorCode.TOO_MANY_ALIASES, operation, { limit: max }) : undefined;
  });

export const maxDirectivesRule = (max: number): ValidationRule =>
  perOperation((operation, fragments) => {
    const directivesOn = (n: ASTNode) => ("directives" in n && Array.isArray(n.directives) ? n.directives.length : 0);
    const directives = (operation.directives?.length ?? 0) + expandedCount(operation.selectionSet, fragments, directivesOn);
    return directives > max
      ? limitError(`The query uses ${directives} directives; at most ${max} are allowed`, ErrorCode.TOO_MANY_DIRECTIVES, operation, { limit: max })
      : undefined;
  });

/**
 * The same field (response name) or fragment selected over and over in one selection set: harmless for execution,
 * which merges them, but each copy costs the validator (overlapping-fields checks grow with the square of the copies).
 */
export const maxFieldDuplicatesRule = (max: number): ValidationRule => (context) => ({
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
          limitError(`"${name}" is selected more than ${max} times in one selection set`, ErrorCode.TOO_MANY_DUPLICATE_FIELDS, selection, { limit: max }),
        );
      }
    }
  },
});

/** Introspection (`__schema`, `__type`) refused; `__typename` stays allowed. */
export const noIntrospectionRule: ValidationRule = (context) => ({
  Field(node) {
    if (INTROSPECTION_FIELDS.has(node.name.value)) {
      context.reportError(limitError("Introspection is disabled on this endpoint", ErrorCode.INTROSPECTION_DISABLED, node));
    }
  },
});

/** The validation rules that enforce `limits` (and refuse introspection unless it is on). */
export function limitRules(limits: QueryLimits, introspection: boolean): ValidationRule[] {
  return [
    maxDepthRule(limits.maxDepth),
    maxAliasesRule(limits.maxAliases),
    maxDirectivesRule(limits.maxDirectives),
    maxFieldDuplicatesRule(limits.maxFieldDuplicates),
    ...(introspection ? [] : [noIntrospectionRule]),
  ];
}

const PAGE_SIZE_ARGUMENTS = ["first", "last"];

function pageSize(field: FieldNode, variables: Record<string, unknown>): number | undefined {
  for (const argument of field.arguments ?? []) {
    if (!PAGE_SIZE_ARGUMENTS.includes(argument.name.value)) continue;
    const value = valueFromASTUntyped(argument.value, variables);
    if (typeof value === "number" && Number.isFinite(value)) return Math.max(0, Math.floor(value));
  }
  return undefined;
}

/**
 * An upper estimate of the work an operation asks for: every object (composite) field costs 1, multiplied by the
 * sizes of the lists it sits in. A list's size is its `first`/`last` argument; a connection's `first` sizes the list
 * below it (`edges`/`nodes`); any other list counts as `defaultListSize`. Scalars and `__typename` are free (they come
 * with their object); introspection is not counted. Fragments count where they are spread; every branch of an
 * abstract type is counted, and a field unknown to the schema counts as a list (upper bounds).
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  defaultListSize: number,
): number {
  const operation = operationsOf(document).find((o) => (operationName ? o.name?.value === operationName : true));
  if (!operation) return 0;
  const root =
    operation.operation === "query" ? schema.getQueryType() : operation.operation === "mutation" ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return 0;
  const fragments = fragmentsOf(document);
  // Variables the request leaves out take their declared defaults.
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue) values[name] = valueFromASTUntyped(definition.defaultValue);
  }

  const costOf = (selectionSet: SelectionSetNode, parent: GraphQLCompositeType, pending: number | undefined, stack: Set<string>): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        total += costOf(selection.selectionSet, isCompositeType(type) ? type : parent, pending, stack);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || stack.has(fragment.name.value)) continue;
        const type = schema.getType(fragment.typeCondition.name.value);
        stack.add(fragment.name.value);
        total += costOf(fragment.selectionSet, isCompositeType(type) ? type : parent, pending, stack);
        stack.delete(fragment.name.value);
      } else {
        if (!selection.selectionSet || selection.name.value.startsWith("__")) continue;
        const definition = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const type = definition ? getNamedType(definition.type) : undefined;
        // A field the schema does not know (validation refuses it anyway) counts as a list: an upper bound.
        const isList = definition ? isListType(getNullableType(definition.type)) : true;
        const size = pageSize(selection, values);
        // A list uses its own page size, or the one its connection passed down, or the default.
        const multiplier = isList ? (size ?? pending ?? defaultListSize) : 1;
        const passDown = isList ? undefined : size;
        const childType = type && isCompositeType(type) ? type : parent;
        total += multiplier * (1 + costOf(selection.selectionSet, childType, passDown, stack));
      }
    }
    return total;
  };
  return costOf(operation.selectionSet, root, undefined, new Set());
}

/**
 * Refuses operations whose estimated cost is above `maxCost` (QUERY_TOO_COSTLY). It runs once the operation is known,
 * with the request's variables (a `first: $n` counts as the n sent). The gateway's own operations are trusted.
 */
export function costLimitPlugin(limits: QueryLimits): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operationName, request, contextValue }) {
          if (contextValue.internal) return;
          const cost = operationCost(schema, document, operationName, request.variables ?? {}, limits.defaultListSize);
          if (cost > limits.maxCost) {
            throw new GraphQLError(`The query is too costly: its estimated cost is ${cost}; at most ${limits.maxCost} is allowed`, {
              extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, limit: limits.maxCost, http: { status: 400 } },
            });
          }
        },
      };
    },
  };
}
