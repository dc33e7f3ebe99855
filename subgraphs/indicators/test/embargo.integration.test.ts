import { startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { indicatorsModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";
import { asCaller, databaseState } from "./helpers";

/**
 * Embargoed releases (publishAt): validated at once, invisible to the public until their moment, then the latest
 * release without anyone acting; answers are never cacheable past that moment.
 */
const UNSD = "unsd-sdg-2023-12";
const ITU = asCaller(["indicators:publish"], "ITU", "statistician@itu.int");
const OTHER_AGENCY = asCaller(["indicators:publish"], "UNESCO", "stats@unesco.org");
const ADMIN = asCaller(["admin"], "UNDESA", "admin@un.org");

const PUBLISH = `mutation($input: PublishObservationsInput!) {
  publishObservations(input: $input) { datasetId releaseNumber rowsRead inserted revised unchanged withdrawn replayed publishAt release { number } }
}`;
const SCHEDULED = `{ dataset(id: "${UNSD}") { latestRelease { number publishedAt }
  scheduledRelease { number publishAt status operation rowsRead revised inserted scheduledBy { agencyId subject } } } }`;

interface Scheduled {
  dataset: {
    latestRelease: { number: number; publishedAt: string };
    scheduledRelease: {
      number: number;
      publishAt: string;
      status: string;
      operation: string;
      rowsRead: number;
      revised: number;
      inserted: number;
    } | null;
  };
}

let sg: TestSubgraph<SeedCounts>;
let key = 0;
const nextKey = () => `embargo-key-${String(++key).padStart(4, "0")}`;

function publish(observations: unknown[], extra: Record<string, unknown> = {}, headers = ITU) {
  return sg.query<{
    publishObservations: {
      releaseNumber: number | null;
      publishAt: string | null;
      revised: number;
      replayed: boolean;
      release: unknown;
    };
  }>(PUBLISH, { input: { dataset: UNSD, observations, idempotencyKey: nextKey(), ...extra } }, headers);
}

/** The internet-use value of an economy and year in the UNSD dataset, as an anonymous reader gets it (with its Cache-Control). */
async function publicValue(
  economy: string,
  year: number,
): Promise<{ value: string | undefined; cacheControl: string | null }> {
  const res = await fetch(sg.url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      query: `query($f: ObservationFilter!) { observations(filter: $f) { edges { node { valueText release } } } }`,
      variables: {
        f: { indicator: "internet_users_pct", economies: [economy], fromYear: year, toYear: year, dataset: UNSD },
      },
    }),
  });
  const body = (await res.json()) as { data: { observations: { edges: Array<{ node: { valueText: string } }> } } };
  return { value: body.data.observations.edges[0]?.node.valueText, cacheControl: res.headers.get("cache-control") };
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  for (let i = 0; i < 100; i += 1) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`still waiting for ${what}`);
}

beforeAll(async () => {
  sg = await startTestSubgraph(indicatorsModule);
});
afterAll(async () => {
  await sg?.stop();
});

