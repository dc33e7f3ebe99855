import { EconomyKind } from "../economy/economy.entity";
import { readCsv } from "./read-data";
import { SOURCES } from "./sources";

export interface EconomyRow {
  code: string;
  m49: string;
  iso2: string | null;
  iso3: string | null;
  name: string;
  kind: EconomyKind;
  region: string | null;
  subRegion: string | null;
  intermediateRegion: string | null;
  membershipKnown: boolean;
  membershipSourceId: string | null;
  membershipNote: string | null;
  sourceId: string;
}

export interface MemberRow {
  aggregateCode: string;
  memberCode: string;
  sourceId: string;
}

/**
 * Countries and areas outside ISO 3166-1 that the observation files use. Kosovo (M49 412 in the UNSD files, "kos" in
 * the Gapminder files) has no ISO 3166-1 code; the hub keys it XKX, the World Bank's code, under which the population
 * file lists it.
 */
export const NON_ISO_COUNTRIES = [{ code: "XKX", m49: "412", iso2: null, gapminderId: "kos" }] as const;

const pad = (m49: string) => m49.padStart(3, "0");

/** A UNSD area name or a Gapminder label reduced to a comparable slug ("Sub-Saharan Africa" ~ "un_sub_saharan_africa"). */
const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/^un_/, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");

/** The economies, the members of each aggregate, and the lookups that map the files' area codes to economies. */
export interface Geography {
  economies: EconomyRow[];
  members: MemberRow[];
  /** zero-padded M49 → economy code */
  byM49: Map<string, string>;
  /** Gapminder id → economy code */
  byGapminderId: Map<string, string>;
}

/**
 * Builds the economies from the geo files: every ISO 3166-1 country, Kosovo, the M49 geographic regions of the ISO
 * file, and every aggregate that the UNSD observation files use (`usedM49`, zero-padded), named as in the UNSD area
 * file. Membership only where a file gives it (see data/SOURCES.md).
 */
