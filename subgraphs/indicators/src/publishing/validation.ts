import { BREAKDOWN_DIMENSIONS, KEY_DIMENSIONS } from "../observation/breakdown";
import { NATURE_LABELS } from "../observation/nature";

/** The value of a publication must be a plain decimal, as the observation table's CHECK wants it. */
export const DECIMAL_SQL = `'^-?[0-9]+(\\.[0-9]+)?$'`;

/** How many problems an error reports in full (the count of all of them is given too). */
export const MAX_REPORTED_PROBLEMS = 1000;

export const MAX_FOOTNOTE_LENGTH = 1000;

/** The order in which the fields of one row are reported. */
export const FIELD_ORDER = [
  "row",
  "indicator",
  "economy",
  "period",
  ...BREAKDOWN_DIMENSIONS,
  ...KEY_DIMENSIONS,
  "value",
  "unit",
  "nature",
  "footnote",
  "key",
];

interface Check {
  field: string;
  /** Cases of one field: the first that holds gives the message. */
  cases: Array<{ when: string; message: string }>;
}

const json = (sql: string) => `to_json(${sql})::text`;

/**
 * The checks of one row of import_resolved `r` (joined with import_indicator `ii`), as SQL. $1 is the dataset id.
 * Every check runs on every row, and every failing field of every row is reported.
 */
function rowChecks(mode: "upsert" | "withdraw", seriesCodesOnly: boolean): Check[] {
  const checks: Check[] = [
    {
      field: "indicator",
      cases: [
        {
          when: "r.indicator_code IS NULL",
          message: seriesCodesOnly
            ? `format('unknown series %s: give the UNSD series code of one of the hub''s indicators (see Indicator.unsdSeriesCode)', ${json("r.indicator")})`
            : `format('unknown indicator %s: give a hub code, a UNSD series code or a WDI code (see indicators { code })', ${json("r.indicator")})`,
        },
        {
          when: "NOT ii.linked",
          message: `format('dataset %s does not publish indicator %s (see Indicator.datasets)', ${json("$1::text")}, ${json("r.indicator_code")})`,
        },
      ],
    },
    {
      field: "economy",
      cases: [
        {
          when: "r.economy_code IS NULL",
          message: seriesCodesOnly
            ? `format('unknown area %s: REF_AREA must be the M49 number of an economy of the hub', ${json("r.economy_raw")})`
            : `format('unknown economy %s: give an ISO 3166 alpha-3 code or an M49 number (see economies { code m49 })', ${json("r.economy_raw")})`,
        },
      ],
    },
    {
      field: "period",
      cases: [
        {
          when: "r.year IS NULL OR r.year NOT BETWEEN 1900 AND 2100",
          message: `format('%s is not a year between 1900 and 2100 (YYYY; the hub stores annual figures)', ${json("r.period")})`,
        },
      ],
    },
    ...BREAKDOWN_DIMENSIONS.map((d) => ({
      field: d,
      cases: [
        { when: `r.${d} IS NULL`, message: `format('unknown ${d} code %s', ${json(`r.${d}_raw`)})` },
        {
          when: `r.${d} <> '' AND r.indicator_code IS NOT NULL AND NOT (r.${d} = ANY (ii.${d}_codes))`,
          message: `CASE WHEN cardinality(ii.${d}_codes) = 0
                      THEN format('indicator %s has no breakdown by ${d}; %s is not accepted (leave it empty or _T)', r.indicator_code, ${json(`COALESCE(r.${d}_raw, r.${d})`)})
                      ELSE format('%s is not a ${d} code of indicator %s (its codes: %s, or the total)', ${json(`COALESCE(r.${d}_raw, r.${d})`)}, r.indicator_code, array_to_string(ii.${d}_codes, ', '))
                    END`,
        },
      ],
    })),
    ...KEY_DIMENSIONS.map((d) => {
      const column = d === "educationLevel" ? "education_level" : d;
      const given = json(`COALESCE(r.${column}_raw, r.${column})`);
      return {
        field: d,
        cases: [
          { when: `r.${column} IS NULL`, message: `format('unknown ${d} code %s', ${json(`r.${column}_raw`)})` },
          {
            when: `r.${column} <> '' AND r.indicator_code IS NOT NULL AND NOT (r.${column} = ANY (ii.${column}_codes))`,
            message: `CASE WHEN cardinality(ii.${column}_codes) = 0
                        THEN format('indicator %s has no breakdown by ${d}; %s is not accepted', r.indicator_code, ${given})
                        ELSE format('%s is not a ${d} code of indicator %s (its codes: %s)', ${given}, r.indicator_code, array_to_string(ii.${column}_codes, ', '))
                      END`,
          },
          {
            // Type of skill and education level have no total in the data: every figure is for one code.
            when: `r.${column} = '' AND r.indicator_code IS NOT NULL AND cardinality(ii.${column}_codes) > 0`,
            message: `format('indicator %s is broken down by ${d}, which has no total: every row names one of its codes (%s); SDMX-CSV gives it as ${d === "skill" ? "COMPOSITE_BREAKDOWN" : "EDUCATION_LEV"} (the hub''s CSV and publishObservations cannot name it yet)', r.indicator_code, array_to_string(ii.${column}_codes, ', '))`,
          },
        ],
      };
    }),
  ];
  if (mode === "withdraw") {
    checks.push({
      field: "key",
      cases: [
        {
          when: "r.status = 'X' AND r.indicator_code IS NOT NULL AND r.economy_code IS NOT NULL AND r.year IS NOT NULL AND r.breakdown_key IS NOT NULL",
          message: `format('no current observation of %s for %s, %s, breakdown %s in this dataset: nothing to withdraw', r.indicator_code, r.economy_code, r.year, r.breakdown_key)`,
        },
      ],
    });
    return checks;
  }
  const natures = Object.keys(NATURE_LABELS)
    .map((n) => `'${n}'`)
    .join(", ");
  checks.push(
    {
      field: "value",
      cases: [
        { when: "r.num IS NULL AND (r.value IS NULL OR r.value = '')", message: `'the value is missing'` },
        {
          when: "r.num IS NULL",
          message: `format('%s is not a plain decimal number (e.g. 12.5)', ${json("r.value")})`,
        },
        {
          when: "r.num < ii.vmin",
          message: `format('%s is below %s, the least value of %s (%s; quality rule %s)', r.value, ii.vmin, r.indicator_code, ii.unit, ii.range_rule)`,
        },
        {
          when: "r.num > ii.vmax",
          message: `format('%s is above %s, the greatest value of %s (%s; quality rule %s)', r.value, ii.vmax, r.indicator_code, ii.unit, ii.range_rule)`,
        },
      ],
    },
    {
      field: "unit",
      cases: [
        {
          when: "r.unit IS NULL",
          message: `format('unknown unit code %s (PT or PERCENT, PER_100_POP)', ${json("r.unit_raw")})`,
        },
        {
          when: "r.unit <> '' AND r.indicator_code IS NOT NULL AND r.unit IS DISTINCT FROM ii.unit_code",
          message: `format('indicator %s is measured in %s (unit code %s), not %s', r.indicator_code, ii.unit, COALESCE(ii.unit_code, 'none'), ${json("COALESCE(r.unit_raw, r.unit)")})`,
        },
      ],
    },
    {
      field: "nature",
      cases: [
        {
          when: `r.nature IS NOT NULL AND r.nature NOT IN (${natures})`,
          message: `format('unknown nature code %s (the UNSD codes: ${Object.keys(NATURE_LABELS).join(", ")})', ${json("r.nature")})`,
        },
      ],
    },
    {
      field: "footnote",
      cases: [
        {
          when: `length(r.footnote) > ${MAX_FOOTNOTE_LENGTH}`,
          message: `format('the footnote has %s characters; at most ${MAX_FOOTNOTE_LENGTH}', length(r.footnote))`,
        },
      ],
    },
  );
  return checks;
}

