import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled } from "@apollo/server/plugin/disabled";
import {
  getNamedType,
  isCompositeType,
  isInterfaceType,
  isObjectType,
  Kind,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import type { NoServices, RequestContext } from "../graphql/context";

/**
 * How long the answers of a subgraph may be cached, in seconds. The subgraph sends them as a `Cache-Control` header
 * (the smallest maxAge of every object type the operation asks for); the gateway combines its subgraphs' headers into its
 * own policy and its response cache. Nothing is cacheable for a request that carries a caller.
 */
export interface CacheHints {
  /** For every object type without its own hint (0: not cacheable). */
  defaultMaxAge: number;
  /** Object type name → maxAge, e.g. `{ Observation: 300 }`. */
  types?: Record<string, number>;
}

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  maxAgeOf(typeName: string): number;
  defaultMaxAge: number;
}

/** The `__typename`s of `_entities(representations: …)`, whether passed as a variable (as the gateway does) or inline. */
function representationTypes(field: FieldNode, variables: Record<string, unknown>): string[] {
  const argument = field.arguments?.find((a) => a.name.value === "representations");
  if (!argument) return [];
  const value =
    argument.value.kind === Kind.VARIABLE
      ? variables[argument.value.name.value]
      : valueFromASTUntyped(argument.value, variables);
  if (!Array.isArray(value)) return [];
  return [...new Set(value.map((r) => String((r as { __typename?: unknown } | null)?.__typename)))];
}

/**
 * The smallest maxAge over the fields of a selection set: every field returning an object, interface or union type
 * takes its type's maxAge, every root field at least the default; `_entities` takes that of the types it is asked
 * for, and only their fragments are read. `Infinity` when nothing restricts it.
 */
function selectionMaxAge(
  walk: Walk,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  root: boolean,
  only?: Set<string>,
  seen = new Set<string>(),
): number {
  let min = Infinity;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const name = selection.name.value;
      const field = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
      if (!field) {
        if (root) min = Math.min(min, walk.defaultMaxAge); // __typename, __schema, __type
        continue;
      }
      const type = getNamedType(field.type);
      if (root && name === "_entities") {
        const types = representationTypes(selection, walk.variables);
        min = Math.min(min, types.length ? Math.min(...types.map(walk.maxAgeOf)) : walk.defaultMaxAge);
        if (selection.selectionSet && isCompositeType(type))
          min = Math.min(min, selectionMaxAge(walk, selection.selectionSet, type, false, new Set(types)));
        continue;
      }
      if (isCompositeType(type)) {
        min = Math.min(min, walk.maxAgeOf(type.name));
        if (selection.selectionSet) min = Math.min(min, selectionMaxAge(walk, selection.selectionSet, type, false));
      } else if (root) {
        min = Math.min(min, walk.defaultMaxAge);
      }
      continue;
    }
    let typeName: string | undefined;
    let selections: SelectionSetNode;
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      typeName = selection.typeCondition?.name.value;
      selections = selection.selectionSet;
    } else {
      const fragment = walk.fragments[selection.name.value];
      if (!fragment || seen.has(fragment.name.value)) continue;
      seen = new Set(seen).add(fragment.name.value);
      typeName = fragment.typeCondition.name.value;
      selections = fragment.selectionSet;
    }
    const type = typeName ? walk.schema.getType(typeName) : parent;
    if (!type || !isCompositeType(type)) continue;
    if (only && isObjectType(type) && !only.has(type.name)) continue;
    min = Math.min(min, selectionMaxAge(walk, selections, type, root, only, seen));
  }
  return min;
}

/** The maxAge of an operation, read from the document alone (see selectionMaxAge); `Infinity` when unrestricted. */
export function operationMaxAge(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  hints: CacheHints,
): number {
  const rootType = schema.getRootType(operation.operation);
  if (!rootType) return 0;
  const types = hints.types ?? {};
  const walk: Walk = {
    schema,
    fragments,
    variables,
    defaultMaxAge: hints.defaultMaxAge,
    maxAgeOf: (name) => types[name] ?? hints.defaultMaxAge,
  };
  return selectionMaxAge(walk, operation.selectionSet, rootType, true);
}

/**
 * The plugins that apply `hints`. The policy is computed once per operation from its document (the object types it
 * asks for), not field by field while executing: Apollo's own cache-control plugin hooks every resolved field, which
 * for a page of a thousand observations costs more than the SQL. Its header rule is kept: `max-age=N, public` for a
 * cacheable answer without errors, `no-store` otherwise.
 */
export function cacheHintPlugins<L, S = NoServices>(
  hints: CacheHints,
  /** Seconds an answer may be cached at most right now (e.g. until a scheduled release is out); undefined: no bound. */
  maxAgeCap?: () => number | undefined,
): ApolloServerPlugin<RequestContext<L, S>>[] {
  const policy: ApolloServerPlugin<RequestContext<L, S>> = {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          // Answers for an identified caller may differ per caller: never cached anywhere.
          if (requestContext.contextValue.caller) {
            requestContext.overallCachePolicy.restrict({ maxAge: 0 });
            return;
          }
          const { operation } = requestContext;
          if (!operation) return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const definition of requestContext.document.definitions) {
            if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
          }
          const variables = (requestContext.request.variables ?? {}) as Record<string, unknown>;
          const maxAge = operationMaxAge(requestContext.schema, operation, fragments, variables, hints);
          if (Number.isFinite(maxAge)) requestContext.overallCachePolicy.restrict({ maxAge });
          const cap = maxAgeCap?.();
          if (cap !== undefined) requestContext.overallCachePolicy.restrict({ maxAge: Math.max(0, Math.floor(cap)) });
        },
        async willSendResponse({ response, overallCachePolicy }) {
          const cacheable = overallCachePolicy.policyIfCacheable();
          if (cacheable && response.body.kind === "single" && !response.body.singleResult.errors) {
            response.http.headers.set("cache-control", `max-age=${cacheable.maxAge}, ${cacheable.scope.toLowerCase()}`);
          } else {
            response.http.headers.set("cache-control", "no-store");
          }
        },
      };
    },
  };
  return [policy, ApolloServerPluginCacheControlDisabled()];
}
