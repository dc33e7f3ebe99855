import path from "node:path";
import { readKnownCodes } from "@wsis/shared";
import { DATA_DIR } from "../seed/read-data";

/**
 * The codes this subgraph refers to but other subgraphs own — agencies, action lines and SDG goals (action-lines),
 * economies (indicators), events (events) — from data/known-codes.json: a copy generated from the owners' data, which
 * test/src/known-codes.test.ts checks against them (and regenerates with UPDATE_KNOWN_CODES=1). Read once.
 */
export const KNOWN_KINDS = ["agency", "actionLine", "sdgGoal", "economy", "event"] as const;
export type KnownKind = (typeof KNOWN_KINDS)[number];

export const knownCodes = readKnownCodes<KnownKind>(path.join(DATA_DIR, "known-codes.json"), KNOWN_KINDS);
