import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from "graphql";
import { catalogueFor, LIST_EXTRAS, OBJECT_EXTRAS } from "./bad-values";
import { deepList, deepObject } from "./raw-json";

/**
 * A schema-driven fuzzer: for every field with arguments that a client can reach (the root Query and Mutation fields
 * and the fields with arguments one level below a root field), and for every argument and every input-object field
 * inside it, it builds requests in which that one place holds a bad value while every other place holds a valid one.
 * Values come from fixed catalogues per kind of type (bad-values.ts: wrong types, empty, huge, negative and out-of-range numbers, NUL
 * and control characters, invalid dates, forged cursors, deep nesting, unknown enum values, SQL- and CSV-injection
 * text), picked with a seeded generator so that every run sends the same requests.
 */

export interface FuzzCase {
  /** `Query.observations` or `Query.dataset > Dataset.releases`. */
  target: string;
  /** Where the bad value sits: `filter.economies[0]`, `input.observations[0].value`. */
  place: string;
  /** The value's label in the catalogue (`NUL byte`, `int4 + 1`, ...). */
  label: string;
  kind: "query" | "mutation";
  /** Sent as a variable (`variables`) or written into the document (`literal`). */
  form: "variable" | "literal";
  query: string;
  variables: Record<string, unknown>;
  /** The request's `extensions`, for the cases about the request itself. */
  extensions?: unknown;
}

export interface Baselines {
  /** Valid argument values by `Type.field.argument` (checked first), then by argument name. */
  byField: Record<string, unknown>;
  byName: Record<string, unknown>;
}

/** mulberry32: a small, well-known seeded generator. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A valid value for a type: from the baselines when named there, else a plain one of its type. */
function validValue(type: GraphQLInputType, baseline: unknown): unknown {
  if (baseline !== undefined) return baseline;
  const nullable = getNullableType(type);
  if (isListType(nullable)) return [validValue(nullable.ofType, undefined)];
  if (isInputObjectType(nullable)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(nullable.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined)
        out[field.name] = validValue(field.type, undefined);
    }
    return out;
  }
  if (isEnumType(nullable)) return nullable.getValues()[0]?.name;
  switch ((nullable as { name: string }).name) {
    case "Int":
      return 1;
    case "Float":
      return 1;
    case "Boolean":
      return true;
    case "DateTimeISO":
      return "2025-01-01T00:00:00.000Z";
    default:
      return "x";
  }
}

/** Places inside a value: the argument itself, each field of an input object, the first element of a list. */
interface Place {
  path: Array<string | number>;
  type: GraphQLInputType;
}

function placesIn(type: GraphQLInputType, path: Array<string | number>, depth = 0): Place[] {
  const here: Place = { path, type };
  const nullable = getNullableType(type);
  if (depth > 4) return [here];
  if (isListType(nullable)) return [here, ...placesIn(nullable.ofType, [...path, 0], depth + 1)];
  if (isInputObjectType(nullable)) {
    return [
      here,
      ...Object.values(nullable.getFields()).flatMap((f) => placesIn(f.type, [...path, f.name], depth + 1)),
    ];
  }
  return [here];
}

function setAt(
  root: Record<string, unknown>,
  path: Array<string | number>,
  value: unknown,
  types: (p: Array<string | number>) => GraphQLInputType,
): Record<string, unknown> {
  const copy = structuredClone(root) as Record<string, unknown>;
  let node: Record<string | number, unknown> = copy;
  for (let i = 0; i < path.length - 1; i++) {
    const key = path[i];
    if (node[key] === undefined || node[key] === null) node[key] = validValue(types(path.slice(0, i + 1)), undefined);
    node = node[key] as Record<string | number, unknown>;
  }
  node[path[path.length - 1]] = value;
  return copy;
}

const pathText = (path: Array<string | number>) =>
  path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");

/** The smallest selection that is valid for a field's type. */
function selectionFor(field: GraphQLField<unknown, unknown>): string {
  return isObjectType(getNamedType(field.type)) ||
    (!isScalarType(getNamedType(field.type)) && !isEnumType(getNamedType(field.type)))
    ? " { __typename }"
    : "";
}

