import { subgraphForThisFile } from "@wsis/shared/testing";
import { indicatorsModule } from "../src/module";
import { asCaller } from "./helpers";

// What the publishing tests share (publishing*.integration.test.ts): the operations, the shapes they answer, and a
// subgraph started for the test file with the helpers that publish and read through it.

export const UNSD = "unsd-sdg-2023-12";

export const PUBLISH = `mutation($input: PublishObservationsInput!) {
  publishObservations(input: $input) {
    datasetId releaseNumber rowsRead inserted revised unchanged withdrawn rejected replayed
    release { number operation publishedAt publishedBy { agencyId subject agency { id } } inserted revised unchanged }
  }
}`;

export const WITHDRAW = `mutation($input: WithdrawObservationsInput!) {
  withdrawObservations(input: $input) { releaseNumber rowsRead withdrawn replayed release { operation withdrawn } }
}`;

export interface Result {
  datasetId: string;
  releaseNumber: number | null;
  rowsRead: number;
  inserted: number;
  revised: number;
  unchanged: number;
  withdrawn: number;
  rejected: number;
  replayed: boolean;
  release: {
    number: number;
    operation: string;
    publishedAt: string;
    publishedBy: { agencyId: string; subject: string; agency: { id: string } | null };
  } | null;
}

export interface InvalidRow {
  index: number;
  line: number | null;
  field: string;
  message: string;
}

/**
 * Starts the indicators subgraph for the calling test file (beforeAll; stopped afterAll) and returns it with the
 * helpers that publish and read through it: `sg` forwards to the subgraph once it has started.
 */
export function publishingSubgraph() {
  const sg = subgraphForThisFile(indicatorsModule);
  let key = 0;
  const nextKey = () => `test-key-${String(++key).padStart(4, "0")}`;

  const publish = (
    observations: unknown[],
    headers: Record<string, string> = asCaller(),
    extra: Record<string, unknown> = {},
  ) =>
    sg.query<{ publishObservations: Result }>(
      PUBLISH,
      { input: { dataset: UNSD, observations, idempotencyKey: nextKey(), ...extra } },
      headers,
    );

  /** The value of one observation as served, optionally pinned. */
  async function served(args: {
    economy: string;
    year: number;
    sex?: string;
    release?: number;
    asOf?: string;
    indicator?: string;
  }) {
    const res = await sg.query<{
      observations: { edges: Array<{ node: { valueText: string; release: number; nature: string | null } }> };
    }>(
      `query($f: ObservationFilter!, $release: Int, $asOf: DateTimeISO) {
        observations(filter: $f, release: $release, asOf: $asOf) { edges { node { valueText release nature } } }
      }`,
      {
        f: {
          indicator: args.indicator ?? "internet_users_pct",
          economies: [args.economy],
          fromYear: args.year,
          toYear: args.year,
          breakdown: args.sex ? { sex: args.sex } : {},
          dataset: UNSD,
        },
        release: args.release ?? null,
        asOf: args.asOf ?? null,
      },
    );
    expect(res.errors).toBeUndefined();
    return res.data!.observations.edges.map((e) => e.node);
  }

  async function latestRelease(dataset = UNSD): Promise<number> {
    const [row] = await sg.dataSource.query(`SELECT max(number)::int AS n FROM dataset_release WHERE dataset_id = $1`, [
      dataset,
    ]);
    return row.n;
  }

  return { sg, nextKey, publish, served, latestRelease };
}
