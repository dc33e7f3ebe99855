import type { GraphQLDataSource, ServiceMap } from "@apollo/gateway";
import type { FetchNode, QueryPlan } from "@apollo/query-planner";
import {
  isAbstractType,
  isEnumType,
  getNamedType,
  Kind,
  parse,
  print,
  type DirectiveNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  isCompositeType,
  isObjectType,
  isInterfaceType,
  valueFromAST,
  type GraphQLSchema,
} from "graphql";
import { type FullSchema, fullSchemaOf } from "./single-fetch.schema";

export type { FullSchema };

/**
 * The gateway on one-fetch plans. When a query's plan is a single fetch from one subgraph and that fetch asks exactly
 * what the client asked (the same fields, aliases, arguments, directives and type conditions, in the same order), the
 * subgraph's `data` is already the answer: Apollo's gateway would copy it into an empty result (deepMerge) and then walk
 * it again against the operation (computeResponse), to produce the same object. Here it is handed on as received.
 *
 * Only where that is provably the same answer; everything else takes Apollo's path unchanged:
 * - the plan is one root Fetch of a query: no Sequence/Parallel/Flatten/Condition (a root `@skip`/`@include` on a
 *   variable is a Condition), no `requires`, no input, output or context rewrites;
 * - the selection sent is the client's, compared after inlining named fragments: anything the planner adds or changes
 *   (`__typename` for abstract types, aliases it invents, a root `__typename`, introspection answered by the gateway,
 *   fragments it splits per type) makes them differ;
 * - no enum or abstract type under the selection has a value or a member the API schema hides (`@inaccessible`);
 * - the subgraph answered data and no errors. An answer with errors (partial results, nulls propagated by the
 *   subgraph's schema) is not fetched again: it is replayed through Apollo's own execution of the same plan, so its
 *   errors and nulls are exactly Apollo's.
 *
 * Apollo's gateway takes no executor of its own for a plan; its module's `executeQueryPlan` is looked up at every call,
 * which is where this is installed (`installSingleFetchPassthrough`).
 */

type ExecuteQueryPlan = (
  queryPlan: QueryPlan,
  serviceMap: ServiceMap,
  requestContext: RequestContextLike,
  operationContext: OperationContextLike,
  ...rest: unknown[]
) => Promise<{
  data?: Record<string, unknown> | null;
  errors?: readonly unknown[];
  extensions?: Record<string, unknown>;
}>;

interface RequestContextLike {
  request: { variables?: Record<string, unknown> };
  context: unknown;
}

interface OperationContextLike {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Record<string, FragmentDefinitionNode>;
}

/**
 * Normalised text of a selection set: aliases, arguments and directives kept; a named fragment is written as the inline
 * fragment it stands for, and a fragment on the very type it is spread in, without directives, as its fields in place
 * (graphql-js collects them there: the planner writes them so). Null when a field is unknown to `schema`.
 */
function selectionText(
  schema: GraphQLSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
  depth = 0,
): string | null {
  if (depth > 64) return null;
  const parts: string[] = [];
  const directives = (nodes: readonly DirectiveNode[] | undefined) =>
    nodes?.length ? nodes.map((d) => print(d)).join(" ") : "";
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      const field =
        isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
      let args = "";
      if (selection.arguments?.length) {
        if (!field) return null;
        const texts: string[] = [];
        for (const argument of selection.arguments) {
          const definition = field.args.find((a) => a.name === argument.name.value);
          if (!definition) return null;
          // A literal is compared by the value it coerces to (the planner writes ID "1" as 1); anything holding a
          // variable, as written.
          const value =
            argument.value.kind === Kind.VARIABLE ? undefined : valueFromAST(argument.value, definition.type);
          texts.push(`${argument.name.value}:${value === undefined ? print(argument.value) : JSON.stringify(value)}`);
        }
        args = `(${texts.join(",")})`;
      }
      let sub = "";
      if (selection.selectionSet) {
        const type = field ? getNamedType(field.type) : undefined;
        if (!type || !isCompositeType(type)) return null;
        const inner = selectionText(schema, selection.selectionSet, type, fragments, depth + 1);
        if (inner === null) return null;
        sub = inner;
      }
      parts.push(
        `${selection.alias ? `${selection.alias.value}:` : ""}${selection.name.value}${args}${directives(selection.directives)}${sub}`,
      );
    } else {
      let typeCondition: string | undefined;
      let inner: SelectionSetNode;
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        typeCondition = selection.typeCondition?.name.value;
        inner = selection.selectionSet;
      } else {
        const fragment = fragments[selection.name.value];
        if (!fragment) return null;
        typeCondition = fragment.typeCondition.name.value;
        inner = fragment.selectionSet;
      }
      const type = typeCondition ? schema.getType(typeCondition) : parent;
      if (!type || !isCompositeType(type)) return null;
      const text = selectionText(schema, inner, type, fragments, depth + 1);
      if (text === null) return null;
      if (type === parent && !selection.directives?.length) parts.push(text.slice(1, -1));
      else parts.push(`...on ${type.name}${directives(selection.directives)}${text}`);
    }
  }
  return `{${parts.filter((part) => part !== "").join(" ")}}`;
}