export function readGeography(usedM49: ReadonlySet<string>): Geography {
  const iso = readCsv("iso3166_m49_all.csv");
  const unsdNames = new Map(readCsv("unsd_sdg_geo_areas_m49.csv").map((r) => [pad(r.geo_area), r.name]));
  const gapminder = readCsv("gapminder_geo_country.csv");

  const economies = new Map<string, EconomyRow>();
  const members: MemberRow[] = [];
  const memberKeys = new Set<string>();
  const addMember = (aggregateCode: string, memberCode: string, sourceId: string) => {
    const key = `${aggregateCode}|${memberCode}`;
    if (memberKeys.has(key)) return;
    memberKeys.add(key);
    members.push({ aggregateCode, memberCode, sourceId });
  };

  // Countries of ISO 3166-1, with their M49 regions.
  for (const r of iso) {
    economies.set(r["alpha-3"], {
      code: r["alpha-3"],
      m49: r["country-code"],
      iso2: r["alpha-2"] || null,
      iso3: r["alpha-3"],
      name: r.name,
      kind: EconomyKind.COUNTRY,
      region: r.region || null,
      subRegion: r["sub-region"] || null,
      intermediateRegion: r["intermediate-region"] || null,
      membershipKnown: false,
      membershipSourceId: null,
      membershipNote: null,
      sourceId: SOURCES.iso.id,
    });
  }
  for (const extra of NON_ISO_COUNTRIES) {
    const name = unsdNames.get(extra.m49);
    if (!name) throw new Error(`M49 ${extra.m49} (${extra.code}) is not in unsd_sdg_geo_areas_m49.csv`);
    economies.set(extra.code, {
      code: extra.code,
      m49: extra.m49,
      iso2: extra.iso2,
      iso3: null,
      name,
      kind: EconomyKind.COUNTRY,
      region: null,
      subRegion: null,
      intermediateRegion: null,
      membershipKnown: false,
      membershipSourceId: null,
      membershipNote: null,
      sourceId: SOURCES.unsdAreas.id,
    });
  }
  const countries = [...economies.values()];
  const byM49 = new Map(countries.map((c) => [c.m49, c.code]));

  // Aggregates.
  const aggregate = (
    m49: string,
    fallbackName: string | null,
    parents: { region?: string | null; subRegion?: string | null } = {},
  ): EconomyRow => {
    const code = pad(m49);
    const existing = economies.get(code);
    if (existing) return existing;
    if (byM49.has(code)) throw new Error(`M49 ${code} is both a country and an aggregate`);
    const name = unsdNames.get(code) ?? fallbackName;
    if (!name) throw new Error(`M49 aggregate ${code} has no name in the geo files`);
    const row: EconomyRow = {
      code,
      m49: code,
      iso2: null,
      iso3: null,
      name,
      kind: EconomyKind.AGGREGATE,
      region: parents.region ?? null,
      subRegion: parents.subRegion ?? null,
      intermediateRegion: null,
      membershipKnown: false,
      membershipSourceId: null,
      membershipNote: "No file shipped with the hub lists the members of this group",
      sourceId: unsdNames.has(code) ? SOURCES.unsdAreas.id : SOURCES.iso.id,
    };
    economies.set(code, row);
    byM49.set(code, code);
    return row;
  };
  const known = (row: EconomyRow, sourceId: string, note: string) => {
    row.membershipKnown = true;
    row.membershipSourceId = sourceId;
    row.membershipNote = note;
  };

  // World: every country or area.
  const world = aggregate("001", null);
  known(
    world,
    SOURCES.world.id,
    "UN M49: World comprises every country or area; the hub lists every country or area it knows",
  );
  for (const c of countries) addMember(world.code, c.code, SOURCES.world.id);

  // M49 geographic regions, sub-regions and intermediate regions, from the ISO file's columns.
  const geographicNote =
    "M49 geographic grouping: members from the region columns of ISO-3166-Countries-with-Regional-Codes";
  for (const r of iso) {
    const levels: Array<[string, string, { region?: string | null; subRegion?: string | null }]> = [
      [r["region-code"], r.region, {}],
      [r["sub-region-code"], r["sub-region"], { region: r.region }],
      [r["intermediate-region-code"], r["intermediate-region"], { region: r.region, subRegion: r["sub-region"] }],
    ];
    for (const [m49, name, parents] of levels) {
      if (!m49) continue;
      const row = aggregate(m49, name, parents);
      known(row, SOURCES.iso.id, geographicNote);
      addMember(row.code, r["alpha-3"], SOURCES.iso.id);
    }
  }
  const geographic = new Set(members.filter((m) => m.sourceId === SOURCES.iso.id).map((m) => m.aggregateCode));

  // Gapminder ids → economies (for the Gapminder observation files and the SDG-region / LDC columns).
  const byGapminderId = new Map<string, string>();
  for (const g of gapminder) {
    const iso3 = g.iso3166_1_alpha3 || (economies.has(g.country.toUpperCase()) ? g.country.toUpperCase() : "");
    if (iso3 && economies.has(iso3)) byGapminderId.set(g.country, iso3);
  }
  for (const extra of NON_ISO_COUNTRIES) byGapminderId.set(extra.gapminderId, extra.code);

  // SDG regions that are not M49 geographic groupings, from Gapminder's un_sdg_region column.
  const bySlug = new Map<string, string>();
  for (const [m49, name] of unsdNames) {
    const s = slug(name);
    if (bySlug.has(s) && bySlug.get(s) !== m49) bySlug.set(s, "ambiguous");
    else bySlug.set(s, m49);
  }
  const sdgNote = "SDG regional grouping: members from the un_sdg_region column of the Gapminder country list";
  for (const g of gapminder) {
    const member = byGapminderId.get(g.country);
    if (!g.un_sdg_region || !member) continue;
    const m49 = bySlug.get(slug(g.un_sdg_region));
    if (!m49 || m49 === "ambiguous")
      throw new Error(`Gapminder SDG region ${g.un_sdg_region} matches no single UNSD area`);
    if (geographic.has(m49)) continue; // an M49 geographic grouping: its members come from the ISO file
    const row = aggregate(m49, null);
    known(row, SOURCES.gapminderGeo.id, sdgNote);
    addMember(row.code, member, SOURCES.gapminderGeo.id);
  }

  // Least Developed Countries, from Gapminder's un_sdg_ldc column.
  const ldc = aggregate("199", null);
  known(
    ldc,
    SOURCES.gapminderGeo.id,
    "Members from the un_sdg_ldc column of the Gapminder country list (version of 2024-01)",
  );
  for (const g of gapminder) {
    const member = byGapminderId.get(g.country);
    if (g.un_sdg_ldc === "un_least_developed" && member) addMember(ldc.code, member, SOURCES.gapminderGeo.id);
  }

  // Any other aggregate an observation file uses: named as in the UNSD area file, membership unknown. A code without a
  // name there stays unmapped, and the seed reports its rows.
  for (const m49 of usedM49) if (!byM49.has(m49) && unsdNames.has(m49)) aggregate(m49, null);

  return { economies: [...economies.values()], members, byM49, byGapminderId };
}
