import { asCaller, databaseState } from "./helpers";
import { publishingSubgraph, PUBLISH, UNSD, WITHDRAW, type InvalidRow, type Result } from "./publishing.fixtures";

const { sg, nextKey, publish, served, latestRelease } = publishingSubgraph();

describe("publishing, revisions, releases", () => {
  let release1End: string;
  let published: Result;

  it("publishes 2023 values and revises a published one, as the next release: all or nothing", async () => {
    release1End = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 20));
    expect(await served({ economy: "KEN", year: 2021 })).toEqual([{ valueText: "28.76", release: 1, nature: "E" }]);
    const res = await publish(
      [
        {
          indicator: "internet_users_pct",
          economy: "KEN",
          period: "2023",
          value: "48.5",
          nature: "E",
          footnote: "ITU estimate",
        },
        { indicator: "IT_USE_ii99", economy: "404", year: 2023, breakdown: { sex: "FEMALE" }, value: "44.25" },
        { indicator: "IT.NET.USER.ZS", economy: "ken", year: 2021, value: "29.5", nature: "E" },
        { indicator: "internet_users_pct", economy: "KEN", year: 2020, value: "25.53", nature: "E" },
      ],
      asCaller(["indicators:publish"], "ITU", "analyst@itu.int"),
      { note: "ITU estimates of 2023" },
    );
    expect(res.errors).toBeUndefined();
    published = res.data!.publishObservations;
    expect(published).toMatchObject({
      datasetId: UNSD,
      releaseNumber: 2,
      rowsRead: 4,
      inserted: 2,
      revised: 1,
      unchanged: 1,
      withdrawn: 0,
      rejected: 0,
      replayed: false,
    });
    expect(published.release).toMatchObject({
      number: 2,
      operation: "PUBLISH",
      publishedBy: { agencyId: "ITU", subject: "analyst@itu.int", agency: { id: "ITU" } },
    });
    expect(Date.parse(published.release!.publishedAt)).toBeGreaterThan(Date.parse(release1End));
    expect(await served({ economy: "KEN", year: 2023 })).toEqual([{ valueText: "48.5", release: 2, nature: "E" }]);
    expect(await served({ economy: "KEN", year: 2023, sex: "FEMALE" })).toEqual([
      { valueText: "44.25", release: 2, nature: null },
    ]);
    expect(await served({ economy: "KEN", year: 2021 })).toEqual([{ valueText: "29.5", release: 2, nature: "E" }]);
    // Unchanged: the same value, nature and footnote as release 1 — it stays release 1's.
    expect(await served({ economy: "KEN", year: 2020 })).toEqual([{ valueText: "25.53", release: 1, nature: "E" }]);
  });

  it("stores a total with the indicator's total code, and a new value with its provenance", async () => {
    const res = await sg.query<{
      observations: {
        edges: Array<{
          node: {
            breakdown: { sex: string | null; key: string };
            unitCode: string;
            footnote: string | null;
            sourceAreaCode: string;
            source: { id: string; title: string; publisher: string; note: string };
          };
        }>;
      };
    }>(
      `{ observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2023, dataset: "${UNSD}", allBreakdowns: true }) {
          edges { node { breakdown { sex key } unitCode footnote sourceAreaCode source { id title publisher note } } } } }`,
    );
    const [total, female] = res.data!.observations.edges.map((e) => e.node);
    expect(total).toMatchObject({
      breakdown: { sex: "BOTHSEX", key: "_T" },
      unitCode: "PERCENT",
      footnote: "ITU estimate",
      sourceAreaCode: "KEN",
    });
    expect(female).toMatchObject({ breakdown: { sex: "FEMALE", key: "sex=FEMALE" }, sourceAreaCode: "404" });
    expect(total.source).toMatchObject({
      id: `release:${UNSD}:2`,
      publisher: "ITU (analyst@itu.int), through the WSIS Hub",
    });
    expect(total.source.note).toContain("ITU estimates of 2023");
  });

  it("keeps the replaced value as a revision, with when and by whom it was published and replaced", async () => {
    const res = await sg.query<{
      observations: {
        edges: Array<{
          node: {
            valueText: string;
            publishedIn: { number: number; publishedBy: { subject: string } };
            revisions: Array<Record<string, unknown>>;
          };
        }>;
      };
    }>(
      `{ observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2020, toYear: 2021, breakdown: {}, dataset: "${UNSD}" }) {
          edges { node { valueText publishedIn { number publishedBy { subject } }
            revisions { valueText value nature release replacedInRelease withdrawn
              publishedIn { number operation publishedAt publishedBy { agencyId subject } }
              replacedIn { number publishedBy { agencyId subject } } source { id } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const [y2020, y2021] = res.data!.observations.edges.map((e) => e.node);
    expect(y2020.revisions).toEqual([]);
    expect(y2020.publishedIn).toEqual({ number: 1, publishedBy: { subject: "seed" } });
    expect(y2021.valueText).toBe("29.5");
    expect(y2021.revisions).toEqual([
      {
        valueText: "28.76",
        value: 28.76,
        nature: "E",
        release: 1,
        replacedInRelease: 2,
        withdrawn: false,
        publishedIn: {
          number: 1,
          operation: "SEED",
          publishedAt: "2023-12-17T00:00:00.000Z",
          publishedBy: { agencyId: "UNDESA", subject: "seed" },
        },
        replacedIn: { number: 2, publishedBy: { agencyId: "ITU", subject: "analyst@itu.int" } },
        source: { id: "file:unsd_sdg_it_use_ii99" },
      },
    ]);
  });

  it("asOf: what was published at a moment", async () => {
    expect(await served({ economy: "KEN", year: 2021, asOf: release1End })).toEqual([
      { valueText: "28.76", release: 1, nature: "E" },
    ]);
    expect(await served({ economy: "KEN", year: 2023, asOf: release1End })).toEqual([]);
    expect(await served({ economy: "KEN", year: 2021, asOf: new Date().toISOString() })).toEqual([
      { valueText: "29.5", release: 2, nature: "E" },
    ]);
    // Before release 1 (2023-12-17) nothing was published.
    expect(await served({ economy: "KEN", year: 2021, asOf: "2023-01-01T00:00:00Z" })).toEqual([]);
  });

  it("release: a client pinned to a release gets exactly that release, also after later releases", async () => {
    const pinned1 = await served({ economy: "KEN", year: 2021, release: 1 });
    expect(pinned1).toEqual([{ valueText: "28.76", release: 1, nature: "E" }]);
    const res = await publish([
      { indicator: "internet_users_pct", economy: "KEN", year: 2021, value: "30.1", nature: "E" },
    ]);
    expect(res.data!.publishObservations).toMatchObject({ releaseNumber: 3, revised: 1 });
    expect(await served({ economy: "KEN", year: 2021, release: 1 })).toEqual(pinned1);
    expect(await served({ economy: "KEN", year: 2021, release: 2 })).toEqual([
      { valueText: "29.5", release: 2, nature: "E" },
    ]);
    expect(await served({ economy: "KEN", year: 2021, release: 3 })).toEqual([
      { valueText: "30.1", release: 3, nature: "E" },
    ]);
    expect(await served({ economy: "KEN", year: 2021 })).toEqual([{ valueText: "30.1", release: 3, nature: "E" }]);
    // The history, newest first; read pinned to release 2, the version of release 2 has only release 1 before it.
    const history = await sg.query<{
      a: { edges: Array<{ node: { revisions: Array<{ valueText: string }> } }> };
      b: { edges: Array<{ node: { revisions: Array<{ valueText: string }> } }> };
    }>(
      `{ a: observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2021, toYear: 2021, breakdown: {}, dataset: "${UNSD}" }) { edges { node { revisions { valueText } } } }
         b: observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2021, toYear: 2021, breakdown: {}, dataset: "${UNSD}" }, release: 2) { edges { node { revisions { valueText } } } } }`,
    );
    expect(history.data!.a.edges[0].node.revisions.map((r) => r.valueText)).toEqual(["29.5", "28.76"]);
    expect(history.data!.b.edges[0].node.revisions.map((r) => r.valueText)).toEqual(["28.76"]);
  });

  it("pins the map view and the chart view too, and counts pinned pages", async () => {
    const res = await sg.query<{
      r1: Array<{ economy: { code: string }; year: number; valueText: string }>;
      now: Array<{ economy: { code: string }; year: number; valueText: string }>;
      s1: Array<{ points: Array<{ year: number; valueText: string }> }>;
      s3: Array<{ points: Array<{ year: number; valueText: string }> }>;
      c1: { totalCount: number };
      c3: { totalCount: number };
    }>(
      `{ r1: latestObservations(indicator: "internet_users_pct", economies: ["KEN"], dataset: "${UNSD}", release: 1) { economy { code } year valueText }
         now: latestObservations(indicator: "internet_users_pct", economies: ["KEN"], dataset: "${UNSD}") { economy { code } year valueText }
         s1: series(indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2020, dataset: "${UNSD}", release: 1) { points { year valueText } }
         s3: series(indicator: "internet_users_pct", economies: ["KEN"], fromYear: 2020, dataset: "${UNSD}", release: 3) { points { year valueText } }
         c1: observations(filter: { indicator: "internet_users_pct", dataset: "${UNSD}", allBreakdowns: true }, release: 1) { totalCount }
         c3: observations(filter: { indicator: "internet_users_pct", dataset: "${UNSD}", allBreakdowns: true }, release: 3) { totalCount } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.r1).toEqual([{ economy: { code: "KEN" }, year: 2021, valueText: "28.76" }]);
    expect(res.data!.now).toEqual([{ economy: { code: "KEN" }, year: 2023, valueText: "48.5" }]);
    expect(res.data!.s1[0].points).toEqual([
      { year: 2020, valueText: "25.53" },
      { year: 2021, valueText: "28.76" },
    ]);
    expect(res.data!.s3[0].points).toEqual([
      { year: 2020, valueText: "25.53" },
      { year: 2021, valueText: "30.1" },
      { year: 2023, valueText: "48.5" },
    ]);
    expect(res.data!.c3.totalCount).toBe(res.data!.c1.totalCount + 2);
  });

  it("refuses a release that does not exist, and release with asOf", async () => {
    const q = `query($release: Int, $asOf: DateTimeISO) { observations(filter: { indicator: "internet_users_pct", economies: ["KEN"], dataset: "${UNSD}" }, release: $release, asOf: $asOf) { totalCount } }`;
    const beyond = await sg.query(q, { release: 99 });
    expect(beyond.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "release" });
    expect(beyond.errors?.[0].message).toContain("its releases are 1 to 3");
    expect((await sg.query(q, { release: 0 })).errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "release",
    });
    expect((await sg.query(q, { release: 1, asOf: new Date().toISOString() })).errors?.[0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "release",
    });
  });

  it("lists the releases of a dataset, newest first, a page at a time", async () => {
    const q = `query($after: String) { dataset(id: "${UNSD}") { releases(first: 2, after: $after) { edges { node { number operation revised } } pageInfo { hasNextPage endCursor } } } }`;
    type Page = {
      dataset: {
        releases: {
          edges: Array<{ node: { number: number; operation: string; revised: number } }>;
          pageInfo: { hasNextPage: boolean; endCursor: string };
        };
      };
    };
    const first = await sg.query<Page>(q);
    expect(first.data!.dataset.releases.edges.map((e) => e.node)).toEqual([
      { number: 3, operation: "PUBLISH", revised: 1 },
      { number: 2, operation: "PUBLISH", revised: 1 },
    ]);
    const second = await sg.query<Page>(q, { after: first.data!.dataset.releases.pageInfo.endCursor });
    expect(second.data!.dataset.releases.edges.map((e) => e.node.number)).toEqual([1]);
    expect(second.data!.dataset.releases.pageInfo.hasNextPage).toBe(false);
    const bad = await sg.query(q, { after: "nonsense" });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "after" });
    const one = await sg.query<{ datasetRelease: { number: number; note: string } | null; none: unknown }>(
      `{ datasetRelease(dataset: "${UNSD}", number: 2) { number note } none: datasetRelease(dataset: "${UNSD}", number: 9) { number } }`,
    );
    expect(one.data).toEqual({ datasetRelease: { number: 2, note: "ITU estimates of 2023" }, none: null });
  });
});

