import { GraphQLDateTimeISO, GraphQLJSON } from "graphql-scalars";
import { isScalarType, isSpecifiedScalarType, type GraphQLScalarType, type GraphQLSchema } from "graphql";

/**
 * The custom scalars of the supergraph, with the implementation the subgraphs use for each (type-graphql's
 * `DateTimeISO` is graphql-scalars' GraphQLDateTimeISO; the audit trail's `JSON` is GraphQLJSON). A subgraph that adds
 * a scalar adds it here too (a gateway test fails until it does).
 */
export const SCALAR_IMPLEMENTATIONS: Readonly<Record<string, GraphQLScalarType>> = {
  DateTimeISO: GraphQLDateTimeISO,
  JSON: GraphQLJSON,
};

/** The custom scalars of `schema` (graphql-js's own excepted). */
export function customScalarsOf(schema: GraphQLSchema): GraphQLScalarType[] {
  return Object.values(schema.getTypeMap()).filter(
    (type): type is GraphQLScalarType =>
      isScalarType(type) && !isSpecifiedScalarType(type) && !type.name.startsWith("__"),
  );
}

/**
 * Makes the gateway validate the custom scalars it passes on. A schema built from a supergraph knows a custom scalar by
 * name only, and accepts any value for it: `changes(since: "yesterday")` went through planning to the subgraph, whose
 * refusal (an HTTP 400) the gateway could only mask. Given the subgraphs' own parsers, an invalid value written in the
 * query fails graphql-js validation (BAD_USER_INPUT) and one sent in a variable fails the gateway's coercion of
 * variables (BAD_USER_INPUT, 400), both before any plan is made. The value passed on to the subgraph stays exactly as
 * the client sent it (the parsers here only check); output values are not touched.
 *
 * Changes the scalar types of `schema` in place (the schema the gateway validates and coerces with); returns the names
 * of custom scalars it has no implementation for (left accepting anything).
 */
export function validateCustomScalars(
  schema: GraphQLSchema,
  implementations: Readonly<Record<string, GraphQLScalarType>> = SCALAR_IMPLEMENTATIONS,
): string[] {
  const unknown: string[] = [];
  for (const scalar of customScalarsOf(schema)) {
    const implementation = implementations[scalar.name];
    if (!implementation) {
      unknown.push(scalar.name);
      continue;
    }
    scalar.parseValue = (value) => {
      implementation.parseValue(value);
      return value;
    };
    scalar.parseLiteral = (node, variables) => {
      try {
        return implementation.parseLiteral(node, variables);
      } catch (error) {
        // A plain error: graphql-js then names the type and the value ('Expected value of type "DateTimeISO", found
        // "yesterday"; …'), the message the gateway answers as BAD_USER_INPUT like any other mistyped literal.
        throw new Error((error as Error).message);
      }
    };
  }
  return unknown;
}
