import type { QueryRunner } from "typeorm";
import { versionColumns } from "../observation/observation.rows";
import { loadPartition } from "./partition";
import type { Counts, PublicationMode } from "./publication.types";
import { KEY_JOIN, NEW_ROWS_SELECT } from "./resolve.sql";

export async function countStatuses(q: QueryRunner): Promise<Counts> {
  const rows: Array<{ status: string; n: number }> = await q.query(
    `SELECT status, count(*)::int AS n FROM import_resolved GROUP BY status`,
  );
  const n = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return { inserted: n("I"), revised: n("R"), unchanged: n("U"), withdrawn: n("W") };
}

/** Applies the resolved rows as release $2 (source $3) of dataset $1, set-based. */
export async function apply(
  q: QueryRunner,
  mode: PublicationMode,
  datasetId: string,
  release: number,
  sourceId: string,
  partition: string | null,
  step: (name: string) => void,
): Promise<"bulk" | "rows"> {
  const params = [datasetId, release, sourceId];
  if (partition !== null) {
    await loadPartition(q, partition, datasetId, release, sourceId, step);
    return "bulk";
  }
  if (mode === "withdraw") {
    await q.query(
      `INSERT INTO observation_revision (${versionColumns()}, valid_from_release, valid_to_release, withdrawn)
       SELECT ${versionColumns("o")}, o.release, $2, true
         FROM observation o JOIN import_resolved r ON r.status = 'W' AND ${KEY_JOIN("o", "r")}`,
      [datasetId, release],
    );
    await q.query(`DELETE FROM observation o USING import_resolved r WHERE r.status = 'W' AND ${KEY_JOIN("o", "r")}`, [
      datasetId,
    ]);
    return "rows";
  }
  // The versions being replaced become revisions, valid until this release.
  await q.query(
    `INSERT INTO observation_revision (${versionColumns()}, valid_from_release, valid_to_release, withdrawn)
     SELECT ${versionColumns("o")}, o.release, $2, false
       FROM observation o JOIN import_resolved r ON r.status = 'R' AND ${KEY_JOIN("o", "r")}`,
    [datasetId, release],
  );
  await q.query(
    `UPDATE observation o
        SET value = r.num, value_text = r.value, nature = r.nature, footnote = r.footnote,
            source_area_code = r.economy_raw, source_id = $3, release = $2
       FROM import_resolved r
      WHERE r.status = 'R' AND ${KEY_JOIN("o", "r")}`,
    params,
  );
  await q.query(`INSERT INTO observation (${versionColumns()}, release) ${NEW_ROWS_SELECT}`, params);
  return "rows";
}

/** The observations a bounded publication changed, before and after, for the audit trail. */
export async function changedObservations(q: QueryRunner, datasetId: string, release: number) {
  const rows: Array<{
    id: string;
    status: string;
    before_value: string | null;
    before_nature: string | null;
    before_footnote: string | null;
    before_release: number | null;
    value: string | null;
    nature: string | null;
    footnote: string | null;
  }> = await q.query(
    `SELECT concat_ws('|', r.indicator_code, $1::text, r.economy_code, r.year, r.breakdown_key) AS id, r.status,
            v.value_text AS before_value, v.nature AS before_nature, v.footnote AS before_footnote, v.valid_from_release AS before_release,
            r.value, r.nature, r.footnote
       FROM import_resolved r
       LEFT JOIN observation_revision v ON ${KEY_JOIN("v", "r")} AND v.valid_to_release = $2
      WHERE r.status IN ('I', 'R', 'W')
      ORDER BY r.ord`,
    [datasetId, release],
  );
  return rows.map((r) => ({
    id: r.id,
    before:
      r.status === "I"
        ? null
        : {
            valueText: r.before_value,
            nature: r.before_nature,
            footnote: r.before_footnote,
            release: r.before_release,
          },
    after: r.status === "W" ? null : { valueText: r.value, nature: r.nature, footnote: r.footnote, release },
  }));
}
