import { readCsv } from "../seed/read-data";

/**
 * The UN's linked-data identifiers of geographic areas by M49 code: http://metadata.un.org/sdg/codes/geoArea/{M49, three
 * digits}, the geoArea code list of the SDG linked data published by UNSD (UNStats/LOD4Stats `sdg-data/sdg-codes.ttl`,
 * 268 areas; data/unsd_sdg_geoarea_iris.csv, see data/SOURCES.md). Only codes that list holds get an IRI: Kosovo (412,
 * no M49 code of the UN list) and the areas added after 2019 have none (null) rather than an identifier the UN never
 * published.
 */
let table: Map<string, string> | null = null;

export function m49Iri(m49: string | null): string | null {
  if (m49 === null) return null;
  if (table === null) table = new Map(readCsv("unsd_sdg_geoarea_iris.csv").map((r) => [r.m49, r.iri]));
  return table.get(m49.padStart(3, "0")) ?? null;
}

export const M49_IRI_DESCRIPTION =
  "The UN's linked-data identifier (IRI) of this economy's M49 area: http://metadata.un.org/sdg/codes/geoArea/{M49}, as published by UNSD in the SDG linked data (geoArea code list); null for an economy that list does not hold (e.g. Kosovo, XKX)";
