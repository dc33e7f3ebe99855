import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { inRepoSubgraphs, readRegistry } from "@wsis/gateway/registry";
import { freePort } from "@wsis/shared/testing";
import { eventually, HubProcess, post, startProcessHub, type ProcessHub } from "./gateway-fixture";
import { localToken } from "./tokens";

/**
 * An agency's subgraph joins the hub by a registry edit alone: examples/regional-commissions (its own package, outside
 * the workspaces, no code of the hub) runs as its own process; a copy of supergraph.yaml gains its entry; the check
 * passes; the composed supergraph is written and the running gateway reloads it. Then a query crosses from Economy
 * to the commissions and back to the indicators; the caller reaches it signed (and not at all once its entry says
 * so); it stopped gives partial results naming it; a breaking change to its schema is caught by the check.
 */
const ROOT = path.resolve(__dirname, "../..");
const EXAMPLE = path.join(ROOT, "examples/regional-commissions");
const COMPOSE = path.join(ROOT, "gateway/dist/compose.js");
const JWT_SECRET = "federation-e2e-token-secret-0123456789";
const run = promisify(execFile);

let hub: ProcessHub;
let example: HubProcess;
let gateway: HubProcess;
let dir: string;
let registry: string;
let supergraph: string;

/** `node gateway/dist/compose.js <args>` (npm run compose -- <args>): its exit code and everything it printed. */
async function compose(...args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [COMPOSE, ...args], {
      cwd: ROOT,
      env: { ...process.env, APOLLO_TELEMETRY_DISABLED: "true" },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
}

const token = (scopes: string[]) => localToken("ITU", scopes, "itu-statistician", JWT_SECRET);

const ready = async () =>
  (await (await fetch(`${gateway.baseUrl}/health/ready`)).json()) as {
    supergraph: { hash: string; subgraphs: string[] };
    subgraphs: Record<string, string>;
  };

beforeAll(async () => {
  // A clean clone has not installed the example (CI runs `npm ci` in it; so does this test when it must).
  if (!existsSync(path.join(EXAMPLE, "node_modules/@apollo/subgraph"))) {
    execFileSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: EXAMPLE, stdio: "ignore" });
  }
  hub = await startProcessHub({ subgraphs: inRepoSubgraphs(readRegistry()).map((s) => s.name) });
  // The example verifies callers with the gateways' public keys (every gateway of this hub signs with the same key).
  example = new HubProcess("regional-commissions", path.join(EXAMPLE, "server.js"), await freePort(), {
    CALLER_JWKS_URL: `${hub.gateways[0].baseUrl}/.well-known/jwks.json`,
  });
  await example.startAndWait("/health/ready");

  // The hub's registry, copied: paths made absolute, the in-repo subgraphs where this test runs them.
  dir = await mkdtemp(path.join(tmpdir(), "wsis-federation-"));
  registry = path.join(dir, "supergraph.yaml");
  supergraph = path.join(dir, "supergraph.graphql");
  writeFileSync(
    registry,
    readFileSync(path.join(ROOT, "supergraph.yaml"), "utf8").replace(/(: |- )\.\//g, `$1${ROOT}/`),
  );
  expect((await compose("--config", registry, "--out", supergraph)).code).toBe(0);
  gateway = await hub.startGateway({
    REGISTRY_PATH: registry,
    SUPERGRAPH_PATH: supergraph,
    SUPERGRAPH_POLL_MS: "100",
    JWT_SECRET,
  });
}, 240_000);

