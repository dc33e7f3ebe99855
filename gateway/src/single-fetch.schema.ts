import { GraphQLSchema, isAbstractType, isEnumType } from "graphql";

/** A schema that may hide some enum values or some members of abstract types (the supergraph, under the API schema). */
export interface FullSchema {
  /** The number of values of an enum, or of possible types of an interface or union, in the full supergraph. */
  sizeOf(typeName: string): number | undefined;
}

/**
 * The sizes of the supergraph's enums and abstract types, read once per supergraph: Apollo's gateway passes its
 * supergraph as a graphql-js schema (a federation `Schema` is read too).
 */
export function fullSchemaOf(): (supergraphSchema: unknown) => FullSchema {
  const bySchema = new WeakMap<object, FullSchema>();
  return (supergraphSchema) => {
    if (!supergraphSchema || typeof supergraphSchema !== "object") return { sizeOf: () => undefined };
    let full = bySchema.get(supergraphSchema);
    if (!full) {
      const sizeOf =
        supergraphSchema instanceof GraphQLSchema
          ? graphqlJsSizes(supergraphSchema)
          : federationSizes(supergraphSchema as FederationSchema);
      const sizes = new Map<string, number | undefined>();
      full = {
        sizeOf: (name) => {
          if (!sizes.has(name)) sizes.set(name, sizeOf(name));
          return sizes.get(name);
        },
      };
      bySchema.set(supergraphSchema, full);
    }
    return full;
  };
}

function graphqlJsSizes(schema: GraphQLSchema): (name: string) => number | undefined {
  return (name) => {
    const type = schema.getType(name);
    if (isEnumType(type)) return type.getValues().length;
    if (type && isAbstractType(type)) return schema.getPossibleTypes(type).length;
    return undefined;
  };
}

interface FederationSchema {
  type(name: string):
    | {
        kind: string;
        values?: readonly unknown[];
        types?(): readonly unknown[];
        possibleRuntimeTypes?(): readonly unknown[];
      }
    | undefined;
}

function federationSizes(schema: FederationSchema): (name: string) => number | undefined {
  return (name) => {
    if (typeof schema.type !== "function") return undefined;
    const type = schema.type(name);
    if (type?.kind === "EnumType") return type.values?.length;
    if (type?.kind === "UnionType") return type.types?.().length;
    if (type?.kind === "InterfaceType") return type.possibleRuntimeTypes?.().length;
    return undefined;
  };
}
