import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createTestDatabase, freePort, postGraphQL, type TestDatabase } from "@wsis/shared/testing";
import { urlVariable } from "@wsis/gateway/registry";
import { layOutImage, type ImageLayout } from "./image-layout";
import { hubSubgraphs } from "./deploy-rules";

/**
 * The Dockerfile's runtime image, laid out without Docker (image-layout.ts: the deps stage's `npm ci --omit=dev` as
 * written, then the runtime stage's COPY instructions) and run as a container would run it: its ENV, the entry point
 * `wsis-hub migrate` on a fresh database, then every subgraph and the gateway started by name, in production mode.
 * Proves the image has everything each process needs (compiled code, data, supergraph, dashboard, dependencies).
 */
let root: string;
let layout: ImageLayout;
let database: TestDatabase;
const processes: Array<{ name: string; child: ChildProcess; output: string[] }> = [];
let gatewayUrl: string;

function start(name: string, env: Record<string, string>): void {
  const child = spawn("sh", [layout.entrypoint, name], {
    env: { PATH: process.env.PATH as string, ...layout.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  for (const stream of [child.stdout, child.stderr])
    stream?.on("data", (chunk: Buffer) => output.push(chunk.toString()));
  processes.push({ name, child, output });
}

async function waitReady(url: string, name: string): Promise<void> {
  const deadline = Date.now() + 90_000;
  const proc = processes.find((p) => p.name === name);
  while (Date.now() < deadline) {
    if (proc && proc.child.exitCode !== null) throw new Error(`${name} exited: ${proc.output.join("")}`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2000) })).ok) return;
    } catch {
      // not yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name} not ready at ${url}: ${proc?.output.join("")}`);
}

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), "wsis-image-"));
  layout = layOutImage(root);
  database = await createTestDatabase("image");
  const common = { WSIS_APP_ROOT: layout.app, HOST: "127.0.0.1", LOG_LEVEL: "warn", DATABASE_URL: database.url };
  const keys = path.join(root, "caller-signing-keys.json");
  const made = spawnSync("sh", [layout.entrypoint, "caller-keys", "new", keys], {
    env: { PATH: process.env.PATH as string, ...layout.env, ...common },
    encoding: "utf8",
  });
  expect(made.status).toBe(0);
  const gatewayPort = await freePort();
  const jwks = `http://127.0.0.1:${gatewayPort}/.well-known/jwks.json`;
  const migrate = spawnSync("sh", [layout.entrypoint, "migrate"], {
    env: { PATH: process.env.PATH as string, ...layout.env, ...common, CALLER_JWKS_URL: jwks },
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
  });
  expect([
    migrate.status,
    migrate.stderr
      .split("\n")
      .filter((l) => /error|fail/i.test(l))
      .slice(0, 5),
  ]).toEqual([0, []]);
  const urls: Record<string, string> = {};
  for (const s of hubSubgraphs()) {
    const port = await freePort();
    urls[urlVariable(s.name)] = `http://127.0.0.1:${port}/graphql`;
    start(s.name, { ...common, PORT: String(port), CALLER_JWKS_URL: jwks });
  }
  start("gateway", { ...common, ...urls, PORT: String(gatewayPort), CALLER_SIGNING_KEYS_FILE: keys });
  gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
  for (const [variable, url] of Object.entries(urls)) {
    const name = hubSubgraphs().find((s) => urlVariable(s.name) === variable)?.name as string;
    await waitReady(url.replace(/graphql$/, "health/ready"), name);
  }
  await waitReady(`${gatewayUrl}/health/ready`, "gateway");
}, 900_000);

afterAll(async () => {
  for (const p of processes) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  await database?.drop();
  if (root) rmSync(root, { recursive: true, force: true });
});

it("runs in production mode with telemetry off, from the image's ENV", () => {
  expect(layout.env).toMatchObject({ NODE_ENV: "production", APOLLO_TELEMETRY_DISABLED: "true" });
});

it("the gateway is ready with every subgraph of the registry", async () => {
  const ready = (await (await fetch(`${gatewayUrl}/health/ready`)).json()) as {
    status: string;
    subgraphs: Record<string, string>;
  };
  expect(ready.status).toBe("ok");
  expect(Object.keys(ready.subgraphs).sort()).toEqual(
    hubSubgraphs()
      .map((s) => s.name)
      .sort(),
  );
});

it("answers a query across the subgraphs from the seeded data, and serves the dashboard's built page", async () => {
  const result = await postGraphQL<{
    actionLine: { code: string; facilitators: Array<{ id: string }>; events: unknown[]; reports: unknown[] };
    economy: { name: string };
  }>(
    `${gatewayUrl}/graphql`,
    '{ actionLine(code: "C5") { code facilitators { id } events { id } reports { id } } economy(code: "KEN") { name } }',
  );
  expect(result.errors).toBeUndefined();
  expect(result.data?.actionLine.facilitators.map((f) => f.id)).toContain("ITU");
  expect(result.data?.actionLine.events.length).toBeGreaterThan(0);
  expect(result.data?.actionLine.reports.length).toBeGreaterThan(0);
  expect(result.data?.economy.name).toBe("Kenya");
  const page = await fetch(`${gatewayUrl}/dashboard/`);
  expect(page.status).toBe(200);
  expect(await page.text()).toMatch(/<script[^>]+src="\/dashboard\/assets\//);
});

it("every process stops cleanly on SIGTERM (the entry point execs node, which receives the signal)", async () => {
  const exits = await Promise.all(
    processes.map(
      (p) =>
        new Promise<[string, number | null]>((resolve) => {
          p.child.once("exit", (code) => resolve([p.name, code]));
          p.child.kill("SIGTERM");
        }),
    ),
  );
  expect(exits).toEqual(processes.map((p) => [p.name, 0]));
});
