import { cursorCodec } from "@wsis/shared";
import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import type { DataSource } from "typeorm";
import { Observation } from "../observation/observation.entity";
import { observationFromRow, type ObservationRow } from "../observation/observation.rows";

export enum ObservationChangeKind {
  INSERTED = "INSERTED",
  REVISED = "REVISED",
  WITHDRAWN = "WITHDRAWN",
}
registerEnumType(ObservationChangeKind, {
  name: "ObservationChangeKind",
  description: "INSERTED: a new observation; REVISED: a new value replacing the previous one; WITHDRAWN: the observation was withdrawn",
});

@ObjectType({ description: "One change of one observation, made by one release" })
export class ObservationChange {
  @Field(() => ObservationChangeKind)
  kind: ObservationChangeKind;

  @Field(() => Int, { description: "The release of the dataset that made the change (see `release` for when and by whom)" })
  releaseNumber: number;

  @Field(() => Observation, {
    description: "The value the release published (INSERTED, REVISED), or the value it withdrew (WITHDRAWN)",
  })
  observation: Observation;

  @Field(() => String, { nullable: true, description: "For REVISED: the value replaced" })
  previousValueText: string | null;

  datasetId: string;
}

@ObjectType()
export class ObservationChangeEdge {
  @Field({ description: "Opaque cursor; pass it as `after` to continue" })
  cursor: string;

  @Field(() => ObservationChange)
  node: ObservationChange;
}

@ObjectType()
export class ObservationChangePageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType({ description: "A page of changes, in the order they were published (release by release, then by observation key)" })
export class ObservationChangeConnection {
  @Field(() => [ObservationChangeEdge])
  edges: ObservationChangeEdge[];

  @Field(() => ObservationChangePageInfo)
  pageInfo: ObservationChangePageInfo;
}

export const CHANGES_PAGE = { max: 1000, default: 100 } as const;

/** Where a page of changes ends: the release (its global id) and the observation key. */
export interface ChangeCursor {
  releaseId: string;
  indicator: string;
  economy: string;
  year: number;
  breakdownKey: string;
}

/** The cursor of a page of changes: the release (its global id) and the observation key it ended at (checked on the way in). */
const changeCursor = cursorCodec("c1", [
  { kind: "bigint" },
  { kind: "text", max: 64 },
  { kind: "text", max: 16 },
  { kind: "int" },
  { kind: "text", max: 200 },
] as const);

export function encodeChangeCursor(c: ChangeCursor): string {
  return changeCursor.encode([c.releaseId, c.indicator, c.economy, c.year, c.breakdownKey]);
}

export function decodeChangeCursor(cursor: string): ChangeCursor {
  const [releaseId, indicator, economy, year, breakdownKey] = changeCursor.decode(cursor, "after", "pass an endCursor of changes");
  return { releaseId, indicator, economy, year, breakdownKey };
}

const VERSION = (t: string, release: string) => `${t}.indicator_code, ${t}.dataset_id, ${t}.economy_code, ${t}.year, ${t}.breakdown_key, ${t}.sex, ${t}.age,
  ${t}.speed, ${t}.location, ${t}.value::text AS value, ${t}.value_text, ${t}.unit_code, ${t}.nature, ${t}.footnote, ${t}.source_area_code,
  ${t}.source_id, ${release} AS release`;

/**
 * The changes made by the releases published after `since` (of one dataset, or all), in publication order: each
 * version a release published (an insertion or a revision, told apart by the revision it replaced) and each
 * observation it withdrew. Releases come from dataset_release (published_at, id); their versions from the
 * observation and observation_revision indexes on (dataset, release). One statement a page.
 */
export async function readChanges(
  ds: DataSource,
  args: { since: Date; datasetId: string | null; first: number; after: ChangeCursor | null },
): Promise<{ rows: Array<{ change: ObservationChange; cursor: ChangeCursor }>; hasNextPage: boolean }> {
  const params: unknown[] = [args.since, args.datasetId, args.after?.releaseId ?? "0"];
  let keyset = "";
  if (args.after) {
    params.push(args.after.indicator, args.after.economy, args.after.year, args.after.breakdownKey);
    keyset = `WHERE (ev.rel_id, ev.indicator_code, ev.economy_code, ev.year, ev.breakdown_key) > ($3::bigint, $4, $5, $6::int, $7)`;
  }
  params.push(args.first + 1);
  const rows: Array<ObservationRow & { rel_id: string; event: string; event_release: number; previous_value_text: string | null; revised: boolean }> =
    await ds.query(
      `WITH rel AS (
         SELECT r.id, r.dataset_id, r.number FROM dataset_release r
          WHERE r.published_at > $1 AND ($2::text IS NULL OR r.dataset_id = $2) AND r.id >= $3::bigint
       ), ev AS (
         SELECT rel.id AS rel_id, 'V' AS event, rel.number AS event_release, ${VERSION("o", "o.release")}
           FROM rel JOIN observation o ON o.dataset_id = rel.dataset_id AND o.release = rel.number
         UNION ALL
         SELECT rel.id, 'V', rel.number, ${VERSION("v", "v.valid_from_release")}
           FROM rel JOIN observation_revision v ON v.dataset_id = rel.dataset_id AND v.valid_from_release = rel.number
         UNION ALL
         SELECT rel.id, 'W', rel.number, ${VERSION("v", "v.valid_from_release")}
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
  const mapped = rows.slice(0, args.first).map((row) => {
    const change = Object.assign(new ObservationChange(), {
      kind: row.event === "W" ? ObservationChangeKind.WITHDRAWN : row.revised ? ObservationChangeKind.REVISED : ObservationChangeKind.INSERTED,
      releaseNumber: row.event_release,
      observation: observationFromRow(row),
      previousValueText: row.previous_value_text,
      datasetId: row.dataset_id,
    });
    const cursor = { releaseId: row.rel_id, indicator: row.indicator_code, economy: row.economy_code, year: row.year, breakdownKey: row.breakdown_key };
    return { change, cursor };
  });
  return { rows: mapped, hasNextPage: rows.length > args.first };
}
