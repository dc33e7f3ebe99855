/*
 * JSON request bodies with values too deep to build as objects: kept as text, written into the body as they are.
 */

/**
 * JSON text sent as it is: values nested thousands of levels deep are kept as text, since building them as objects
 * would overflow this process's own stack when they are serialised. `requestBody` writes them into the body.
 */
export interface RawJson {
  __rawJson: string;
}
export const isRawJson = (value: unknown): value is RawJson =>
  typeof value === "object" && value !== null && "__rawJson" in value;

/** Nested `{"a":{"a":...}}` `depth` levels deep, as JSON text. */
export function deepObject(depth: number): RawJson {
  return { __rawJson: `${'{"a":'.repeat(depth)}"end"${"}".repeat(depth)}` };
}
/** Nested `[[...]]` `depth` levels deep, as JSON text. */
export function deepList(depth: number): RawJson {
  return { __rawJson: `${"[".repeat(depth)}"end"${"]".repeat(depth)}` };
}

/** A JSON request body in which RawJson values are written as their text. */
export function requestBody(body: Record<string, unknown>): string {
  const raw: string[] = [];
  const text = JSON.stringify(body, (_key, value: unknown) => {
    if (!isRawJson(value)) return value;
    raw.push(value.__rawJson);
    return `\u0001raw${raw.length - 1}\u0001`;
  });
  return text.replace(/"\\u0001raw(\d+)\\u0001"/g, (_m, i: string) => raw[Number(i)]);
}
