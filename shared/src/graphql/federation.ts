import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import type { GraphQLSchema } from "graphql";
import gql from "graphql-tag";
import {
  buildSchema,
  createResolversMap,
  getMetadataStorage,
  type AuthChecker,
  type BuildSchemaOptions,
} from "type-graphql";
import { hubAuthChecker } from "../auth/auth-checker";

export const FEDERATION_VERSION = "v2.7";

/** The Federation 2 link every subgraph schema starts with. */
export const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@tag"])`;

export interface FederatedSchema {
  schema: GraphQLSchema;
  /** The subgraph's SDL, as composition reads it. */
  sdl: string;
}

/**
 * Plain data fields (no `@Authorized`, no middleware, the property named as the field) are read by graphql-js's default
 * resolver instead of type-graphql's per-field wrapper, which allocates a resolver-data object and runs an (empty)
 * middleware chain for every field of every row. Fields with roles or middlewares keep the wrapper, so `@Authorized`
 * is still enforced on them.
 */
function useDefaultResolversForPlainFields(options: Omit<BuildSchemaOptions, "skipCheck">): void {
  if (options.globalMiddlewares?.length) return;
  for (const field of getMetadataStorage().fields) {
    if (field.simple !== undefined || field.roles || field.middlewares?.length || field.name !== field.schemaName)
      continue;
    field.simple = true;
  }
}

/**
 * Builds a Federation 2 subgraph schema from type-graphql classes: type-graphql prints the SDL with its `@key`
 * directives, the federation link is prepended, and `@apollo/subgraph` adds `_service`, `_entities` and the
 * reference resolvers (`__resolveReference`, which must go through a per-request DataLoader). `@Authorized` is checked
 * by the hub's authChecker (shared/src/auth/auth-checker.ts) unless `options.authChecker` or `authChecker` says otherwise.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck">,
  referenceResolvers: GraphQLResolverMap<unknown> = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  authChecker: AuthChecker<any> = hubAuthChecker,
): Promise<FederatedSchema> {
  useDefaultResolversForPlainFields(options);
  const typeGraphqlSchema = await buildSchema({
    authMode: "error",
    ...options,
    authChecker: options.authChecker ?? authChecker,
    skipCheck: true,
  });
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(typeGraphqlSchema)}`;
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, extra] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(extra as object) } as never;
  }
  const schema = buildSubgraphSchema({ typeDefs: gql(sdl), resolvers });
  return { schema, sdl };
}
