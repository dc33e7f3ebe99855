import { readCsv } from "../seed/read-data";

/**
 * The UN's linked-data identifiers (IRIs) of the SDG goals, targets and indicators: the SDG Knowledge Organization
 * System published by UN DESA/UNSD and the Dag Hammarskjöld Library at http://metadata.un.org/sdg
 * (data/unsd_sdg_kos_iris.csv, derived from UNStats/LOD4Stats `sdg-data/sdg-kos-goals-targets-indicators.ttl`; see
 * data/SOURCES.md). Goals are http://metadata.un.org/sdg/{n}, targets http://metadata.un.org/sdg/{n.t}; indicators
 * have permanent codes that do not follow their number (1.1.1 is C010101, but 1.5.1, repeated under 11.5 and 13.1, is
 * C200303), so they are looked up, never built. A code the KOS of May 2020 does not list (e.g. 11.5.3, added in 2022)
 * has no IRI here (null).
 */
export type SdgKind = "goal" | "target" | "indicator";

let table: Map<string, string> | null = null;

function iris(): Map<string, string> {
  if (table === null) {
    const rows = readCsv("unsd_sdg_kos_iris.csv");
    table = new Map(rows.map((r) => [`${r.kind}|${r.code}`, r.iri]));
  }
  return table;
}

/** The IRI of an SDG goal, target or indicator by its code ("4", "4.4", "4.4.1"); null when the KOS has none. */
export function sdgIri(kind: SdgKind, code: string): string | null {
  return iris().get(`${kind}|${code}`) ?? null;
}

export const SDG_IRI_DESCRIPTION =
  "The UN's linked-data identifier (IRI) of this entity in the SDG Knowledge Organization System (http://metadata.un.org/sdg, UN DESA/UNSD); null where that system (version of May 2020) has none";
