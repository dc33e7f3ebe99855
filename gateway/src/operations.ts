import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import {
  Kind,
  parse,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from "graphql";

/** One operation the hub knows (from the README, the benchmark, a dashboard, an allowlist), with where it was found. */
export interface KnownOperation {
  /** `README.md#3`, `infra/src/bench/workload.ts#ActionLineProfile`, … */
  origin: string;
  /** The operation alone, with the fragments it spreads: a document that can be validated by itself. */
  document: string;
}

export interface OperationSet {
  operations: KnownOperation[];
  /** Files named but absent (e.g. a dashboard not built in this checkout). */
  missing: string[];
}

const OPERATION_START = /^\s*(query|mutation|subscription|fragment|\{)/;

function tryParse(text: string): DocumentNode | undefined {
  try {
    return parse(text);
  } catch {
    return undefined;
  }
}

/** Each operation of a document as a document of its own (a block of several anonymous operations is allowed). */
function splitDocument(document: DocumentNode, origin: string): KnownOperation[] {
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  const operations = document.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  return operations.map((operation, index) => ({
    origin: `${origin}#${operation.name?.value ?? index + 1}`,
    document: [operation, ...fragments].map((d) => print(d)).join("\n\n"),
  }));
}

/** ```graphql blocks and the `"query":"…"` of JSON bodies (curl examples) of a Markdown file. */
function fromMarkdown(text: string): string[] {
  const found: string[] = [];
  for (const block of text.matchAll(/```graphql\n([\s\S]*?)```/g)) found.push(block[1]);
  for (const body of text.matchAll(/"query"\s*:\s*"((?:\\.|[^"\\])*)"/g)) {
    try {
      found.push(JSON.parse(`"${body[1]}"`) as string);
    } catch {
      // not a JSON string
    }
  }
  return found;
}

/** Template literals without substitutions that hold a GraphQL document (TypeScript or JavaScript sources). */
function fromCode(text: string): string[] {
  return [...text.matchAll(/`((?:[^`$\\]|\$(?!\{))*)`/g)].map((m) => m[1]).filter((t) => OPERATION_START.test(t));
}

/** A JSON file: an array of documents, a persisted-documents map (hash → document), or an Apollo manifest. */
function fromJson(text: string): string[] {
  const parsed = JSON.parse(text) as unknown;
  if (Array.isArray(parsed)) return parsed.filter((e): e is string => typeof e === "string" && OPERATION_START.test(e));
  if (parsed && typeof parsed === "object") {
    const manifest = (parsed as { operations?: Array<{ body?: unknown }> }).operations;
    if (Array.isArray(manifest)) return manifest.map((o) => o?.body).filter((b): b is string => typeof b === "string");
    return Object.values(parsed).filter((v): v is string => typeof v === "string" && OPERATION_START.test(v));
  }
  return [];
}

/**
 * The operations of the given files, by their kind: Markdown (```graphql blocks, curl bodies), JSON (allowlists,
 * persisted documents), anything else as code (template literals). Texts that do not parse as GraphQL are not
 * operations (a SQL string, a shell line) and are left out; a block that parses is split into its operations.
 */
export function readOperations(files: readonly string[], root: string): OperationSet {
  const operations: KnownOperation[] = [];
  const missing: string[] = [];
  for (const file of files) {
    const name = path.relative(root, file) || file;
    if (!existsSync(file)) {
      missing.push(name);
      continue;
    }
    const text = readFileSync(file, "utf8");
    const candidates = file.endsWith(".md")
      ? fromMarkdown(text)
      : file.endsWith(".json")
        ? fromJson(text)
        : fromCode(text);
    let counter = 0;
    for (const candidate of candidates) {
      const document = tryParse(candidate);
      if (!document) continue;
      for (const operation of splitDocument(document, name)) {
        counter += 1;
        operations.push(/#\d+$/.test(operation.origin) ? { ...operation, origin: `${name}#${counter}` } : operation);
      }
    }
  }
  return { operations, missing };
}