/**
 * One statement that finds every problem of the staged rows, set-based: a cheap filter first (any case of any check),
 * then one line per failing field of those rows, the problems the format found while reading, and (`duplicatesSql`,
 * when a first check found some) the rows that repeat the key of an earlier row. Returns the total count, the count of rows, and the first problems in row order.
 * $1: dataset id, $2: how many problems to return in full.
 */
export function problemsSql(
  mode: "upsert" | "withdraw",
  seriesCodesOnly: boolean,
  duplicatesSql: string | null,
): string {
  const checks = rowChecks(mode, seriesCodesOnly);
  const any = checks.flatMap((c) => c.cases.map((k) => `(${k.when})`)).join("\n       OR ");
  const values = checks
    .map(
      (c) =>
        // A field the input already faulted (a period and a year that disagree) is not checked again.
        `(${FIELD_ORDER.indexOf(c.field)}, '${c.field}', CASE WHEN COALESCE(r.problems @> '[{"field": "${c.field}"}]', false) THEN NULL ${c.cases
          .map((k) => `WHEN ${k.when} THEN ${k.message}`)
          .join(" ")} END)`,
    )
    .join(",\n          ");
  return `WITH problems AS MATERIALIZED (
      SELECT r.ord, r.line, c.pos, c.field, c.message
        FROM import_resolved r
        LEFT JOIN import_indicator ii ON ii.code = r.indicator_code
       CROSS JOIN LATERAL (VALUES
          ${values}
       ) AS c(pos, field, message)
       WHERE NOT r.broken AND (${any}) AND c.message IS NOT NULL
      UNION ALL
      SELECT r.ord, r.line, 0, p->>'field', p->>'message'
        FROM import_resolved r CROSS JOIN LATERAL jsonb_array_elements(r.problems) AS p
       WHERE r.problems IS NOT NULL
${
  duplicatesSql === null
    ? ""
    : `      UNION ALL
      SELECT d.ord, d.line, ${FIELD_ORDER.indexOf("key")}, 'key',
             format('the same observation (indicator, economy, period and breakdown) as %s', CASE WHEN d.first_line IS NULL THEN 'index ' || d.first_ord ELSE 'line ' || d.first_line END)
        FROM (${duplicatesSql}) d`
}
    )
    SELECT (SELECT count(*)::int FROM problems) AS total,
           (SELECT count(DISTINCT ord)::int FROM problems) AS rows,
           (SELECT COALESCE(json_agg(p ORDER BY p.ord, p.pos, p.field), '[]') FROM (SELECT ord, line, field, message, pos FROM problems ORDER BY ord, pos, field LIMIT $2) p) AS first`;
}
