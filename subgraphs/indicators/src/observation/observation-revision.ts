import { loaderGroupedByKey } from "@wsis/shared";
import { Field, Int, ObjectType } from "type-graphql";
import type { DataSource } from "typeorm";
import type { Observation } from "./observation.entity";
import { decodeVersionKey, keyArrays, observationId } from "./observation.rows";

@ObjectType({
  description:
    "An earlier version of an observation: the value it had from one release (`release`) until the release that replaced or withdrew it (`replacedInRelease`)",
})
export class ObservationRevision {
  @Field({ description: "The value exactly as it was published" })
  valueText: string;

  @Field(() => String, { nullable: true })
  nature: string | null;

  @Field(() => String, { nullable: true })
  footnote: string | null;

  @Field(() => String, { nullable: true })
  unitCode: string | null;

  @Field(() => Int, { description: "The release that published this version" })
  release: number;

  @Field(() => Int, { description: "The release that replaced it (or withdrew the observation)" })
  replacedInRelease: number;

  @Field({ description: "True when it was withdrawn rather than replaced by another value" })
  withdrawn: boolean;

  datasetId: string;
  sourceId: string;
}

interface RevisionRow {
  key: string;
  value_text: string;
  nature: string | null;
  footnote: string | null;
  unit_code: string | null;
  valid_from_release: number;
  valid_to_release: number;
  withdrawn: boolean;
  dataset_id: string;
  source_id: string;
}

/** The loader key of the revisions of one observation version: its id and the release it was published in. */
export const revisionsKey = (o: Observation): string => `${observationId(o)}@${o.release}`;

export const revisionLoaders = (ds: DataSource) => ({
  /**
   * The versions an observation replaced, newest first: for a current value its whole history; for a version read
   * pinned to a release, the versions before it. One statement for any number of observations.
   */
  revisionsByObservation: loaderGroupedByKey(
    async (keys: readonly string[]): Promise<Array<ObservationRevision & { key: string }>> => {
      const parsed = keys.map(decodeVersionKey);
      const rows: RevisionRow[] = await ds.query(
        `SELECT k.key, r.value_text, r.nature, r.footnote, r.unit_code, r.valid_from_release, r.valid_to_release, r.withdrawn,
                r.dataset_id, r.source_id
           FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::int[])
                AS k(key, indicator_code, dataset_id, economy_code, year, breakdown_key, release)
           JOIN observation_revision r USING (indicator_code, dataset_id, economy_code, year, breakdown_key)
          WHERE r.valid_to_release <= k.release
          ORDER BY k.key, r.valid_from_release DESC`,
        [[...keys], ...keyArrays(parsed.map((p) => p.observation)), parsed.map((p) => p.release)],
      );
      return rows.map((r) =>
        Object.assign(new ObservationRevision(), {
          key: r.key,
          valueText: r.value_text,
          nature: r.nature,
          footnote: r.footnote,
          unitCode: r.unit_code,
          release: r.valid_from_release,
          replacedInRelease: r.valid_to_release,
          withdrawn: r.withdrawn,
          datasetId: r.dataset_id,
          sourceId: r.source_id,
        }),
      );
    },
    (row) => row.key,
  ),
});
