import { readFileSync } from "node:fs";
import path from "node:path";
import { DATA_DIR } from "./seed/read-data";

/**
 * The codes this subgraph refers to but other subgraphs own — agencies and action lines (action-lines), economies and
 * indicators (indicators), the roadmap's events (events) — from data/known-codes.json: a copy generated from the
 * owners' data, which test/src/known-codes.test.ts checks against them (and regenerates with UPDATE_KNOWN_CODES=1).
 * Static data, read once.
 */
export type KnownKind = "agency" | "actionLine" | "economy" | "indicator" | "event";

/** One kind of code in data/known-codes.json: canonical code → name, and other codes of the same thing → canonical. */
interface KnownCodeList {
  owner: string;
  codes: Record<string, string>;
  aliases?: Record<string, string>;
}

const FILE = JSON.parse(readFileSync(path.join(DATA_DIR, "known-codes.json"), "utf8")) as { kinds: Record<KnownKind, KnownCodeList> };

/** Codes compare ignoring case, surrounding blanks and a number's leading zeros ("ken" is "KEN", "1" is "001"). */
const key = (code: string) => code.trim().toLowerCase().replace(/^0+(?=\d)/, "");

const LOOKUP = new Map(
  Object.entries(FILE.kinds).map(([kind, list]) => [
    kind,
    new Map<string, string>([
      ...Object.keys(list.codes).map((c): [string, string] => [key(c), c]),
      ...Object.entries(list.aliases ?? {}).map(([a, c]): [string, string] => [key(a), c]),
    ]),
  ]),
);

export const knownCodes = {
  /** The code as its owner spells it, or null when the owner has no such code. */
  canonical: (kind: KnownKind, value: string): string | null => LOOKUP.get(kind)?.get(key(value)) ?? null,
  /** The name of a (canonical) code. */
  name: (kind: KnownKind, code: string): string | undefined => FILE.kinds[kind].codes[code],
  /** Every canonical code of a kind, in the owner's order. */
  codes: (kind: KnownKind): string[] => Object.keys(FILE.kinds[kind].codes),
};
