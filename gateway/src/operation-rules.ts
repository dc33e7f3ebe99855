import type { ApolloServerPlugin } from "@apollo/server";
import { ErrorCode } from "./error-codes";
import { GraphQLError, type ValidationRule } from "graphql";
import type { GatewayContext } from "./context";

/**
 * An operation whose type the schema has no root for (`subscription { __typename }`: the hub has no subscriptions) is
 * invalid (graphql-js 17's KnownOperationTypesRule; graphql-js 16 lets it through, and the query planner then fails on
 * it as an internal error).
 */
export const knownOperationTypesRule: ValidationRule = (context) => ({
  OperationDefinition(node) {
    const schema = context.getSchema();
    const root = {
      query: schema.getQueryType(),
      mutation: schema.getMutationType(),
      subscription: schema.getSubscriptionType(),
    }[node.operation];
    if (!root)
      context.reportError(
        new GraphQLError(`The ${node.operation} operation is not supported by the schema.`, { nodes: node }),
      );
  },
});

/**
 * A request whose operation cannot be chosen — an `operationName` naming none of its operations, or several operations
 * and no name — is refused with 400 OPERATION_RESOLUTION_FAILURE (graphql-js's messages). Apollo Server leaves that
 * to the executor, and @apollo/gateway's executor throws it as an internal error.
 */
export const operationResolutionPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return {
      async didResolveOperation({ operation, request }) {
        if (operation) return;
        const message = request.operationName
          ? `Unknown operation named "${request.operationName}".`
          : "Must provide operation name if query contains multiple operations.";
        throw new GraphQLError(message, {
          extensions: { code: ErrorCode.OPERATION_RESOLUTION_FAILURE, http: { status: 400 } },
        });
      },
    };
  },
};
