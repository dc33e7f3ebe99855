import type {
  GatewayExecutor,
  GatewayInterface,
  GatewaySchemaLoadOrUpdateCallback,
} from "@apollo/server-gateway-interface";
import {
  execute,
  GraphQLError,
  getVariableValues,
  valueFromASTUntyped,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { compileQuery, isCompiledQuery, type CompiledQuery } from "graphql-jit";

/** How a subgraph executes its operations: compiled once per document (graphql-jit), or by graphql-js each time. */
export type ExecutionMode = "compiled" | "graphql-js";

/**
 * Compiled execution (graphql-jit) by default; SUBGRAPH_EXECUTION=graphql-js runs every operation on graphql-js.
 * Both answer alike: shared/test/compiled-execution.test.ts compares them case by case, and the subgraph-server tests
 * run on both.
 */
export function executionModeFromEnv(env: NodeJS.ProcessEnv = process.env): ExecutionMode {
  return env.SUBGRAPH_EXECUTION === "graphql-js" ? "graphql-js" : "compiled";
}

type Compiled = CompiledQuery | null;

/**
 * Executes queries with graphql-jit: each document is compiled once into a function (cached per parsed document and
 * operation name; Apollo Server keeps one parsed document per query text, in its bounded document store, so the cache
 * lives exactly as long as the document does), which then resolves the fields without graphql-js's per-field
 * machinery (`completeValue`, a promise per object, argument coercion per field). Only where it is the same answer:
 *
 * - variables are coerced by graphql-js first; a request whose variables do not coerce gets graphql-js's own errors
 *   (which Apollo Server turns into BAD_USER_INPUT), so refusals read exactly as before;
 * - mutations, and any document graphql-jit cannot compile, run on graphql-js (writes are few; their order and error
 *   handling stay graphql-js's);
 * - `@skip`/`@include` use graphql-jit's path-based evaluation, which is the one correct on fragment spreads;
 * - variable defaults are passed to graphql-jit as given values (it refuses a non-null variable with a default that
 *   the client left out), and should it still refuse variables graphql-js accepted, graphql-js answers.
 */
export function compiledExecutor(schema: GraphQLSchema): GatewayExecutor {
  const compiledByDocument = new WeakMap<DocumentNode, Map<string, Compiled>>();
  const compiledOf = (document: DocumentNode, operationName: string | undefined): Compiled => {
    let byName = compiledByDocument.get(document);
    if (!byName) {
      byName = new Map();
      compiledByDocument.set(document, byName);
    }
    const key = operationName ?? "";
    let compiled = byName.get(key);
    if (compiled === undefined) {
      const result = compileQuery(schema, document, operationName, { useExperimentalPathBasedSkipInclude: true });
      compiled = isCompiledQuery(result) ? result : null;
      byName.set(key, compiled);
    }
    return compiled;
  };

  return async (requestContext) => {
    const { document, request, operation } = requestContext;
    const contextValue = requestContext.context;
    const operationName = request.operationName ?? undefined;
    const variables = request.variables ?? {};
    const graphqlJs = () =>
      execute({ schema, document, contextValue, variableValues: variables, operationName }) as Promise<ExecutionResult>;
    if (!operation || operation.operation !== "query") return graphqlJs();
    const compiled = compiledOf(document, operationName);
    if (!compiled) return graphqlJs();
    const definitions = (operation as OperationDefinitionNode).variableDefinitions ?? [];
    const coerced = getVariableValues(schema, definitions, variables, { maxErrors: 50 });
    if (coerced.errors) return { errors: coerced.errors };
    // graphql-jit refuses a non-null variable left out even when it has a default (graphql-js applies the default):
    // the defaults are given to it as if the client had sent them.
    let given = variables;
    for (const definition of definitions) {
      const name = definition.variable.name.value;
      if (definition.defaultValue && given[name] === undefined) {
        if (given === variables) given = { ...variables };
        given[name] = valueFromASTUntyped(definition.defaultValue);
      }
    }
    const result = await compiled.query(undefined, contextValue, given);
    // An answer without data is a refusal before execution (variables): graphql-js accepted them, so graphql-js answers.
    if (!("data" in result)) return graphqlJs();
    return result.errors?.length ? { ...result, errors: result.errors.map(asGraphqlJsError) } : result;
  };
}

/**
 * graphql-jit's errors pass `instanceof GraphQLError` but are not graphql-js's: an error whose original has no
 * extensions has `extensions` undefined, where graphql-js always gives an object, and Apollo Server reads
 * `error.extensions.code` — it threw there, and answered its own bare "Internal server error" without the request id
 * instead of calling `formatError`. Each is remade as graphql-js's error would have been: the same message, path,
 * locations and original error (whose extensions and stack it takes, as graphql-js's `locatedError` does).
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  if (Object.getPrototypeOf(error) === GraphQLError.prototype) return error;
  const remade = new GraphQLError(error.message, {
    path: error.path,
    originalError: error.originalError ?? undefined,
    ...(error.originalError ? {} : { extensions: error.extensions ?? undefined }),
  });
  (remade as { locations?: GraphQLError["locations"] }).locations = error.locations;
  return remade;
}

/**
 * Apollo Server takes an executor of its own only through its gateway interface: this one serves a fixed schema (the
 * subgraph's) with `compiledExecutor`. Everything before execution — parsing, validation, plugins, cache policy — is
 * Apollo Server's as with `schema`.
 */
export function compiledSchemaGateway(schema: GraphQLSchema): GatewayInterface {
  const listeners = new Set<GatewaySchemaLoadOrUpdateCallback>();
  return {
    onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    async load() {
      for (const listener of listeners) listener({ apiSchema: schema, coreSupergraphSdl: "" });
      return { executor: compiledExecutor(schema) };
    },
    async stop() {
      listeners.clear();
    },
  };
}
