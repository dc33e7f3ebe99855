import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { SignJWT } from "jose";
import { Client } from "pg";
import { startProcessHub, type ProcessHub } from "./gateway-fixture";
import { requestBody } from "./fuzz/raw-json";
import { fuzzCases, requestCases, LEAK, type Baselines, type FuzzCase } from "./fuzz/schema-fuzz";

/**
 * The schema fuzzer (issue #13): every query and mutation field of the committed supergraph, every argument and every
 * input-object field, with bad values, with and without a valid token, through the real processes (gateway and every
 * subgraph over HTTP, one fresh database). Nothing may answer 5xx or INTERNAL_SERVER_ERROR, no error may carry a stack
 * or SQL, every error has a code, and a refused mutation writes nothing (each table of its subgraph's schema compared
 * around it). Seeded: every run sends the same requests.
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261203);
const PER_PLACE = Number(process.env.FUZZ_PER_PLACE ?? 8);
const CONCURRENCY = 4;

const SUPERGRAPH_SDL = readFileSync(path.resolve(__dirname, "../../gateway/supergraph.graphql"), "utf8");
const API_SCHEMA = Supergraph.build(SUPERGRAPH_SDL).apiSchema().toGraphQLJSSchema();

/** Which subgraph's schema a mutation writes to (read from the supergraph's join directives). */
function mutationOwners(): Map<string, string> {
  const block = /type Mutation[^{]*\{([\s\S]*?)\n\}/.exec(SUPERGRAPH_SDL)?.[1] ?? "";
  const owners = new Map<string, string>();
  for (const match of block.matchAll(/^\s{2}(\w+)\([\s\S]*?@join__field\(graph: (\w+)\)/gm)) {
    owners.set(match[1], match[2].toLowerCase());
  }
  return owners;
}

/** Valid values, so that each request differs from a valid one in one place only. Real codes of the seeded data. */
const BASELINES: Baselines = {
  byField: {
    "Query.actionLine.code": "C5",
    "Query.agency.id": "ITU",
    "Query.sdgGoal.code": "17",
    "Query.sdgTarget.code": "17.8",
    "Query.sdgIndicator.code": "17.8.1",
    "Query.event.id": "wsis-forum-2025",
    "Query.roadmapTrack.id": "wsis-forum",
    "Query.dataset.id": "unsd-sdg-2023-12",
    "Query.datasetRelease.dataset": "unsd-sdg-2023-12",
    "Query.report.id": "wsis20-progress-report",
    "Query.reportTemplate.id": "national-review",
    "Query.economy.code": "KEN",
    "Query.indicator.code": "internet_users_pct",
    "Query.changes.since": "2020-01-01T00:00:00.000Z",
    "Query.observations.filter": { indicator: "internet_users_pct", economies: ["KEN"] },
    "Query.series.economies": ["KEN", "IND"],
    "Query.regionalFigures.region": "Africa",
    "Query.regionalFigures.year": 2021,
    "Mutation.createEvent.input": {
      id: "fuzz-event",
      title: "Fuzz event",
      kind: "FORUM",
      start: "2026-07",
      location: "Geneva",
      hostEconomy: "CHE",
      actionLines: ["C1"],
    },
    "Mutation.updateEvent.id": "wsis-forum-2025",
    "Mutation.updateEvent.input": { note: "Programme online" },
    "Mutation.cancelEvent.id": "wsis-forum-2025",
    "Mutation.cancelEvent.reason": "fuzz",
    "Mutation.publishObservations.input": {
      dataset: "unsd-sdg-2023-12",
      observations: [{ indicator: "internet_users_pct", economy: "KEN", year: 2023, value: "48.5" }],
      idempotencyKey: "fuzz-publish",
    },
    "Mutation.withdrawObservations.input": {
      dataset: "unsd-sdg-2023-12",
      observations: [{ indicator: "internet_users_pct", economy: "KEN", year: 2015 }],
      idempotencyKey: "fuzz-withdraw",
    },
    "Mutation.importObservations.input": {
      dataset: "unsd-sdg-2023-12",
      format: "SDMX_CSV",
      content:
        "DATAFLOW,FREQ,REPORTING_TYPE,SERIES,REF_AREA,SEX,AGE,URBANISATION,INCOME_WEALTH_QUANTILE,EDUCATION_LEV,OCCUPATION,CUST_BREAKDOWN,COMPOSITE_BREAKDOWN,DISABILITY_STATUS,ACTIVITY,PRODUCT,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,NATURE\r\n" +
        "IAEG-SDGs:DF_SDG_GLH(1.0),A,G,IT_USE_II99,1,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T,_T,2000,5.35,PT,N",
      idempotencyKey: "fuzz-import",
    },
    "Mutation.transitionReport.id": "wsis20-progress-report",
    "Mutation.transitionReport.to": "DRAFTING",
    "Mutation.createReport.input": { id: "fuzz-report", title: "Fuzz report", kind: "NATIONAL_REVIEW", economy: "KEN" },
  },
  byName: {
    indicator: "internet_users_pct",
    first: 5,
    year: 2021,
    dataset: "unsd-sdg-2023-12",
    number: 1,
  },
};

const CODE_REQUIRED = /^[A-Z][A-Z0-9_]+$/;

interface Failure {
  case: FuzzCase;
  token: boolean;
  why: string;
}

let hub: ProcessHub;
let token: string;
let db: Client;
const secret = randomBytes(32).toString("hex");

beforeAll(async () => {
  hub = await startProcessHub({
    subgraphs: ["action-lines", "events", "indicators", "reports"],
    gatewayEnv: { JWT_SECRET: secret, LOG_LEVEL: "fatal" },
  });
  token = await new SignJWT({
    agency: "ITU",
    scope: "admin events:write reports:write reports:publish indicators:publish",
  })
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject("fuzzer")
    .setIssuer("wsis-hub-local")
    .setAudience("wsis-hub")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(new TextEncoder().encode(secret));
  db = new Client({ connectionString: hub.database.url });
  await db.connect();
});

afterAll(async () => {
  await db?.end();
  await hub?.stop();
});

/**
 * A signature of every table of a subgraph's schema that changes with any committed write: the row count and the
 * newest transaction id among the visible rows (`xmin`). An insert or an update leaves a row whose xmin is newer than
 * every other; a delete lowers the count (or, with an insert, leaves a newer xmin). A refused write commits nothing, so
 * the signature stays exactly the same. (Cheaper than hashing every row's text, which matters with 680 mutations.)
 */
async function signature(schema: string): Promise<string> {
  const tables = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind = 'r' ORDER BY 1`,
    [schema],
  );
  const sql = tables.rows
    .map(
      ({ name }) =>
        `SELECT '${name}' AS t, count(*)::text AS n, coalesce(max(xmin::text::bigint), 0)::text AS x FROM "${schema}"."${name}"`,
    )
    .join(" UNION ALL ");
  const rows = (await db.query<{ t: string; n: string; x: string }>(sql)).rows;
  return rows.map((r) => `${r.t}:${r.n}:${r.x}`).join(" ");
}

async function signatures(schemas: string[]): Promise<string[]> {
  const out: string[] = [];
  for (const schema of schemas) out.push(await signature(schema));
  return out;
}

async function send(c: FuzzCase, withToken: boolean): Promise<{ status: number; text: string }> {
  const response = await fetch(hub.gateways[0].url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json",
      ...(withToken ? { authorization: `Bearer ${token}` } : {}),
    },
    body: requestBody({
      query: c.query,
      variables: c.variables,
      operationName: "Fuzz",
      ...(c.extensions ? { extensions: c.extensions } : {}),
    }),
  });
  return { status: response.status, text: await response.text() };
}

/** What is wrong with an answer, or null. */
function judge(status: number, text: string): { why: string | null; refused: boolean } {
  if (status >= 500) return { why: `HTTP ${status}: ${text.slice(0, 300)}`, refused: true };
  let body: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>;
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { why: `HTTP ${status}, not JSON: ${text.slice(0, 200)}`, refused: true };
  }
  for (const error of body.errors ?? []) {
    const code = error.extensions?.code;
    if (code === "INTERNAL_SERVER_ERROR") return { why: `INTERNAL_SERVER_ERROR: ${error.message}`, refused: true };
    if (typeof code !== "string" || !CODE_REQUIRED.test(code))
      return { why: `an error without a code: ${error.message}`, refused: true };
    const shown = `${error.message ?? ""} ${JSON.stringify(error.extensions ?? {})}`;
    if (LEAK.test(shown)) return { why: `internals in an error: ${shown.slice(0, 300)}`, refused: true };
    if ("stacktrace" in (error.extensions ?? {}) || "exception" in (error.extensions ?? {}))
      return { why: "a stack trace in extensions", refused: true };
  }
  const refused = (body.errors?.length ?? 0) > 0;
  return { why: null, refused };
}

async function pool<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++]);
    }),
  );
}

function summary(cases: FuzzCase[]): string {
  const fields = new Set(cases.map((c) => c.target));
  const places = new Set(cases.map((c) => `${c.target} ${c.place}`));
  const labels = new Set(cases.map((c) => c.label));
  return `${fields.size} fields × ${places.size} places × ${labels.size} kinds of value → ${cases.length} cases`;
}

describe("schema fuzzer (seed " + SEED + ")", () => {
  const cases = fuzzCases(API_SCHEMA, BASELINES, { seed: SEED, perPlace: PER_PLACE });
  const queries = [...cases.filter((c) => c.kind === "query"), ...requestCases()];
  const mutations = cases.filter((c) => c.kind === "mutation");
  const owners = mutationOwners();

  it("covers every root field with arguments, every argument and every input field", () => {
    const fieldsWithArgs = [API_SCHEMA.getQueryType()!, API_SCHEMA.getMutationType()!].flatMap((t) =>
      Object.values(t.getFields())
        .filter((f) => f.args.length > 0)
        .map((f) => `${t.name}.${f.name}`),
    );
    const covered = new Set(cases.map((c) => c.target));
    expect(fieldsWithArgs.filter((f) => !covered.has(f))).toEqual([]);
    for (const mutation of Object.keys(API_SCHEMA.getMutationType()!.getFields()))
      expect(owners.has(mutation)).toBe(true);
    process.stdout.write(
      `fuzzer: ${summary(cases)} (queries ${queries.length}, mutations ${mutations.length}); each sent without and with a token\n`,
    );
  });

  it("answers every bad query argument with a client error: no 5xx, no INTERNAL_SERVER_ERROR, no internals", async () => {
    const failures: Failure[] = [];
    let sent = 0;
    await pool(
      queries.flatMap((c) => [false, true].map((withToken) => ({ c, withToken }))),
      CONCURRENCY,
      async ({ c, withToken }) => {
        const { status, text } = await send(c, withToken);
        sent++;
        const verdict = judge(status, text);
        if (verdict.why) failures.push({ case: c, token: withToken, why: verdict.why });
      },
    );
    process.stdout.write(`fuzzer: ${sent} query requests sent, ${failures.length} failed\n`);
    expect(
      failures.map(
        (f) =>
          `${f.case.target} ${f.case.place} = ${f.case.label} (${f.case.form}${f.token ? ", token" : ""}): ${f.why}`,
      ),
    ).toEqual([]);
  });

  it("refuses every bad mutation cleanly and a refused mutation writes nothing (row count and newest row version of every table)", async () => {
    const failures: Failure[] = [];
    const schemas = [...new Set(owners.values())];
    let sent = 0;
    let accepted = 0;

    // Without a token every mutation is refused and nothing anywhere changes.
    const before = await signatures(schemas);
    for (const c of mutations) {
      const { status, text } = await send(c, false);
      sent++;
      const verdict = judge(status, text);
      if (verdict.why) failures.push({ case: c, token: false, why: verdict.why });
      else if (!verdict.refused) failures.push({ case: c, token: false, why: "accepted without a token" });
    }
    expect(await signatures(schemas)).toEqual(before);

    // With a token of every scope: a refusal leaves the owner's schema exactly as it was; an accepted write (a bad
    // value can be a legitimate one: an injection string is a valid title) moves the baseline on.
    const state = new Map<string, string>();
    for (const schema of schemas) state.set(schema, await signature(schema));
    // The detector itself: a valid write (the baseline event, created then found) changes its schema's signature.
    const probe = await send(
      {
        ...mutations.find((c) => c.target === "Mutation.createEvent")!,
        variables: { input: { ...(BASELINES.byField["Mutation.createEvent.input"] as object), id: "fuzz-probe" } },
      },
      true,
    );
    expect(judge(probe.status, probe.text)).toEqual({ why: null, refused: false });
    const afterProbe = await signature("events");
    expect(afterProbe).not.toEqual(state.get("events"));
    state.set("events", afterProbe);
    for (const c of mutations) {
      const schema = owners.get(c.target.replace(/^Mutation\./, ""))!;
      const { status, text } = await send(c, true);
      sent++;
      const verdict = judge(status, text);
      const now = await signature(schema);
      if (verdict.why) failures.push({ case: c, token: true, why: verdict.why });
      else if (verdict.refused && now !== state.get(schema))
        failures.push({ case: c, token: true, why: `refused, yet ${schema} changed` });
      if (!verdict.refused) accepted++;
      state.set(schema, now);
    }
    process.stdout.write(
      `fuzzer: ${sent} mutation requests sent (${accepted} accepted as valid writes), ${failures.length} failed\n`,
    );
    expect(
      failures.map(
        (f) =>
          `${f.case.target} ${f.case.place} = ${f.case.label} (${f.case.form}${f.token ? ", token" : ""}): ${f.why}`,
      ),
    ).toEqual([]);
  }, 300_000); // every refused mutation is followed by a row count of every table: the indicators schema now holds 102,552 observations
});
