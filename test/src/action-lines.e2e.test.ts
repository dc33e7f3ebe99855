import { readFileSync } from "node:fs";
import path from "node:path";
import { readRegistry } from "@wsis/gateway/registry";
import { startHub, type TestHub } from "./hub";

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.stop();
});

const matrixFile = path.resolve(__dirname, "../../subgraphs/action-lines/data/wsis_sdg_matrix_links.csv");

describe("the action-lines part of the graph, through the gateway over HTTP", () => {
  it("answers the contract query for C5 with real data", async () => {
    const res = await hub.query<{
      actionLine: {
        title: string;
        facilitators: Array<{ id: string; name: string }>;
        sdgTargets: Array<{ code: string; title: string; goal: { code: string } }>;
      };
    }>('{ actionLine(code: "C5") { title facilitators { id name } sdgTargets { code title goal { code } } } }');
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    const line = res.data!.actionLine;
    expect(line.title).toBe("Building confidence and security in the use of ICTs");
    expect(line.facilitators).toEqual([{ id: "ITU", name: "International Telecommunication Union" }]);
    const c5Targets = readFileSync(matrixFile, "utf8")
      .split("\n")
      .filter((l) => l.startsWith("C5,"))
      .map((l) => l.split(",")[2])
      .filter(Boolean);
    expect(line.sdgTargets.map((t) => t.code).sort()).toEqual([...new Set(c5Targets)].sort());
    for (const t of line.sdgTargets) expect(t.goal.code).toBe(t.code.split(".")[0]);
  });

  it("returns 17 goals and 169 targets", async () => {
    const res = await hub.query<{ sdgGoals: Array<{ code: string; targets: Array<{ code: string }> }> }>(
      "{ sdgGoals { code targets { code } } }",
    );
    expect(res.data!.sdgGoals).toHaveLength(17);
    expect(res.data!.sdgGoals.flatMap((g) => g.targets)).toHaveLength(169);
  });

  it("serves as many matrix links as the shipped data has", async () => {
    const res = await hub.query<{ actionLines: Array<{ sdgLinks: unknown[] }> }>("{ actionLines { sdgLinks { id } } }");
    const fileLinks = readFileSync(matrixFile, "utf8").trim().split("\n").length - 1;
    expect(res.data!.actionLines.flatMap((l) => l.sdgLinks)).toHaveLength(fileLinks);
  });

  it("walks the matrix both ways", async () => {
    const res = await hub.query<{
      sdgTarget: { actionLines: Array<{ code: string }> };
      sdgGoal: { actionLines: Array<{ code: string }> };
    }>('{ sdgTarget(code: "17.8") { actionLines { code } } sdgGoal(code: "17") { actionLines { code } } }');
    expect(res.data!.sdgTarget.actionLines.map((l) => l.code)).toEqual([
      "C1",
      "C5",
      "C7.e-government",
      "C7.e-health",
      "C10",
    ]);
    expect(res.data!.sdgGoal.actionLines.length).toBeGreaterThan(5);
  });

  it("gives null for unknown codes and BAD_USER_INPUT naming a malformed argument, without internals", async () => {
    const unknown = await hub.query('{ actionLine(code: "C42") { code } agency(id: "XYZ") { id } }');
    expect(unknown.errors).toBeUndefined();
    expect(unknown.data).toEqual({ actionLine: null, agency: null });
    const malformed = await hub.query('{ sdgTarget(code: "17/8") { code } }');
    expect(malformed.errors![0].extensions!.code).toBe("BAD_USER_INPUT");
    expect(malformed.errors![0].message).toContain('"code"');
    expect(JSON.stringify(malformed)).not.toMatch(/stacktrace|\.ts:\d+/);
  });

  it("does not grow SQL statements with the number of action lines (N+1) through the gateway", async () => {
    const q = (field: string) =>
      `{ ${field} { facilitators { id } sdgTargets { code goal { code } indicators { code } } } }`;
    const all = await hub.countStatements(() => hub.query(q("actionLines")));
    const one = await hub.countStatements(() => hub.query(q('actionLine(code: "C3")')));
    expect(all).toBe(7);
    // A single line needs the same statements as all of them, less the list query.
    expect(one).toBeLessThanOrEqual(all);
  });
});

describe("the gateway's own routes", () => {
  it("serves a GraphQL IDE at /ide that loads nothing from the internet", async () => {
    const page = await fetch(`${hub.baseUrl}/ide`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("GraphiQL");
    const sources = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
    expect(sources.length).toBeGreaterThanOrEqual(4);
    for (const source of sources) {
      expect(source.startsWith("/")).toBe(true);
      const asset = await fetch(`${hub.baseUrl}${source}`);
      expect(asset.status).toBe(200);
    }
  });

  it("reports readiness of every subgraph", async () => {
    // Every subgraph of the registry (supergraph.yaml), in name order: a subgraph added there is expected here too.
    const registered = readRegistry()
      .subgraphs.map((s) => s.name)
      .sort();
    expect(registered).toEqual(
      expect.arrayContaining(["action-lines", "events", "indicators", "reports", "stocktaking"]),
    );
    const res = await fetch(`${hub.baseUrl}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: "ok",
      service: "gateway",
      supergraph: { hash: hub.gateway.supergraph().hash, subgraphs: registered },
      subgraphs: Object.fromEntries(registered.map((name) => [name, "ok"])),
    });
  });
});