afterAll(async () => {
  await example?.stop();
  await hub?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const ENTRY = () => `  regional-commissions:
    routing_url: ${example.url}
    schema:
      subgraph_url: ${example.url}
    hub:
      caller: true
`;

describe("an agency's subgraph joins the hub", () => {
  it("by an entry in supergraph.yaml alone: checked, composed, and reloaded by the running gateway", async () => {
    const before = await ready();
    expect(before.supergraph.subgraphs).not.toContain("regional-commissions");
    expect((await post(gateway.url, { query: "{ regionalCommissions { code } }" })).errors?.[0].extensions?.code).toBe(
      "GRAPHQL_VALIDATION_FAILED",
    );

    // The registry edit: the entry, and the example's README among the operations the check validates.
    const edited = readFileSync(registry, "utf8").replace(
      /^hub:\n {2}operations:\n/m,
      `${ENTRY()}hub:\n  operations:\n    - ${EXAMPLE}/README.md\n`,
    );
    writeFileSync(registry, edited);
    const check = await compose("--check", "--config", registry, "--supergraph", supergraph);
    expect(check).toEqual({
      code: 0,
      output: expect.stringMatching(/^ok: the proposed supergraph composes, breaks nothing/),
    });
    expect((await compose("--config", registry, "--out", supergraph)).code).toBe(0);

    const after = await eventually(async () => {
      const state = await ready();
      return state.supergraph.hash !== before.supergraph.hash ? state : undefined;
    });
    expect(after.supergraph.subgraphs).toContain("regional-commissions");
    expect(after.subgraphs["regional-commissions"]).toBe("ok");
  });

  it("answers a query that crosses from Economy to its commissions and back to the indicators", async () => {
    const reply = await post<{
      economy: {
        name: string;
        latestValues: unknown[];
        regionalCommissions: Array<{
          kind: string;
          verified: boolean;
          source: { url: string };
          commission: {
            code: string;
            memberships: Array<{
              verified: boolean;
              economy: { code: string; name: string | null; m49: string | null };
            }>;
          };
        }>;
      };
    }>(gateway.url, {
      query: `{ economy(code: "KAZ") {
        name latestValues { year }
        regionalCommissions { kind verified source { url } commission { code memberships(kind: MEMBER) { verified economy { code name m49 } } } }
      } }`,
    });
    expect(reply.errors).toBeUndefined();
    const { economy } = reply.data!;
    expect(economy.name).toBe("Kazakhstan");
    expect(economy.latestValues.length).toBeGreaterThan(0);
    const byCode = Object.fromEntries(economy.regionalCommissions.map((m) => [m.commission.code, m]));
    expect(Object.keys(byCode).sort()).toEqual(["ECE", "ESCAP"]);
    // Verified on the commission's own page for ECE; a lead (an encyclopedia copy) for ESCAP.
    expect(byCode.ECE).toMatchObject({
      kind: "MEMBER",
      verified: true,
      source: { url: "https://unece.org/geographical-scope" },
    });
    expect(byCode.ESCAP.verified).toBe(false);
    // Back to the indicators subgraph: every member of ECE is an economy of the hub, with its name and M49 code.
    const ece = byCode.ECE.commission.memberships;
    expect(ece).toHaveLength(56);
    expect(ece.filter((m) => m.verified)).toHaveLength(8);
    expect(ece.every((m) => m.economy.name && m.economy.m49)).toBe(true);

    // Every one of the 253 memberships points to an economy the indicators subgraph knows; 37 are verified.
    const all = await post<{
      regionalCommissions: Array<{ memberships: Array<{ verified: boolean; economy: { name: string | null } }> }>;
    }>(gateway.url, {
      query: "{ regionalCommissions { memberships { verified economy { name } } } }",
    });
    expect(all.errors).toBeUndefined();
    const memberships = all.data!.regionalCommissions.flatMap((c) => c.memberships);
    expect(memberships).toHaveLength(253);
    expect(memberships.filter((m) => m.verified)).toHaveLength(37);
    expect(memberships.filter((m) => !m.economy.name)).toEqual([]);
  });

  it("extends Agency where a commission is one, and points back to the hub's agency", async () => {
    const reply = await post<{
      agency: { name: string; regionalCommissions: Array<{ code: string; agency: { id: string } }> };
      other: { regionalCommissions: unknown[] };
    }>(gateway.url, {
      query:
        '{ agency(id: "UNRC") { name regionalCommissions { code agency { id } } } other: agency(id: "ITU") { regionalCommissions { code } } }',
    });
    expect(reply.errors).toBeUndefined();
    expect(reply.data!.agency.regionalCommissions.map((c) => c.code)).toEqual([
      "ECA",
      "ECE",
      "ECLAC",
      "ESCAP",
      "ESCWA",
    ]);
    expect(reply.data!.agency.regionalCommissions.every((c) => c.agency.id === "UNRC")).toBe(true);
    expect(reply.data!.other.regionalCommissions).toEqual([]);
  });

  it("receives the caller signed by the gateway and verifies it with the JWKS; none at all once its entry says caller: false", async () => {
    const query = { query: "{ regionalCommissionsCaller { agency subject scopes } }" };
    expect((await post(gateway.url, query)).data).toEqual({ regionalCommissionsCaller: null });
    const auth = { authorization: `Bearer ${await token(["events:write"])}` };
    expect((await post(gateway.url, query, auth)).data).toEqual({
      regionalCommissionsCaller: { agency: "ITU", subject: "itu-statistician", scopes: ["events:write"] },
    });

    writeFileSync(
      registry,
      readFileSync(registry, "utf8").replace(
        `subgraph_url: ${example.url}\n    hub:\n      caller: true`,
        `subgraph_url: ${example.url}\n    hub:\n      caller: false`,
      ),
    );
    gateway.kill("SIGHUP"); // the registry is read again with the supergraph
    await eventually(async () =>
      (await post(gateway.url, query, auth)).data?.regionalCommissionsCaller === null ? true : undefined,
    );
  });

  it("has a breaking change to its schema caught by the check, with the operations it would break", async () => {
    const broken = path.join(dir, "broken.graphql");
    writeFileSync(
      broken,
      readFileSync(path.join(EXAMPLE, "schema.graphql"), "utf8").replace(
        /\n {2}"""City and country of its headquarters"""\n {2}headquarters: String!/,
        "",
      ),
    );
    const check = await compose(
      "--check",
      "--config",
      registry,
      "--supergraph",
      supergraph,
      "--subgraph",
      "regional-commissions",
      "--schema",
      broken,
    );
    process.stdout.write(
      `\n$ npm run compose -- --check --subgraph regional-commissions --schema broken.graphql\n${check.output}\n`,
    );
    expect(check.code).toBe(1);
    expect(check.output).toMatch(/^\d+ problem\(s\): the proposed supergraph must not go live/);
    expect(check.output).toContain(
      "breaking    FIELD_REMOVED [regional-commissions] RegionalCommission.headquarters: Field 'headquarters' was removed from object type 'RegionalCommission'",
    );
    expect(check.output).toMatch(
      /operation {3}OPERATION_INVALID examples\/regional-commissions\/README\.md#\d+: Cannot query field "headquarters" on type "RegionalCommission"/,
    );
    // The running subgraph itself, asked for its SDL, passes.
    expect(
      (
        await compose(
          "--check",
          "--config",
          registry,
          "--supergraph",
          supergraph,
          "--subgraph",
          "regional-commissions",
          "--url",
          example.url,
        )
      ).code,
    ).toBe(0);
  });

  it("stopped, leaves partial results: its fields null with an error naming it, everything else served", async () => {
    example.kill("SIGKILL");
    await example.exited;
    const reply = await post<{
      sdgGoals: unknown[];
      regionalCommissions: null;
      economy: { name: string; regionalCommissions: null };
    }>(gateway.url, {
      query:
        '{ sdgGoals { code } regionalCommissions { code } economy(code: "KEN") { name regionalCommissions { kind } } }',
    });
    expect(reply.data!.sdgGoals).toHaveLength(17);
    expect(reply.data!.regionalCommissions).toBeNull();
    expect(reply.data!.economy).toEqual({ name: "Kenya", regionalCommissions: null });
    expect(reply.errors!.length).toBeGreaterThan(0);
    for (const error of reply.errors!) {
      expect(error).toMatchObject({
        message: "The regional-commissions service is unavailable",
        extensions: { code: "SUBGRAPH_UNAVAILABLE", service: "regional-commissions" },
      });
    }
    expect((await ready()).subgraphs["regional-commissions"]).toBe("unavailable");
  });
});
