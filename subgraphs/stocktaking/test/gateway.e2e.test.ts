import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { manageKeys } from "@wsis/gateway/caller-keys";
import { composeSubgraphs, loadRegistrySdls } from "@wsis/gateway/composition";
import { loadGatewayConfig } from "@wsis/gateway/config";
import { DEFAULT_REGISTRY_PATH, parseRegistry, REPO_ROOT, subgraphUrlsAt, urlVariable } from "@wsis/gateway/registry";
import { createGateway, type GatewayServer } from "@wsis/gateway/server";
import { localToken } from "@wsis/gateway/token";
import { CALLER_JWKS_PATH, createLogger, remoteCallerKeys } from "@wsis/shared";
import { freePort, postGraphQL, startTestSubgraph, type TestSubgraph } from "@wsis/shared/testing";
import { stocktakingModule } from "../src/module";
import type { SeedCounts } from "../src/seed/seed";

/**
 * End to end through the real gateway over HTTP: the registry (supergraph.yaml) with the stocktaking subgraph
 * registered as README "Adding a subgraph" says (if it is not yet), the supergraph composed from it, the gateway
 * signing the caller for the subgraph, which verifies it with the gateway's published keys. Only this subgraph runs;
 * the others point to a closed port. TEST FIXTURE entries only.
 */
const ENTRY = `  stocktaking:
    routing_url: http://127.0.0.1:4005/graphql
    schema:
      file: ./subgraphs/stocktaking/schema.graphql
    hub:
      workspace: ./subgraphs/stocktaking
      caller: true
`;

let gateway: GatewayServer;
let sg: TestSubgraph<SeedCounts>;
let url: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), "wsis-stocktaking-e2e-"));
  let text = readFileSync(DEFAULT_REGISTRY_PATH, "utf8");
  if (!/^ {2}stocktaking:/m.test(text)) text = text.replace(/^hub:/m, `${ENTRY}hub:`);
  // The copy lives elsewhere: its relative paths are made absolute (they are taken from the registry's folder).
  text = text.replace(/(:|-) \.\//g, `$1 ${REPO_ROOT}/`);
  const registryFile = path.join(dir, "supergraph.yaml");
  writeFileSync(registryFile, text);
  const registry = parseRegistry(text, registryFile);
  const composed = composeSubgraphs(await loadRegistrySdls(registry));
  if (!composed.supergraphSdl) throw new Error(JSON.stringify(composed.problems));
  const supergraphFile = path.join(dir, "supergraph.graphql");
  writeFileSync(supergraphFile, composed.supergraphSdl);
  const keysFile = path.join(dir, "caller-signing-keys.json");
  manageKeys("new", keysFile);

  const gatewayPort = await freePort();
  sg = await startTestSubgraph(stocktakingModule, {
    callerKeys: remoteCallerKeys(`http://127.0.0.1:${gatewayPort}${CALLER_JWKS_PATH}`),
  });
  const config = loadGatewayConfig({
    ...subgraphUrlsAt("http://127.0.0.1:1/graphql", registry),
    [urlVariable("stocktaking")]: sg.url,
    REGISTRY_PATH: registryFile,
    SUPERGRAPH_PATH: supergraphFile,
    CALLER_SIGNING_KEYS_FILE: keysFile,
    NODE_ENV: "test",
  });
  gateway = await createGateway(config, createLogger("gateway", process.env.TEST_LOG_LEVEL ?? "silent"));
  url = `http://127.0.0.1:${await gateway.listen(gatewayPort)}/graphql`;
});
afterAll(async () => {
  await gateway?.stop();
  await sg?.stop();
});

