import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";

/**
 * The labels of the breakdown codes the ICT-skills, schools and age/location files use (data/ict_dimension_labels.csv),
 * each with whether its code-to-label pairing was confirmed in a primary source and the evidence for it. The file is
 * small reference data shipped with the subgraph: read once, when this module is first imported.
 */
export interface DimensionLabel {
  dimension: string;
  code: string;
  label: string;
  verified: boolean;
  evidence: string;
}

const FILE = path.resolve(__dirname, "../../data/ict_dimension_labels.csv");

export const DIMENSION_LABELS: readonly DimensionLabel[] = (
  parse(readFileSync(FILE, "utf8"), { columns: true, skip_empty_lines: true }) as Array<Record<string, string>>
).map((r) => {
  if (r.verified !== "true" && r.verified !== "false")
    throw new Error(`${FILE}: ${r.dimension} ${r.code}: verified must be true or false`);
  return {
    dimension: r.dimension,
    code: r.code,
    label: r.label,
    verified: r.verified === "true",
    evidence: r.evidence,
  };
});

const labelsOf = (dimension: string): Record<string, string> =>
  Object.fromEntries(DIMENSION_LABELS.filter((l) => l.dimension === dimension).map((l) => [l.code, l.label]));

export const AGE_LABELS = labelsOf("age");
export const LOCATION_LABELS = labelsOf("location");
export const SKILL_LABELS = labelsOf("skill");
export const EDUCATION_LEVEL_LABELS = labelsOf("educationLevel");

/** The label record of a code, or undefined for dimensions described in breakdown.ts (sex, speed). */
export function dimensionLabel(dimension: string, code: string): DimensionLabel | undefined {
  return DIMENSION_LABELS.find((l) => l.dimension === dimension && l.code === code);
}

/**
 * SQL (over `indicator i`): the codes of a dimension that lives in the breakdown key only (type of skill, education
 * level) that the indicator's observations take, as found in the breakdown keys of its datasets (an empty array: the
 * indicator has no breakdown by it). Publications are checked against them: such a dimension has no total, so a row of
 * an indicator broken down by it must name one of these codes.
 */
export function keyDimensionCodesSql(dimension: "skill" | "educationLevel"): string {
  const code = `substring(kk.key from '(?:^|;)${dimension}=([A-Z0-9_]+)')`;
  return `ARRAY(SELECT DISTINCT ${code} FROM indicator_dataset kl, unnest(kl.breakdown_keys) AS kk(key)
                  WHERE kl.indicator_code = i.code AND kk.key ~ '(^|;)${dimension}=' ORDER BY 1)`;
}

/** SQL select-list items (over `observation`): the codes of the key-only dimensions found in breakdown keys. */
export const KEY_DIMENSION_CODES_SQL = `array_agg(DISTINCT substring(breakdown_key from '(?:^|;)skill=([A-Z0-9_]+)') ORDER BY substring(breakdown_key from '(?:^|;)skill=([A-Z0-9_]+)'))
                  FILTER (WHERE breakdown_key ~ '(^|;)skill=') AS skill,
                array_agg(DISTINCT substring(breakdown_key from '(?:^|;)educationLevel=([A-Z0-9_]+)') ORDER BY substring(breakdown_key from '(?:^|;)educationLevel=([A-Z0-9_]+)'))
                  FILTER (WHERE breakdown_key ~ '(^|;)educationLevel=') AS "educationLevel"`;

/**
 * The labels of codes of a dimension: from data/ict_dimension_labels.csv, else from `builtIn` (the sex and speed labels
 * of breakdown.ts, codes that spell out their meaning: verified); a code with neither keeps its code as label, unverified.
 */
export function codeLabels(
  dimension: string,
  codes: readonly string[],
  builtIn: Readonly<Record<string, string>>,
): DimensionLabel[] {
  return codes.map((code) => {
    const known = dimensionLabel(dimension, code);
    if (known) return known;
    return code in builtIn
      ? {
          dimension,
          code,
          label: builtIn[code],
          verified: true,
          evidence: "The UNSD code spells out its meaning (UNSD SDG API codes, as in the shipped files)",
        }
      : { dimension, code, label: code, verified: false, evidence: "No label known for this code" };
  });
}