describe("idempotency keys", () => {
  const rows = [{ indicator: "internet_users_pct", economy: "BRA", period: "2023", value: "84.2" }];

  it("the same key with the same payload returns the first result and writes nothing again", async () => {
    const input = { dataset: UNSD, observations: rows, idempotencyKey: "retry-0001-abcdef" };
    const first = await sg.query<{ publishObservations: Result }>(PUBLISH, { input }, asCaller());
    expect(first.data!.publishObservations).toMatchObject({ inserted: 1, replayed: false });
    const state = await databaseState(sg);
    const again = await sg.query<{ publishObservations: Result }>(PUBLISH, { input }, asCaller());
    expect(again.errors).toBeUndefined();
    expect({ ...again.data!.publishObservations, replayed: false }).toEqual(first.data!.publishObservations);
    expect(again.data!.publishObservations.replayed).toBe(true);
    expect(await databaseState(sg)).toEqual(state);
  });

  it("the same key with another payload is a CONFLICT, and writes nothing", async () => {
    const state = await databaseState(sg);
    const res = await sg.query(
      PUBLISH,
      { input: { dataset: UNSD, observations: [{ ...rows[0], value: "84.3" }], idempotencyKey: "retry-0001-abcdef" } },
      asCaller(),
    );
    expect(res.errors?.[0].extensions).toMatchObject({ code: "CONFLICT", argumentName: "input.idempotencyKey" });
    expect(await databaseState(sg)).toEqual(state);
  });

  it("keys are per agency; concurrent calls with one key make one release", async () => {
    const input = {
      dataset: UNSD,
      observations: [{ ...rows[0], economy: "IND", value: "55.1" }],
      idempotencyKey: "concurrent-0001",
    };
    const before = await latestRelease();
    const results = await Promise.all(
      [1, 2, 3].map(() => sg.query<{ publishObservations: Result }>(PUBLISH, { input }, asCaller())),
    );
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(results.filter((r) => !r.data!.publishObservations.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.data!.publishObservations.releaseNumber))).toEqual(new Set([before + 1]));
    expect(await latestRelease()).toBe(before + 1);
    // Another agency's key of the same name is another key.
    const other = await sg.query<{ publishObservations: Result }>(
      PUBLISH,
      { input: { ...input, observations: [{ ...rows[0], economy: "IND", value: "55.2" }] } },
      asCaller(["indicators:publish"], "UNESCO"),
    );
    expect(other.data!.publishObservations).toMatchObject({ replayed: false, revised: 1 });
  });

  it("a publication that changes nothing makes no release", async () => {
    const before = await latestRelease();
    const res = await publish([
      {
        indicator: "internet_users_pct",
        economy: "KEN",
        period: "2023",
        value: "48.5",
        nature: "E",
        footnote: "ITU estimate",
      },
    ]);
    expect(res.data!.publishObservations).toMatchObject({
      releaseNumber: null,
      release: null,
      unchanged: 1,
      inserted: 0,
      revised: 0,
    });
    expect(await latestRelease()).toBe(before);
  });
});