const bearer = async (agency: string, scopes: string[]) => ({
  authorization: `Bearer ${await localToken({ agency, subject: `${agency.toLowerCase()}-e2e`, scopes, ttlSeconds: 600 }, { NODE_ENV: "test" })}`,
});
const query = <T>(q: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
  postGraphQL<T>(url, q, variables, headers);

describe("the stocktaking subgraph through the gateway", () => {
  it("takes a submission, its moderation and an award; the public then finds the entry by its words and in the statistics", async () => {
    const itu = await bearer("ITU", ["stocktaking:submit", "stocktaking:moderate"]);
    const submitted = await query<{ submitStocktakingEntry: { id: string; status: string; submittedBy: string } }>(
      `mutation($input: SubmitStocktakingEntryInput!) { submitStocktakingEntry(input: $input) { id status submittedBy } }`,
      {
        input: {
          title: "TEST FIXTURE e2e: mobile clinics",
          description: "A test fixture: telemedicine vans.",
          organisation: "Test fixture",
          stakeholderType: "GOVERNMENT",
          actionLines: ["C7.e-health"],
          economies: ["KEN"],
          sdgGoals: ["3"],
          start: "2023",
        },
      },
      itu,
    );
    expect(submitted.errors).toBeUndefined();
    const { id } = submitted.data!.submitStocktakingEntry;
    expect(submitted.data!.submitStocktakingEntry).toMatchObject({ status: "SUBMITTED", submittedBy: "ITU" });
    const find = `{ stocktakingEntries(filter: { text: "telemedicine van", economy: "KEN" }) { totalCount edges { node { id awards { rank } } } } stocktakingStatistics { total } }`;
    expect(
      (await query<{ stocktakingEntries: { totalCount: number } }>(find)).data!.stocktakingEntries.totalCount,
    ).toBe(0);
    for (const to of ["UNDER_REVIEW", "PUBLISHED"]) {
      const res = await query(
        `mutation($id: ID!, $to: StocktakingEntryStatus!) { moderateStocktakingEntry(id: $id, to: $to) { status } }`,
        { id, to },
        itu,
      );
      expect(res.errors).toBeUndefined();
    }
    const awarded = await query(
      `mutation($input: AwardPrizeInput!) { awardPrize(input: $input) { rank } }`,
      { input: { cycle: 2025, category: "C7.e-health", rank: "CHAMPION", entry: id } },
      itu,
    );
    expect(awarded.errors).toBeUndefined();
    // Public answers are cached for up to a minute (the subgraph's hint): the same query would be answered from the
    // gateway's response cache, from before the publication; another one is not.
    const found = await query<{
      stocktakingEntries: { totalCount: number; edges: unknown[] };
      stocktakingStatistics: { total: number };
    }>(find.replace("totalCount", "totalCount __typename"));
    expect(found.data).toEqual({
      stocktakingEntries: {
        totalCount: 1,
        __typename: "StocktakingEntryConnection",
        edges: [{ node: { id, awards: [{ rank: "CHAMPION" }] } }],
      },
      stocktakingStatistics: { total: 1 },
    });
  });

  it("answers the refusals with their codes, never a stack trace", async () => {
    const anonymous = await query(`mutation { moderateStocktakingEntry(id: "1", to: PUBLISHED) { status } }`);
    expect(anonymous.errors![0].extensions).toMatchObject({ code: "UNAUTHENTICATED" });
    const undp = await query(
      `mutation { moderateStocktakingEntry(id: "1", to: PUBLISHED) { status } }`,
      {},
      await bearer("UNDP", ["stocktaking:moderate"]),
    );
    expect(undp.errors![0].extensions).toMatchObject({ code: "FORBIDDEN" });
    const bad = await query(
      `mutation { importStocktakingEntries(input: { csv: "title,description,organisation,stakeholder_type,action_lines\\nTEST FIXTURE,x,y,GOVERNMENT,C12" }) { entries { id } } }`,
      {},
      await bearer("UNESCO", ["stocktaking:submit"]),
    );
    expect(bad.errors![0].extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "input.csv",
      invalidRows: [{ line: 2, field: "action_lines" }],
    });
    expect(JSON.stringify([anonymous, undp, bad])).not.toMatch(/stack|SELECT|INSERT|at .*\.ts/);
  });

  it("serves the prizes to anyone, cacheable", async () => {
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ prizeCycle(year: 2025) { title phases { phase } } }" }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toMatch(/max-age=\d+/);
    const body = (await res.json()) as { data: { prizeCycle: { title: string; phases: unknown[] } } };
    expect(body.data.prizeCycle.title).toBe("WSIS Prizes 2025");
  });
});
