import { readFileSync } from "node:fs";

/**
 * The codes a subgraph refers to but other subgraphs own (agencies and action lines: action-lines; economies and
 * indicators: indicators; events: events). The subgraphs never read each other's tables: each ships a copy, its
 * data/known-codes.json, generated from the owners' data by test/src/known-codes.test.ts, which fails when a copy
 * drifts. This reads such a file (static data, read once at start) and answers from it.
 */

/** One kind of code in a known-codes file: canonical code → name, and other codes of the same thing → canonical. */
export interface KnownCodeList {
  owner: string;
  codes: Record<string, string>;
  aliases?: Record<string, string>;
}

export interface KnownCodesFile<K extends string> {
  kinds: Record<K, KnownCodeList>;
}

export interface KnownCodes<K extends string> {
  /** The code as its owner spells it, or null when the owner has no such code. */
  canonical(kind: K, value: string): string | null;
  /** The name of a (canonical) code. */
  name(kind: K, code: string): string | undefined;
  /** Every canonical code of a kind, in the owner's order. */
  codes(kind: K): string[];
}

/** Codes compare ignoring case, surrounding blanks and a number's leading zeros ("ken" is "KEN", "1" is "001"). */
export function knownCodeKey(code: string): string {
  return code
    .trim()
    .toLowerCase()
    .replace(/^0+(?=\d)/, "");
}

/** Lookups over the lists of a known-codes file. */
export function knownCodesOf<K extends string>(file: KnownCodesFile<K>): KnownCodes<K> {
  const lookup = new Map<string, Map<string, string>>(
    Object.entries<KnownCodeList>(file.kinds).map(([kind, list]) => [
      kind,
      new Map<string, string>([
        ...Object.keys(list.codes).map((c): [string, string] => [knownCodeKey(c), c]),
        ...Object.entries(list.aliases ?? {}).map(([a, c]): [string, string] => [knownCodeKey(a), c]),
      ]),
    ]),
  );
  return {
    canonical: (kind, value) => lookup.get(kind)?.get(knownCodeKey(value)) ?? null,
    name: (kind, code) => file.kinds[kind]?.codes[code],
    codes: (kind) => Object.keys(file.kinds[kind]?.codes ?? {}),
  };
}

/** Reads a subgraph's data/known-codes.json (once, at start); it must hold every kind in `kinds`. */
export function readKnownCodes<K extends string>(file: string, kinds: readonly K[]): KnownCodes<K> {
  const parsed = JSON.parse(readFileSync(file, "utf8")) as KnownCodesFile<K>;
  const missing = kinds.filter((kind) => !parsed.kinds?.[kind]);
  if (missing.length) throw new Error(`${file} has no list of ${missing.join(", ")}`);
  return knownCodesOf(parsed);
}
