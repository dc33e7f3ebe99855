import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, postGraphQL } from "@wsis/shared/testing";
import { startHub, type TestHub } from "./hub";
import { readmeQueries } from "./readme-queries";

/**
 * Another router over the same supergraph: the README's queries return the same data through Hive Gateway
 * (@graphql-hive/gateway's CLI, as the benchmark runs it: one process, the committed supergraph with the subgraphs'
 * URLs of this test) as through the hub's gateway, both over real HTTP to the same subgraphs and database. Hive does
 * not sign a caller, so the subgraphs see an anonymous reader through it — as they do through the hub's gateway
 * for these queries, which carry no token.
 */
let hub: TestHub;
let hive: ChildProcess | undefined;
let hiveUrl: string;
let dir: string;
const hiveOutput: string[] = [];

/** The committed supergraph with each subgraph's URL replaced by where this test runs it. */
function supergraphAt(urls: Record<string, string>): string {
  const sdl = readFileSync(path.resolve(__dirname, "../../gateway/supergraph.graphql"), "utf8");
  const named = new Set<string>();
  const out = sdl.replace(/@join__graph\(name: "([^"]+)", url: "[^"]*"\)/g, (whole, name: string) => {
    if (!urls[name]) return whole;
    named.add(name);
    return `@join__graph(name: "${name}", url: "${urls[name]}")`;
  });
  expect([...named].sort()).toEqual(Object.keys(urls).sort());
  return out;
}

async function waitUntilReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (hive?.exitCode !== null) throw new Error(`hive-gateway exited:\n${hiveOutput.join("")}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(1000) })).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`hive-gateway did not become ready within ${timeoutMs / 1000} s:\n${hiveOutput.join("")}`);
}

beforeAll(async () => {
  hub = await startHub({ databaseName: "hive" });
  dir = mkdtempSync(path.join(os.tmpdir(), "wsis-hive-"));
  const supergraphPath = path.join(dir, "supergraph.graphql");
  writeFileSync(
    supergraphPath,
    supergraphAt(Object.fromEntries(Object.entries(hub.subgraphs).map(([name, s]) => [name, s.url]))),
  );
  // As in the benchmark: no merging of identical in-flight subgraph requests, no response cache.
  const configPath = path.join(dir, "hive-gateway.config.mjs");
  writeFileSync(
    configPath,
    `export const gatewayConfig = { transportEntries: { "*.http": { options: { deduplicateInflightRequests: false } } } };\n`,
  );
  const port = await freePort();
  const bin = path.join(path.dirname(require.resolve("@graphql-hive/gateway/package.json")), "dist/bin.js");
  const env: NodeJS.ProcessEnv = { ...process.env, APOLLO_TELEMETRY_DISABLED: "true", NODE_ENV: "production" };
  for (const name of Object.keys(env)) if (name.startsWith("HIVE_")) delete env[name];
  hive = spawn(
    process.execPath,
    [
      bin,
      "supergraph",
      supergraphPath,
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
      "--fork",
      "1",
      "--config-path",
      configPath,
    ],
    {
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  for (const stream of [hive.stdout, hive.stderr])
    stream?.on("data", (chunk: Buffer) => hiveOutput.push(chunk.toString()));
  hiveUrl = `http://127.0.0.1:${port}/graphql`;
  await waitUntilReady(`http://127.0.0.1:${port}/readiness`, 90_000);
});

afterAll(async () => {
  if (hive && hive.exitCode === null) {
    const exited = new Promise((resolve) => hive?.once("exit", resolve));
    hive.kill("SIGTERM");
    const timer = setTimeout(() => hive?.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  }
  await hub?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const queries = readmeQueries();

it("finds the README's example queries", () => {
  expect(queries.length).toBeGreaterThan(15);
});

it.each(queries.map((q) => [q.replace(/\s+/g, " ").slice(0, 90), q]))(
  "returns the same data through Hive Gateway: %s",
  async (_name, query) => {
    const ours = await hub.query(query);
    const theirs = await postGraphQL(hiveUrl, query);
    expect(ours.errors).toBeUndefined();
    expect(theirs.errors).toBeUndefined();
    expect(theirs.data).toEqual(ours.data);
  },
);