/** A GraphQL literal for a JSON value (strings through JSON.stringify, whose escapes GraphQL shares). */
function literal(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  return `{ ${Object.entries(value as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${literal(v)}`)
    .join(", ")} }`;
}

interface Target {
  name: string;
  kind: "query" | "mutation";
  /** The field whose arguments are fuzzed, and the root field (with valid arguments) that leads to it, if any. */
  field: GraphQLField<unknown, unknown>;
  parentType: GraphQLObjectType;
  via?: { field: GraphQLField<unknown, unknown>; type: GraphQLObjectType };
}

function baselineFor(
  b: Baselines,
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
  arg: GraphQLArgument,
): unknown {
  const key = `${type.name}.${field.name}.${arg.name}`;
  if (key in b.byField) return b.byField[key];
  if (arg.name in b.byName) return b.byName[arg.name];
  return undefined;
}

function rootArgsValid(
  b: Baselines,
  type: GraphQLObjectType,
  field: GraphQLField<unknown, unknown>,
): Record<string, unknown> | null {
  const out: Record<string, unknown> = {};
  for (const arg of field.args) {
    const base = baselineFor(b, type, field, arg);
    if (base !== undefined) out[arg.name] = base;
    else if (isNonNullType(arg.type) && arg.defaultValue === undefined) return null;
  }
  return out;
}

function targets(schema: GraphQLSchema, baselines: Baselines): Target[] {
  const out: Target[] = [];
  for (const [kind, type] of [
    ["query", schema.getQueryType()],
    ["mutation", schema.getMutationType()],
  ] as const) {
    if (!type) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length > 0) out.push({ name: `${type.name}.${field.name}`, kind, field, parentType: type });
      if (kind !== "query") continue;
      // One level down: fields with arguments of what a root field returns (Dataset.releases, AuditLog.events, ...).
      const returned = getNamedType(field.type);
      if (!isObjectType(returned) || !rootArgsValid(baselines, type, field)) continue;
      for (const child of Object.values(returned.getFields())) {
        if (child.args.length === 0) continue;
        out.push({
          name: `${type.name}.${field.name} > ${returned.name}.${child.name}`,
          kind,
          field: child,
          parentType: returned,
          via: { field, type },
        });
      }
    }
  }
  return out;
}

function typeString(type: GraphQLInputType): string {
  return String(type);
}

/** Every case, in a stable order; `perPlace` values at most per place (picked by the seeded generator). */
export function fuzzCases(
  schema: GraphQLSchema,
  baselines: Baselines,
  options: { seed: number; perPlace: number },
): FuzzCase[] {
  const random = seededRandom(options.seed);
  const cases: FuzzCase[] = [];
  for (const target of targets(schema, baselines)) {
    const valid: Record<string, unknown> = {};
    for (const arg of target.field.args) {
      const base = baselineFor(baselines, target.parentType, target.field, arg);
      if (base !== undefined) valid[arg.name] = base;
      else if (isNonNullType(arg.type) && arg.defaultValue === undefined)
        valid[arg.name] = validValue(arg.type, undefined);
    }
    const viaArgs = target.via ? (rootArgsValid(baselines, target.via.type, target.via.field) ?? {}) : {};
    const argTypes = new Map(target.field.args.map((a) => [a.name, a.type]));
    const typeAt = (path: Array<string | number>): GraphQLInputType => {
      let type = argTypes.get(path[0] as string)!;
      for (const step of path.slice(1)) {
        const nullable = getNullableType(type);
        if (typeof step === "number" && isListType(nullable)) type = nullable.ofType;
        else if (isInputObjectType(nullable)) type = nullable.getFields()[step as string].type;
      }
      return type;
    };
    for (const arg of target.field.args) {
      for (const place of placesIn(arg.type, [arg.name])) {
        const placeName = pathText(place.path);
        let catalogue = catalogueFor(place.type, placeName);
        const nullable = getNullableType(place.type);
        if (isListType(nullable)) catalogue = LIST_EXTRAS(validValue(nullable.ofType, undefined));
        if (isInputObjectType(nullable)) catalogue = OBJECT_EXTRAS;
        if (isNonNullType(place.type)) catalogue = [...catalogue, { label: "null where required", value: null }];
        // A seeded pick (without repeats) of at most perPlace values, always keeping the first (the most common).
        const picked = [...catalogue]
          .map((bad, i) => ({ bad, key: i === 0 ? -1 : random() }))
          .sort((a, b) => a.key - b.key)
          .slice(0, options.perPlace);
        for (const { bad } of picked) {
          const variables = setAt(valid, place.path, bad.value, typeAt);
          const defs = target.field.args.map((a) => `$${a.name}: ${typeString(a.type)}`).join(", ");
          const call = `${target.field.name}(${target.field.args.map((a) => `${a.name}: $${a.name}`).join(", ")})${selectionFor(target.field)}`;
          const rootVars = Object.keys(viaArgs);
          const viaDefs = target.via
            ? target.via.field.args
                .filter((a) => rootVars.includes(a.name))
                .map((a) => `$via_${a.name}: ${typeString(a.type)}`)
            : [];
          const viaCall = target.via
            ? `${target.via.field.name}(${rootVars.map((n) => `${n}: $via_${n}`).join(", ")})`
            : "";
          const allDefs = [...viaDefs, ...(defs ? [defs] : [])].join(", ");
          const body = target.via ? `${viaCall} { ${call} }` : call;
          const query = `${target.kind} Fuzz${allDefs ? `(${allDefs})` : ""} { ${body} }`;
          const allVariables = {
            ...Object.fromEntries(Object.entries(viaArgs).map(([k, v]) => [`via_${k}`, v])),
            ...variables,
          };
          cases.push({
            target: target.name,
            place: placeName,
            label: bad.label,
            kind: target.kind,
            form: "variable",
            query,
            variables: allVariables,
          });
          // The same value as a literal in the document, where that can be written (the argument itself only).
          if (bad.literal && place.path.length === 1) {
            const inline = target.field.args
              .map((a) => `${a.name}: ${a.name === arg.name ? literal(bad.value) : `$${a.name}`}`)
              .join(", ");
            const otherDefs = target.field.args
              .filter((a) => a.name !== arg.name)
              .map((a) => `$${a.name}: ${typeString(a.type)}`);
            const defs2 = [...viaDefs, ...otherDefs].join(", ");
            const call2 = `${target.field.name}(${inline})${selectionFor(target.field)}`;
            const body2 = target.via ? `${viaCall} { ${call2} }` : call2;
            const vars2 = { ...allVariables };
            delete vars2[arg.name];
            cases.push({
              target: target.name,
              place: placeName,
              label: bad.label,
              kind: target.kind,
              form: "literal",
              query: `${target.kind} Fuzz${defs2 ? `(${defs2})` : ""} { ${body2} }`,
              variables: vars2,
            });
          }
        }
      }
    }
  }
  return cases;
}

/** Cases about the request rather than one argument: variables and extensions nested 5,000 levels. */
export function requestCases(): FuzzCase[] {
  const base = {
    target: "request",
    kind: "query" as const,
    form: "variable" as const,
    query: "query Fuzz { __typename }",
  };
  return [
    { ...base, place: "variables", label: "deep object (5000)", variables: { v: deepObject(5000) } },
    { ...base, place: "extensions", label: "deep object (5000)", variables: {}, extensions: deepObject(5000) },
    {
      ...base,
      place: "extensions.persistedQuery",
      label: "deep object (5000)",
      variables: {},
      extensions: { persistedQuery: deepObject(5000) },
    },
    { ...base, place: "extensions", label: "deep list (5000)", variables: {}, extensions: { list: deepList(5000) } },
    { ...base, place: "variables", label: "unused 60 kB", variables: { unused: "x".repeat(60_000) } },
  ];
}

/** Marks of internals that must never reach a client: stack frames, SQL, driver and ORM errors, file paths. */
export const LEAK =
  /\n\s+at |\bat [\w.<>]+ \(|node_modules|\.ts:\d+|\.js:\d+|QueryFailedError|TypeORMError|syntax error at or near|violates (not-null|unique|foreign key|check) constraint|invalid input syntax for|relation "[^"]*" does not exist|column "[^"]*" (does not exist|of relation)|\bSELECT\b.*\bFROM\b|\bINSERT INTO\b|protocol synchronization|Maximum call stack/i;
