import { registerEnumType } from "type-graphql";

/**
 * The quality rules a statistical registry runs on every release, run here when the hub is seeded and at every
 * publication. HARD rules describe values that cannot be right (a share above 100%): a publication that breaks one is
 * refused, every row named and nothing written. SOFT rules describe values worth a second look (a total outside its
 * breakdown, a jump, two sources that disagree): a publication that breaks one is published, with warnings. Seeded
 * values that break a rule stay as the source published them; they carry the rule as a flag (Observation.qualityFlags,
 * Dataset.qualityReport).
 */
export enum QualityRule {
  PERCENT_OUT_OF_RANGE = "PERCENT_OUT_OF_RANGE",
  NEGATIVE_VALUE = "NEGATIVE_VALUE",
  TOTAL_OUTSIDE_BREAKDOWN = "TOTAL_OUTSIDE_BREAKDOWN",
  YEAR_ON_YEAR_JUMP = "YEAR_ON_YEAR_JUMP",
  DATASETS_DISAGREE = "DATASETS_DISAGREE",
}

export enum QualitySeverity {
  HARD = "HARD",
  SOFT = "SOFT",
}

registerEnumType(QualityRule, {
  name: "QualityRule",
  description:
    "A data-quality rule the hub checks at seed and at every publication (see QualityRuleReport.description)",
});
registerEnumType(QualitySeverity, {
  name: "QualitySeverity",
  description:
    "HARD: a publication that breaks the rule is refused; SOFT: it is published, with a warning. Seeded values are flagged either way.",
});

/** A total may lie this far outside the span of its female and male values (rounding and survey coverage). */
export const TOTAL_TOLERANCE = 0.5;

/** Two datasets disagree when their values of the same observation differ by more than this (points or per 100). */
export const DISAGREEMENT_TOLERANCE = 1;

/**
 * The year-on-year change beyond which a value is flagged, per indicator, in the indicator's unit (percentage points
 * or subscriptions per 100 inhabitants). Set from the shipped series so that a flag is rare (well under 1% of the
 * year pairs, except where network roll-outs make large jumps real): see data/SOURCES.md for the counts.
 */
export const JUMP_THRESHOLDS: Readonly<Record<string, number>> = {
  internet_users_pct: 20,
  mobile_phone_ownership_pct: 20,
  fixed_broadband_per100: 10,
  mobile_cellular_per100: 50,
  mobile_network_2g_pct: 30,
  mobile_network_3g_pct: 50,
  mobile_network_4g_pct: 50,
  ict_skills_pct: 30,
  ict_skills_gender_parity_index: 0.5,
  schools_computers_pct: 30,
  schools_internet_pct: 30,
  fixed_telephone_per100: 10,
  personal_computers_per100: 10,
  // Counts (unit "number"): the threshold is relative, a change of more than this many times the previous value (or
  // than this many times RELATIVE_JUMP_FLOOR, for a small count: a network of 4 subscriptions that reaches 31 is news
  // for nobody).
  mobile_cellular_total: 3,
  fixed_broadband_total: 5,
  personal_computers_total: 2,
};

/** Indicators of this unit (counts) have relative thresholds: a multiple of the previous value, a share of the larger value. */
export const RELATIVE_JUMP_UNIT = "number";

/** A count's jump is measured against its previous value, or this, whichever is larger. */
export const RELATIVE_JUMP_FLOOR = 10000;

/** Two datasets' counts disagree when they differ by more than this share of the larger (and by more than DISAGREEMENT_TOLERANCE). */
export const RELATIVE_DISAGREEMENT = 0.01;

/** The threshold of an indicator the table above does not list: by its unit. */
export const DEFAULT_JUMP_THRESHOLD = 25;

export const QUALITY_RULES: Readonly<Record<QualityRule, { severity: QualitySeverity; description: string }>> = {
  [QualityRule.PERCENT_OUT_OF_RANGE]: {
    severity: QualitySeverity.HARD,
    description:
      "A percentage (a share of the population or of individuals, the population covered by a network, a share of schools) lies within 0–100.",
  },
  [QualityRule.NEGATIVE_VALUE]: {
    severity: QualitySeverity.HARD,
    description:
      "A count (per 100 inhabitants, or a number) or a ratio is not negative (a count per 100 inhabitants may exceed 100).",
  },
  [QualityRule.TOTAL_OUTSIDE_BREAKDOWN]: {
    severity: QualitySeverity.SOFT,
    description: `The total of a dataset, economy and year lies within its female and male values, give or take ${TOTAL_TOLERANCE} (checked where both are published).`,
  },
  [QualityRule.YEAR_ON_YEAR_JUMP]: {
    severity: QualitySeverity.SOFT,
    description:
      `The change from the previous year of the same series (dataset, economy, breakdown) stays within the indicator's threshold ` +
      `(in its unit; for counts, a multiple of the previous value or of ${RELATIVE_JUMP_FLOOR}, whichever is larger): ` +
      `${Object.entries(JUMP_THRESHOLDS)
        .map(([code, t]) => `${code} ${t}`)
        .join(", ")}; ${DEFAULT_JUMP_THRESHOLD} for other indicators.`,
  },
  [QualityRule.DATASETS_DISAGREE]: {
    severity: QualitySeverity.SOFT,
    description:
      `Another dataset that publishes the indicator has the same economy, year and breakdown within ${DISAGREEMENT_TOLERANCE} of this value ` +
      `(counts: within ${RELATIVE_DISAGREEMENT * 100}% of the larger value).`,
  },
};

export const SOFT_RULES: readonly QualityRule[] = Object.values(QualityRule).filter(
  (r) => QUALITY_RULES[r].severity === QualitySeverity.SOFT,
);