/** The fragments of a document, by name. */
function fragmentsOf(definitions: readonly { kind: string }[]): Record<string, FragmentDefinitionNode> {
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION)
      fragments[(definition as FragmentDefinitionNode).name.value] = definition as FragmentDefinitionNode;
  }
  return fragments;
}

/** True when every enum and abstract type under the selection has as many values/members in the API schema as in `full`. */
function nothingHidden(
  schema: GraphQLSchema,
  full: FullSchema,
  selectionSet: SelectionSetNode,
  parent: GraphQLCompositeType,
  fragments: Record<string, FragmentDefinitionNode>,
  depth = 0,
): boolean {
  if (depth > 64) return false;
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value.startsWith("__")) continue;
      const field =
        isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[selection.name.value] : undefined;
      if (!field) return false;
      const type = getNamedType(field.type);
      if (isEnumType(type) && full.sizeOf(type.name) !== type.getValues().length) return false;
      if (isAbstractType(type) && full.sizeOf(type.name) !== schema.getPossibleTypes(type).length) return false;
      if (selection.selectionSet) {
        if (!isCompositeType(type) || !nothingHidden(schema, full, selection.selectionSet, type, fragments, depth + 1))
          return false;
      }
    } else {
      const typeName =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.typeCondition?.name.value
          : fragments[selection.name.value]?.typeCondition.name.value;
      const inner =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.selectionSet
          : fragments[selection.name.value]?.selectionSet;
      const type = typeName ? schema.getType(typeName) : parent;
      if (!inner || !type || !isCompositeType(type) || !nothingHidden(schema, full, inner, type, fragments, depth + 1))
        return false;
    }
  }
  return true;
}

/**
 * The fetch whose answer is the client's answer as received, or null when the plan needs Apollo's execution (see the
 * module comment).
 */
export function passthroughFetch(
  queryPlan: QueryPlan,
  operationContext: OperationContextLike,
  full: FullSchema,
): FetchNode | null {
  const node = queryPlan.node;
  if (!node || node.kind !== "Fetch") return null;
  if (operationContext.operation.operation !== "query" || node.operationKind !== "query") return null;
  if (
    node.requires?.length ||
    node.inputRewrites?.length ||
    node.outputRewrites?.length ||
    node.contextRewrites?.length ||
    node.hasDefers
  )
    return null;
  let sent;
  try {
    sent = node.operationDocumentNode ?? parse(node.operation);
  } catch {
    return null;
  }
  const sentOperation = sent.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!sentOperation) return null;
  const root = operationContext.schema.getQueryType();
  if (!root) return null;
  const asked = selectionText(
    operationContext.schema,
    operationContext.operation.selectionSet,
    root,
    operationContext.fragments,
  );
  const fetched = selectionText(
    operationContext.schema,
    sentOperation.selectionSet,
    root,
    fragmentsOf(sent.definitions),
  );
  if (asked === null || asked !== fetched) return null;
  if (
    !nothingHidden(
      operationContext.schema,
      full,
      operationContext.operation.selectionSet,
      root,
      operationContext.fragments,
    )
  )
    return null;
  return node;
}

