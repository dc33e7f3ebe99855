import { ResearchSources, type SourceRow } from "@wsis/shared";
import { UngisRoleKind } from "../ungis/ungis.enums";
import { readCsv } from "./read-data";

/**
 * UNGIS roles and members as the project's research found them (data/ungis_roles.csv, data/ungis_members.csv, copied
 * verbatim; see data/SOURCES.md): each record with its source, the source's words and whether the source is primary.
 */

export interface UngisRoleRow {
  agencyId: string;
  role: UngisRoleKind;
  fromYear: number;
  toYear: number | null;
  verified: boolean;
  quote: string | null;
  note: string | null;
  sourceId: string;
}

/** Names the research files use for bodies whose hub id differs. */
const AGENCY_ALIASES: Readonly<Record<string, string>> = { "UN Women": "UN-Women" };

const ROLES: Readonly<Record<string, UngisRoleKind>> = {
  chair: UngisRoleKind.CHAIR,
  "vice-chair": UngisRoleKind.VICE_CHAIR,
  secretariat: UngisRoleKind.SECRETARIAT,
};

function year(value: string, where: string): number {
  if (!/^\d{4}$/.test(value)) throw new Error(`${where}: ${JSON.stringify(value)} is not a year`);
  return Number(value);
}

function verifiedFlag(value: string, where: string): boolean {
  if (value !== "true" && value !== "false")
    throw new Error(`${where}: verified must be true or false, not ${JSON.stringify(value)}`);
  return value === "true";
}

/** Reads the two files into role rows and their sources; every agency must be one of `agencyIds`. */
export function readUngisRows(agencyIds: ReadonlySet<string>): { roles: UngisRoleRow[]; sources: SourceRow[] } {
  const sources = new ResearchSources(
    "ungis",
    ({ title }) =>
      `${/secondary/i.test(title) ? "Secondary" : "Primary"} source of the UNGIS roles in the project's research (data/ungis_roles.csv, data/ungis_members.csv); read in a stored copy, not fetched by the hub.`,
  );
  const sourceOf = (r: Record<string, string>, where: string) => sources.idOf(r.source_url, r.source_title, where);
  const agency = (name: string, where: string): string => {
    const id = AGENCY_ALIASES[name] ?? name;
    if (!agencyIds.has(id))
      throw new Error(`${where}: unknown agency ${JSON.stringify(name)} (add it to agencies.csv)`);
    return id;
  };

  const roles: UngisRoleRow[] = readCsv("ungis_roles.csv").map((r, i) => {
    const where = `ungis_roles.csv row ${i + 2}`;
    const role = ROLES[r.role];
    if (!role) throw new Error(`${where}: unknown role ${JSON.stringify(r.role)}`);
    const fromYear = year(r.from_year, where);
    const toYear = r.to_year ? year(r.to_year, where) : null;
    if (toYear !== null && toYear < fromYear) throw new Error(`${where}: ends before it starts`);
    return {
      agencyId: agency(r.agency, where),
      role,
      fromYear,
      toYear,
      verified: verifiedFlag(r.verified, where),
      quote: r.quote || null,
      note: r.note || null,
      sourceId: sourceOf(r, where),
    };
  });

  // Members named by a source. Rows that only restate a role (vice-chairs, "member by virtue of role") are the roles
  // above; rows that count the members ("(count)") name no agency.
  for (const [i, r] of readCsv("ungis_members.csv").entries()) {
    const where = `ungis_members.csv row ${i + 2}`;
    if (r.agency.startsWith("(") || /^vice-chair/.test(r.membership_evidence)) continue;
    const asOf = year(r.as_of.slice(0, 4), where);
    roles.push({
      agencyId: agency(r.agency, where),
      role: UngisRoleKind.MEMBER,
      fromYear: asOf,
      toYear: asOf,
      verified: verifiedFlag(r.verified, where),
      quote: r.quote || null,
      note: [`${r.membership_evidence} (${r.as_of})`, r.note].filter(Boolean).join(". "),
      sourceId: sourceOf(r, where),
    });
  }
  const keys = new Set<string>();
  for (const r of roles) {
    const key = [r.agencyId, r.role, r.fromYear, r.sourceId].join("|");
    if (keys.has(key)) throw new Error(`UNGIS data: the role ${key} is listed twice`);
    keys.add(key);
  }
  return { roles, sources: sources.all() };
}
