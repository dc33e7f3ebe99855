import type { ApolloServerPlugin } from "@apollo/server";
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
  type DocumentNode,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type SelectionSetNode,
} from "graphql";
import type { GatewayContext } from "./context";
import { ErrorCode } from "./error-codes";
import { fragmentsOf, operationsOf, type QueryLimits } from "./limits";

/* The estimated cost of an operation, and the plugin that refuses one above the limit (QUERY_TOO_COSTLY). */

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
export function operationCost(...args: Parameters<typeof operationCostWithWork>): number {
  return operationCostWithWork(...args).cost;
}

/**
 * `operationCost`, with the number of selections read to compute it. Each fragment is priced once per type and
 * connection size it is spread under, and that price reused at every spread: the walk reads each selection written in
 * the document about once, however often fragments spread one another.
 */
export function operationCostWithWork(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  defaultListSize: number,
): { cost: number; visited: number } {
  const operation = operationsOf(document).find((o) => (operationName ? o.name?.value === operationName : true));
  if (!operation) return { cost: 0, visited: 0 };
  const root =
    operation.operation === "query"
      ? schema.getQueryType()
      : operation.operation === "mutation"
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  if (!root) return { cost: 0, visited: 0 };
  const fragments = fragmentsOf(document);
  // Variables the request leaves out take their declared defaults.
  const values: Record<string, unknown> = { ...variables };
  for (const definition of operation.variableDefinitions ?? []) {
    const name = definition.variable.name.value;
    if (values[name] === undefined && definition.defaultValue)
      values[name] = valueFromASTUntyped(definition.defaultValue);
  }
  let visited = 0;
  const priced = new Map<string, number>();
  const pricing = new Set<string>();

  const fragmentCost = (name: string, parent: GraphQLCompositeType, pending: number | undefined): number => {
    const fragment = fragments.get(name);
    if (!fragment) return 0;
    const type = schema.getType(fragment.typeCondition.name.value);
    const on = isCompositeType(type) ? type : parent;
    const key = `${name}\0${on.name}\0${pending ?? ""}`;
    const known = priced.get(key);
    if (known !== undefined) return known;
    if (pricing.has(key)) return 0;
    pricing.add(key);
    const cost = costOf(fragment.selectionSet, on, pending);
    pricing.delete(key);
    priced.set(key, cost);
    return cost;
  };

  const costOf = (
    selectionSet: SelectionSetNode,
    parent: GraphQLCompositeType,
    pending: number | undefined,
  ): number => {
    let total = 0;
    for (const selection of selectionSet.selections) {
      visited += 1;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const typeName = selection.typeCondition?.name.value;
        const type = typeName ? schema.getType(typeName) : parent;
        total += costOf(selection.selectionSet, isCompositeType(type) ? type : parent, pending);
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        total += fragmentCost(selection.name.value, parent, pending);
      } else {
        if (!selection.selectionSet || selection.name.value.startsWith("__")) continue;
        const definition =
          isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
        const type = definition ? getNamedType(definition.type) : undefined;
        // A field the schema does not know (validation refuses it anyway) counts as a list: an upper bound.
        const isList = definition ? isListType(getNullableType(definition.type)) : true;
        const size = pageSize(selection, values);
        // A list uses its own page size, or the one its connection passed down, or the default.
        const multiplier = isList ? (size ?? pending ?? defaultListSize) : 1;
        const passDown = isList ? undefined : size;
        const childType = type && isCompositeType(type) ? type : parent;
        total += multiplier * (1 + costOf(selection.selectionSet, childType, passDown));
      }
    }
    return total;
  };
  const cost = costOf(operation.selectionSet, root, undefined);
  return { cost, visited };
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
            throw new GraphQLError(
              `The query is too costly: its estimated cost is ${cost}; at most ${limits.maxCost} is allowed`,
              {
                extensions: { code: ErrorCode.QUERY_TOO_COSTLY, cost, limit: limits.maxCost, http: { status: 400 } },
              },
            );
          }
        },
      };
    },
  };
}
