import { readCsv } from "./seed/read-data";

interface KnownCodes {
  agencies: ReadonlySet<string>;
  /** Agency id → name. */
  agencyNames: ReadonlyMap<string, string>;
  actionLines: ReadonlySet<string>;
}

let known: KnownCodes | undefined;

function read(): KnownCodes {
  const agencies = readCsv("agencies.csv");
  return {
    agencies: new Set(agencies.map((r) => r.id)),
    agencyNames: new Map(agencies.map((r) => [r.id, r.name])),
    actionLines: new Set(readCsv("wsis_action_lines.csv").flatMap((r) => [r.key, r.action_line]).filter(Boolean)),
  };
}

/**
 * The agency ids and action-line codes the hub knows, from the copies of the action-lines subgraph's tables shipped
 * with this subgraph (data/agencies.csv, data/wsis_action_lines.csv); read once. Writes check their codes against them.
 */
export function knownCodes(): KnownCodes {
  known ??= read();
  return known;
}