describe("a release scheduled for a moment ahead", () => {
  it("is checked at once: bad rows and moments not ahead are refused, and nothing is written or scheduled", async () => {
    const before = await databaseState(sg);
    const ahead = new Date(Date.now() + 60_000).toISOString();
    const bad = await publish(
      [{ indicator: "internet_users_pct", economy: "KEN", year: 2021, value: "not a number" }],
      { publishAt: ahead },
    );
    expect(bad.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect(bad.errors?.[0].extensions?.invalidRows).toEqual([expect.objectContaining({ index: 0, field: "value" })]);
    const past = await publish([{ indicator: "internet_users_pct", economy: "KEN", year: 2021, value: "30.5" }], {
      publishAt: new Date(Date.now() - 1000).toISOString(),
    });
    expect(past.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "input.publishAt" });
    expect(await databaseState(sg)).toEqual(before);
    const [{ n }] = await sg.dataSource.query(`SELECT count(*)::int AS n FROM scheduled_release`);
    expect(n).toBe(0);
  });

  it("stays out of every public answer until its moment, is seen only by its agency's publishers and admin, then is out without anyone acting", async () => {
    const { value: original } = await publicValue("MRT", 2021);
    expect(original).toBeDefined();
    const [{ latest }] = await sg.dataSource.query(
      `SELECT max(number)::int AS latest FROM dataset_release WHERE dataset_id = $1`,
      [UNSD],
    );
    const publishAt = new Date(Date.now() + 4000);
    publishAt.setMilliseconds(0);
    const idempotencyKey = nextKey();
    const rows = [{ indicator: "internet_users_pct", economy: "MRT", year: 2021, value: "61.25", nature: "E" }];
    const scheduled = await publish(rows, { publishAt: publishAt.toISOString(), idempotencyKey });
    expect(scheduled.errors).toBeUndefined();
    expect(scheduled.data!.publishObservations).toMatchObject({
      releaseNumber: latest + 1,
      publishAt: publishAt.toISOString(),
      revised: 1,
      replayed: false,
      release: null,
    });
    // The same request again (a retry) is answered from its idempotency key.
    const again = await publish(rows, { publishAt: publishAt.toISOString(), idempotencyKey });
    expect(again.data!.publishObservations).toMatchObject({
      releaseNumber: latest + 1,
      publishAt: publishAt.toISOString(),
      replayed: true,
    });

    // Before the moment: the public reads the old value, answers are cacheable only until the moment.
    const before = await publicValue("MRT", 2021);
    expect(before.value).toBe(original);
    const maxAge = Number(/max-age=(\d+)/.exec(before.cacheControl ?? "")?.[1]);
    expect(maxAge).toBeLessThanOrEqual(4);
    // Pinning to the reserved number is refused (it is not a release yet), and the latest release is unchanged.
    const pinned = await sg.query(
      `{ observations(filter: { indicator: "internet_users_pct", economies: ["MRT"], dataset: "${UNSD}" }, release: ${latest + 1}) { totalCount } }`,
    );
    expect(pinned.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    // Who sees the schedule.
    const seen = async (headers: Record<string, string>) =>
      (await sg.query<Scheduled>(SCHEDULED, {}, headers)).data!.dataset;
    expect((await seen({})).scheduledRelease).toBeNull();
    expect((await seen(OTHER_AGENCY)).scheduledRelease).toBeNull();
    expect((await seen(ITU)).scheduledRelease).toEqual({
      number: latest + 1,
      publishAt: publishAt.toISOString(),
      status: "SCHEDULED",
      operation: "publishObservations",
      rowsRead: 1,
      revised: 1,
      inserted: 0,
      scheduledBy: { agencyId: "ITU", subject: "statistician@itu.int" },
    });
    expect((await seen(ADMIN)).scheduledRelease?.number).toBe(latest + 1);
    expect((await seen({})).latestRelease.number).toBe(latest);
    // The dataset takes no other publication meanwhile.
    const other = await publish([{ indicator: "internet_users_pct", economy: "KEN", year: 2021, value: "30.5" }]);
    expect(other.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", scheduledRelease: latest + 1 });

    // At the moment (the process polls every second), the release is out: nobody called anything.
    const after = await until(
      () => publicValue("MRT", 2021),
      (v) => v.value === "61.25",
      "the scheduled value",
    );
    expect(Date.now()).toBeGreaterThanOrEqual(publishAt.getTime());
    expect(after.cacheControl).toMatch(/max-age=300/);
    const out = await seen({});
    expect(out.latestRelease).toEqual({ number: latest + 1, publishedAt: publishAt.toISOString() });
    expect((await seen(ITU)).scheduledRelease).toBeNull();
    const [{ n }] = await sg.dataSource.query(`SELECT count(*)::int AS n FROM scheduled_release`);
    expect(n).toBe(0);
  });

  it("can be cancelled before its moment by its agency (another agency gets NOT_FOUND), and then nothing of it is ever published", async () => {
    const { value: original } = await publicValue("MRT", 2020);
    const before = await databaseState(sg);
    const publishAt = new Date(Date.now() + 2500).toISOString();
    const res = await publish([{ indicator: "internet_users_pct", economy: "MRT", year: 2020, value: "55.5" }], {
      publishAt,
    });
    expect(res.errors).toBeUndefined();
    const CANCEL = `mutation { cancelScheduledRelease(dataset: "${UNSD}") { number publishAt status } }`;
    const foreign = await sg.query(CANCEL, {}, OTHER_AGENCY);
    expect(foreign.errors?.[0].extensions?.code).toBe("NOT_FOUND");
    const cancelled = await sg.query<{ cancelScheduledRelease: { number: number; publishAt: string } }>(
      CANCEL,
      {},
      ITU,
    );
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelScheduledRelease.publishAt).toBe(publishAt);
    await new Promise((r) => setTimeout(r, 3500));
    expect((await publicValue("MRT", 2020)).value).toBe(original);
    const state = await databaseState(sg);
    // Only the audit trail (the scheduling, the cancellation) and the idempotency key of the scheduling grew.
    const data = ({ audit_entries: _a, idempotency_keys: _k, ...rest }: Record<string, unknown>) => rest;
    expect(data(state)).toEqual(data(before));
    expect(state.audit_entries).toBe((before.audit_entries as number) + 2);
  });
});
