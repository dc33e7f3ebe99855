import type { ApolloServerPlugin } from "@apollo/server";
import { ApolloServerPluginCacheControl } from "@apollo/server/plugin/cacheControl";
import { getNamedType, isCompositeType, type GraphQLResolveInfo } from "graphql";
import type { RequestContext } from "../graphql/context";

/**
 * How long the answers of a subgraph may be cached, in seconds. The subgraph sends them as a `Cache-Control` header
 * (the smallest maxAge of every object in the response); the gateway combines its subgraphs' headers into its own
 * policy and its response cache. Nothing is cacheable for a request that carries a caller.
 */
export interface CacheHints {
  /** For every object type without its own hint (0: not cacheable). */
  defaultMaxAge: number;
  /** Object type name → maxAge, e.g. `{ Observation: 300 }`. */
  types?: Record<string, number>;
}

/** Through `info.cacheControl`, which Apollo's cache-control plugin adds to every resolver's info. */
function setCacheHint(info: GraphQLResolveInfo, maxAge: number): void {
  (info as GraphQLResolveInfo & { cacheControl?: { setCacheHint(hint: { maxAge: number }): void } }).cacheControl?.setCacheHint({ maxAge });
}

/**
 * The plugins that apply `hints`: Apollo's cache-control plugin (default maxAge, `Cache-Control` header) and a small
 * one that gives each object type its own maxAge. Federation's `_entities` field gets the smallest maxAge of the types
 * it is asked for. Order matters: Apollo calls `willResolveField` hooks in reverse plugin order, and the per-type hint
 * must run after the cache-control plugin has set up `info.cacheControl`.
 */
export function cacheHintPlugins<L>(hints: CacheHints): ApolloServerPlugin<RequestContext<L>>[] {
  const types = hints.types ?? {};
  const maxAgeOf = (typeName: string) => types[typeName] ?? hints.defaultMaxAge;
  const typeHints: ApolloServerPlugin<RequestContext<L>> = {
    async requestDidStart() {
      return {
        async didResolveOperation(requestContext) {
          // Answers for an identified caller may differ per caller: never cached anywhere.
          if (requestContext.contextValue.caller) requestContext.overallCachePolicy.restrict({ maxAge: 0 });
        },
        async executionDidStart() {
          return {
            willResolveField({ info, args }) {
              if (info.fieldName === "_entities" && !info.path.prev) {
                const representations = (args as { representations?: Array<{ __typename?: unknown }> }).representations ?? [];
                const ages = representations.map((r) => maxAgeOf(String(r.__typename)));
                setCacheHint(info, ages.length ? Math.min(...ages) : hints.defaultMaxAge);
                return;
              }
              const type = getNamedType(info.returnType);
              if (isCompositeType(type) && types[type.name] !== undefined) setCacheHint(info, types[type.name]);
            },
          };
        },
      };
    },
  };
  return [typeHints, ApolloServerPluginCacheControl({ defaultMaxAge: hints.defaultMaxAge })];
}