/** How many one-fetch plans were answered as received, and how many answers (with errors) went through Apollo's path. */
export const singleFetchCounts = { passedThrough: 0, replayed: 0 };

/** A data source that answers one call with a response already received (an answer with errors, replayed). */
function replay(response: unknown): GraphQLDataSource {
  return { process: async () => response } as unknown as GraphQLDataSource;
}

/**
 * Wraps Apollo's `executeQueryPlan`: a one-fetch plan whose answer needs no rewriting is sent as Apollo would send it
 * (the same request to the same data source, so the same headers, caller, timeouts, metrics and cache policy) and its
 * data handed on; every other plan, and every answer with errors, goes through `original`. `enabled()` is read per call.
 */
export function singleFetchExecutor(
  original: ExecuteQueryPlan,
  enabled: () => boolean,
  fullSchemaOf: (supergraphSchema: unknown) => FullSchema,
): ExecuteQueryPlan {
  const decisions = new WeakMap<QueryPlan, FetchNode | null>();
  return async (queryPlan, serviceMap, requestContext, operationContext, ...rest) => {
    if (!enabled()) return original(queryPlan, serviceMap, requestContext, operationContext, ...rest);
    let fetch = decisions.get(queryPlan);
    if (fetch === undefined) {
      try {
        fetch = passthroughFetch(queryPlan, operationContext, fullSchemaOf(rest[0]));
      } catch {
        fetch = null; // anything unexpected in a plan: Apollo's execution
      }
      decisions.set(queryPlan, fetch);
    }
    const service = fetch ? serviceMap[fetch.serviceName] : undefined;
    if (!fetch || !service) return original(queryPlan, serviceMap, requestContext, operationContext, ...rest);
    // The variables exactly as Apollo's executeFetch passes them: only those the fetch uses and the client gave.
    const variables: Record<string, unknown> = Object.create(null);
    const provided = requestContext.request.variables;
    for (const name of fetch.variableUsages ?? []) {
      if (provided && Object.prototype.hasOwnProperty.call(provided, name) && provided[name] !== undefined)
        variables[name] = provided[name];
    }
    let response: { data?: Record<string, unknown> | null; errors?: readonly unknown[] };
    try {
      response = await service.process({
        kind: "incoming operation",
        request: { query: fetch.operation, variables, operationName: fetch.operationName, http: undefined },
        incomingRequestContext: requestContext,
        context: requestContext.context,
        document: fetch.operationDocumentNode,
        pathInIncomingRequest: [],
      } as never);
    } catch (error) {
      // A failed call (unavailable, timed out): Apollo's path turns it into its errors, without calling again.
      singleFetchCounts.replayed++;
      const failing = { process: async () => Promise.reject(error) } as unknown as GraphQLDataSource;
      return original(
        queryPlan,
        { ...serviceMap, [fetch.serviceName]: failing },
        requestContext,
        operationContext,
        ...rest,
      );
    }
    if (response.errors?.length || !response.data || typeof response.data !== "object") {
      singleFetchCounts.replayed++;
      return original(
        queryPlan,
        { ...serviceMap, [fetch.serviceName]: replay(response) },
        requestContext,
        operationContext,
        ...rest,
      );
    }
    singleFetchCounts.passedThrough++;
    return { data: response.data };
  };
}

let installed = false;
let passthroughOn = true;

/**
 * Installs the one-fetch pass-through into Apollo's gateway (once per process); `enabled` switches it on or off for the
 * gateways created after (GATEWAY_SINGLE_FETCH_PASSTHROUGH=false: every plan through Apollo's execution).
 */
export function installSingleFetchPassthrough(enabled: boolean): void {
  passthroughOn = enabled;
  if (installed) return;
  installed = true;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const planExecution = require("@apollo/gateway/dist/executeQueryPlan") as { executeQueryPlan: ExecuteQueryPlan };
  planExecution.executeQueryPlan = singleFetchExecutor(
    planExecution.executeQueryPlan,
    () => passthroughOn,
    fullSchemaOf(),
  );
}