describe("withdrawals and changes(since)", () => {
  let since: string;

  it("withdraws observations: gone from the current values, kept as revisions, still in earlier releases", async () => {
    since = new Date().toISOString();
    const before = await latestRelease();
    const res = await sg.query<{
      withdrawObservations: {
        releaseNumber: number;
        withdrawn: number;
        release: { operation: string; withdrawn: number };
      };
    }>(
      WITHDRAW,
      {
        input: {
          dataset: UNSD,
          observations: [{ indicator: "internet_users_pct", economy: "KEN", year: 2023, breakdown: { sex: "FEMALE" } }],
          idempotencyKey: nextKey(),
          note: "Published in error",
        },
      },
      asCaller(),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.withdrawObservations).toEqual({
      releaseNumber: before + 1,
      rowsRead: 1,
      withdrawn: 1,
      replayed: false,
      release: { operation: "WITHDRAW", withdrawn: 1 },
    });
    expect(await served({ economy: "KEN", year: 2023, sex: "FEMALE" })).toEqual([]);
    expect(await served({ economy: "KEN", year: 2023, sex: "FEMALE", release: before })).toEqual([
      { valueText: "44.25", release: 2, nature: null },
    ]);
    const [revision] = await sg.dataSource.query(
      `SELECT value_text, valid_from_release, valid_to_release, withdrawn FROM observation_revision WHERE economy_code = 'KEN' AND year = 2023 AND breakdown_key = 'sex=FEMALE'`,
    );
    expect(revision).toEqual({
      value_text: "44.25",
      valid_from_release: 2,
      valid_to_release: before + 1,
      withdrawn: true,
    });
  });

  it("refuses to withdraw what has no current value, naming the row", async () => {
    const state = await databaseState(sg);
    const res = await sg.query(
      WITHDRAW,
      {
        input: {
          dataset: UNSD,
          observations: [
            { indicator: "internet_users_pct", economy: "KEN", year: 2023 },
            { indicator: "internet_users_pct", economy: "KEN", year: 2023, breakdown: { sex: "FEMALE" } },
            { indicator: "internet_users_pct", economy: "QQQ", year: 2023 },
          ],
          idempotencyKey: nextKey(),
        },
      },
      asCaller(),
    );
    expect(res.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
    expect((res.errors![0].extensions!.invalidRows as InvalidRow[]).map((r) => `${r.index}:${r.field}`)).toEqual([
      "1:key",
      "2:economy",
    ]);
    expect(await databaseState(sg)).toEqual(state);
  });

  it("publishing a withdrawn observation again inserts it", async () => {
    const res = await publish([
      { indicator: "internet_users_pct", economy: "KEN", year: 2023, breakdown: { sex: "FEMALE" }, value: "44.3" },
    ]);
    expect(res.data!.publishObservations).toMatchObject({ inserted: 1, revised: 0 });
  });

  type Change = {
    kind: string;
    releaseNumber: number;
    previousValueText: string | null;
    observation: { id: string; valueText: string };
    release: { number: number; publishedBy: { agencyId: string } };
  };
  const CHANGES = `query($since: DateTimeISO!, $dataset: ID, $first: Int, $after: String) {
    changes(since: $since, dataset: $dataset, first: $first, after: $after) {
      edges { cursor node { kind releaseNumber previousValueText observation { id valueText } release { number publishedBy { agencyId } } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;

  it("changes(since) lists every change after a moment, in publication order, withdrawals included", async () => {
    const res = await sg.query<{ changes: { edges: Array<{ node: Change }> } }>(CHANGES, { since, first: 100 });
    expect(res.errors).toBeUndefined();
    const changes = res.data!.changes.edges.map(
      (e) => `${e.node.releaseNumber} ${e.node.kind} ${e.node.observation.id} ${e.node.observation.valueText}`,
    );
    const withdrawnIn = (await latestRelease()) - 1;
    expect(changes).toEqual([
      `${withdrawnIn} WITHDRAWN internet_users_pct|${UNSD}|KEN|2023|sex=FEMALE 44.25`,
      `${withdrawnIn + 1} INSERTED internet_users_pct|${UNSD}|KEN|2023|sex=FEMALE 44.3`,
    ]);
    const all = await sg.query<{ changes: { edges: Array<{ node: Change }> } }>(CHANGES, {
      since: "2024-01-01T00:00:00Z",
      dataset: UNSD,
      first: 1000,
    });
    const kinds = all.data!.changes.edges.map((e) => e.node);
    expect(
      kinds.find((c) => c.observation.id === `internet_users_pct|${UNSD}|KEN|2021|_T` && c.releaseNumber === 2),
    ).toMatchObject({
      kind: "REVISED",
      previousValueText: "28.76",
      observation: { valueText: "29.5" },
      release: { number: 2, publishedBy: { agencyId: "ITU" } },
    });
    expect(
      kinds.find((c) => c.observation.id === `internet_users_pct|${UNSD}|KEN|2021|_T` && c.releaseNumber === 3),
    ).toMatchObject({ kind: "REVISED", previousValueText: "29.5" });
    expect(kinds.find((c) => c.observation.id === `internet_users_pct|${UNSD}|KEN|2023|_T`)).toMatchObject({
      kind: "INSERTED",
      previousValueText: null,
      releaseNumber: 2,
    });
    // Release 1 (2023-12-17) is before 2024: none of its rows is listed; after it, every release's rows are.
    expect(kinds.every((c) => c.releaseNumber >= 2)).toBe(true);
    const [{ n }] = await sg.dataSource.query(
      `SELECT sum(inserted + revised + withdrawn)::int AS n FROM dataset_release WHERE dataset_id = $1 AND number >= 2`,
      [UNSD],
    );
    expect(kinds).toHaveLength(n);
  });

  it("changes pages by cursor, filters by dataset, and lists release 1 for a client that syncs from scratch", async () => {
    type Page = {
      changes: {
        edges: Array<{ cursor: string; node: Change }>;
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    };
    const ids: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 100; i++) {
      const page: Page = (
        await sg.query<Page>(CHANGES, { since: "2024-01-01T00:00:00Z", dataset: UNSD, first: 2, after })
      ).data!;
      ids.push(...page.changes.edges.map((e) => `${e.node.releaseNumber}|${e.node.observation.id}`));
      if (!page.changes.pageInfo.hasNextPage) break;
      after = page.changes.pageInfo.endCursor;
    }
    const whole = await sg.query<Page>(CHANGES, { since: "2024-01-01T00:00:00Z", dataset: UNSD, first: 1000 });
    expect(whole.data!.changes.pageInfo.hasNextPage).toBe(false);
    expect(ids.length).toBeGreaterThan(6);
    expect(ids).toEqual(whole.data!.changes.edges.map((e) => `${e.node.releaseNumber}|${e.node.observation.id}`));
    const wdi = await sg.query<Page>(CHANGES, { since: "2000-01-01T00:00:00Z", dataset: "wdi-2026-03", first: 5 });
    expect(wdi.data!.changes.edges.map((e) => e.node.kind)).toEqual([
      "INSERTED",
      "INSERTED",
      "INSERTED",
      "INSERTED",
      "INSERTED",
    ]);
    expect(
      wdi.data!.changes.edges.every(
        (e) => e.node.releaseNumber === 1 && e.node.observation.id.includes("|wdi-2026-03|"),
      ),
    ).toBe(true);
    expect(
      (await sg.query(CHANGES, { since: "2024-01-01T00:00:00Z", after: "garbage" })).errors?.[0].extensions,
    ).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "after" });
    expect(
      (await sg.query(CHANGES, { since: "2024-01-01T00:00:00Z", first: 1001 })).errors?.[0].extensions,
    ).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "first" });
    expect(
      (await sg.query(CHANGES, { since: "2024-01-01T00:00:00Z", dataset: "nope" })).errors?.[0].extensions,
    ).toMatchObject({ code: "BAD_USER_INPUT", argumentName: "dataset" });
  });
});

describe("the audit trail", () => {
  it("records each release and each observation changed, with who, when and before/after, for admin eyes only", async () => {
    const q = `query($filter: AuditFilter) { auditLog { indicators(filter: $filter, first: 100) { edges { node { at operation entityType entityId agency subject before after } } } } }`;
    const denied = await sg.query(q, {}, asCaller(["indicators:publish"]));
    expect(denied.errors?.[0].extensions?.code).toBe("FORBIDDEN");
    type Entry = {
      at: string;
      operation: string;
      entityType: string;
      entityId: string;
      agency: string;
      subject: string;
      before: unknown;
      after: unknown;
    };
    const res = await sg.query<{ auditLog: { indicators: { edges: Array<{ node: Entry }> } } }>(
      q,
      { filter: { entityType: "DatasetRelease", entityId: `${UNSD}#2` } },
      asCaller(["admin"]),
    );
    expect(res.errors).toBeUndefined();
    const [release] = res.data!.auditLog.indicators.edges.map((e) => e.node);
    expect(release).toMatchObject({
      operation: "publishObservations",
      agency: "ITU",
      subject: "analyst@itu.int",
      before: null,
      after: {
        dataset: UNSD,
        release: 2,
        rowsRead: 4,
        inserted: 2,
        revised: 1,
        unchanged: 1,
        withdrawn: 0,
        note: "ITU estimates of 2023",
      },
    });
    const revised = await sg.query<{ auditLog: { indicators: { edges: Array<{ node: Entry }> } } }>(
      q,
      { filter: { entityType: "Observation", entityId: `internet_users_pct|${UNSD}|KEN|2021|_T` } },
      asCaller(["admin"]),
    );
    expect(revised.data!.auditLog.indicators.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        operation: "publishObservations",
        before: { valueText: "29.5", nature: "E", footnote: null, release: 2 },
        after: { valueText: "30.1", nature: "E", footnote: null, release: 3 },
      }),
      expect.objectContaining({
        operation: "publishObservations",
        subject: "analyst@itu.int",
        before: { valueText: "28.76", nature: "E", footnote: null, release: 1 },
        after: { valueText: "29.5", nature: "E", footnote: null, release: 2 },
      }),
    ]);
    const withdrawn = await sg.query<{ auditLog: { indicators: { edges: Array<{ node: Entry }> } } }>(
      q,
      { filter: { operation: "withdrawObservations", entityType: "Observation" } },
      asCaller(["admin"]),
    );
    expect(withdrawn.data!.auditLog.indicators.edges.map((e) => e.node)).toEqual([
      expect.objectContaining({
        entityId: `internet_users_pct|${UNSD}|KEN|2023|sex=FEMALE`,
        after: null,
        before: expect.objectContaining({ valueText: "44.25" }),
      }),
    ]);
    // A publication that changed nothing is recorded too (on the dataset), and refused ones not at all.
    const [{ n }] = await sg.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE entity_type = 'Dataset' AND after->>'release' IS NULL`,
    );
    expect(n).toBeGreaterThanOrEqual(1);
  });
});

describe("reads of the history cost a fixed number of statements", () => {
  it("revisions and publishedIn of a page of 1000 cost as much as for a page of 10", async () => {
    const q = `query($first: Int) { observations(filter: { indicator: "internet_users_pct", dataset: "${UNSD}", allBreakdowns: true }, first: $first, release: 2) {
      edges { node { valueText publishedIn { number publishedBy { subject } } revisions { valueText publishedIn { number } replacedIn { number } } } } } }`;
    const many = await sg.countStatements(async () =>
      expect(
        (await sg.query<{ observations: { edges: unknown[] } }>(q, { first: 1000 })).data!.observations.edges,
      ).toHaveLength(1000),
    );
    const few = await sg.countStatements(() => sg.query(q, { first: 10 }));
    expect(many).toBe(few);
  });

  it("a pinned read can be served by indexes of both tables", async () => {
    const { observationRelation, whereClause } = await import("../src/observation/observation.queries");
    const { OBSERVATION_COLUMNS } = await import("../src/observation/observation.rows");
    const f = {
      indicator: { code: "internet_users_pct", defaultDatasetId: UNSD } as never,
      datasetId: UNSD,
      economyCodes: ["KEN", "IND"],
      regionCode: null,
      kind: null,
      fromYear: 2010,
      toYear: null,
      breakdownKey: "_T",
      release: 2,
    };
    const { sql, params } = whereClause(f);
    // The revision table of this test holds a handful of rows, which the planner would rather read whole: without
    // sequential scans, the plan shows the indexes a large history is read through.
    const runner = sg.dataSource.createQueryRunner();
    let plan: Array<{ Plan: Record<string, unknown> }>;
    try {
      await runner.startTransaction();
      await runner.query(`SET LOCAL enable_seqscan = off`);
      [{ "QUERY PLAN": plan }] = await runner.query(
        `EXPLAIN (FORMAT JSON) SELECT ${OBSERVATION_COLUMNS} FROM ${observationRelation(f)} o WHERE ${sql} ORDER BY o.economy_code, o.year LIMIT 101`,
        params,
      );
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
    const nodes: Array<Record<string, string>> = [];
    const walk = (n: Record<string, unknown>) => {
      nodes.push(n as Record<string, string>);
      for (const child of (n.Plans as Array<Record<string, unknown>>) ?? []) walk(child);
    };
    walk(plan[0].Plan);
    expect(nodes.filter((n) => n["Node Type"] === "Seq Scan")).toEqual([]);
    const indexes = nodes.map((n) => n["Index Name"]).filter(Boolean);
    expect(indexes.some((i) => i.startsWith("observation_"))).toBe(true);
    expect(indexes.some((i) => i.startsWith("observation_revision_"))).toBe(true);
  });
});
