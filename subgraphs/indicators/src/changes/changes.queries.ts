import type { DataSource } from "typeorm";
import { observationFromRow, observationSelect, type ObservationRow } from "../observation/observation.rows";
import { ObservationChange, ObservationChangeKind, type ChangeCursor } from "./changes.types";

/**
 * The changes made by the releases published after `since` (of one dataset, or all), in publication order: each
 * version a release published (an insertion or a revision, told apart by the revision it replaced) and each
 * observation it withdrew. Releases come from dataset_release (published_at, id); their versions from the
 * observation and observation_revision indexes on (dataset, release). One statement a page.
 */
export async function readChanges(
  ds: DataSource,
  args: { since: Date; datasetId: string | null; after: ChangeCursor | null; limit: number },
): Promise<ObservationChange[]> {
  const params: unknown[] = [args.since, args.datasetId, args.after?.releaseId ?? "0"];
  let keyset = "";
  if (args.after) {
    params.push(args.after.indicator, args.after.economy, args.after.year, args.after.breakdownKey);
    keyset = `WHERE (ev.rel_id, ev.indicator_code, ev.economy_code, ev.year, ev.breakdown_key) > ($3::bigint, $4, $5, $6::int, $7)`;
  }
  params.push(args.limit);
  const rows: Array<
    ObservationRow & {
      rel_id: string;
      event: string;
      event_release: number;
      previous_value_text: string | null;
      revised: boolean;
    }
  > = await ds.query(
    `WITH rel AS (
         SELECT r.id, r.dataset_id, r.number FROM dataset_release r
          WHERE r.published_at > $1 AND ($2::text IS NULL OR r.dataset_id = $2) AND r.id >= $3::bigint
       ), ev AS (
         SELECT rel.id AS rel_id, 'V' AS event, rel.number AS event_release, ${observationSelect("o")}
           FROM rel JOIN observation o ON o.dataset_id = rel.dataset_id AND o.release = rel.number
         UNION ALL
         SELECT rel.id, 'V', rel.number, ${observationSelect("v", "v.valid_from_release")}
           FROM rel JOIN observation_revision v ON v.dataset_id = rel.dataset_id AND v.valid_from_release = rel.number
         UNION ALL
         SELECT rel.id, 'W', rel.number, ${observationSelect("v", "v.valid_from_release")}
           FROM rel JOIN observation_revision v ON v.dataset_id = rel.dataset_id AND v.valid_to_release = rel.number AND v.withdrawn
       ), page AS (
         SELECT * FROM ev ${keyset}
          ORDER BY ev.rel_id, ev.indicator_code, ev.economy_code, ev.year, ev.breakdown_key
          LIMIT $${params.length}
       )
       SELECT page.*, p.value_text AS previous_value_text, p.indicator_code IS NOT NULL AS revised
         FROM page
         LEFT JOIN observation_revision p
           ON page.event = 'V' AND p.indicator_code = page.indicator_code AND p.dataset_id = page.dataset_id
          AND p.economy_code = page.economy_code AND p.year = page.year AND p.breakdown_key = page.breakdown_key
          AND p.valid_to_release = page.event_release AND NOT p.withdrawn
        ORDER BY page.rel_id, page.indicator_code, page.economy_code, page.year, page.breakdown_key`,
    params,
  );
  return rows.map((row) =>
    Object.assign(new ObservationChange(), {
      kind:
        row.event === "W"
          ? ObservationChangeKind.WITHDRAWN
          : row.revised
            ? ObservationChangeKind.REVISED
            : ObservationChangeKind.INSERTED,
      releaseNumber: row.event_release,
      observation: observationFromRow(row),
      previousValueText: row.previous_value_text,
      datasetId: row.dataset_id,
      releaseId: row.rel_id,
    }),
  );
}

/** How many changes the releases published after `since` made (of one dataset, or all): every page of `readChanges`. */
export async function countChanges(ds: DataSource, since: Date, datasetId: string | null): Promise<number> {
  const rows: Array<{ n: number }> = await ds.query(
    `WITH rel AS (
       SELECT r.dataset_id, r.number FROM dataset_release r WHERE r.published_at > $1 AND ($2::text IS NULL OR r.dataset_id = $2)
     )
     SELECT ((SELECT count(*) FROM rel JOIN observation o ON o.dataset_id = rel.dataset_id AND o.release = rel.number)
           + (SELECT count(*) FROM rel JOIN observation_revision v ON v.dataset_id = rel.dataset_id AND v.valid_from_release = rel.number)
           + (SELECT count(*) FROM rel JOIN observation_revision v
                ON v.dataset_id = rel.dataset_id AND v.valid_to_release = rel.number AND v.withdrawn))::int AS n`,
    [since, datasetId],
  );
  return rows[0].n;
}

/** The set-based reads of `changes`: a page, and the count of every page. */
export class ChangeQueries {
  constructor(private readonly ds: DataSource) {}

  page(args: {
    since: Date;
    datasetId: string | null;
    after: ChangeCursor | null;
    limit: number;
  }): Promise<ObservationChange[]> {
    return readChanges(this.ds, args);
  }

  count(since: Date, datasetId: string | null): Promise<number> {
    return countChanges(this.ds, since, datasetId);
  }
}
