import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { freePort, isPortFree, postGraphQL } from "@wsis/shared/testing";
import { localToken } from "../../test/src/tokens";

const START = path.resolve(__dirname, "../dist/start.js");

interface Run {
  lines: string[];
  exited: Promise<number | null>;
  child: ReturnType<typeof spawn>;
  waitFor(pattern: RegExp, timeoutMs: number): Promise<string>;
}

/** Runs `npm start`'s script (built by the test task's build dependency) with the given environment. */
function run(env: Record<string, string>): Run {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, APOLLO_TELEMETRY_DISABLED: "true" };
  if (!("DATABASE_URL" in env)) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [START], { env: childEnv, stdio: ["ignore", "pipe", "pipe"] });
  const lines: string[] = [];
  const listeners: Array<() => void> = [];
  const onData = (chunk: Buffer) => {
    lines.push(...chunk.toString().split("\n").filter(Boolean));
    listeners.forEach((l) => l());
  };
  child.stdout.on("data", onData);
  child.stderr.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    lines,
    exited,
    child,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const hit = lines.find((l) => pattern.test(l));
          if (hit) {
            clearTimeout(timer);
            resolve(hit);
          }
        };
        const timer = setTimeout(
          () => reject(new Error(`no line matching ${pattern} within ${timeoutMs} ms:\n${lines.join("\n")}`)),
          timeoutMs,
        );
        listeners.push(check);
        void exited.then(() =>
          setTimeout(() => reject(new Error(`exited before ${pattern}:\n${lines.join("\n")}`)), 50),
        );
        check();
      }),
  };
}

async function ports() {
  return {
    PORT: String(await freePort()),
    ACTION_LINES_PORT: String(await freePort()),
    EVENTS_PORT: String(await freePort()),
    INDICATORS_PORT: String(await freePort()),
    REPORTS_PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
  };
}

describe("npm start (infra/dist/start.js)", () => {
  let dataParent: string;
  beforeAll(async () => {
    dataParent = await mkdtemp(path.join(tmpdir(), "wsis-start-"));
    await chmod(dataParent, 0o755);
  });
  afterAll(async () => {
    await rm(dataParent, { recursive: true, force: true });
  });

  it("runs the whole hub on an embedded PostgreSQL, and Ctrl-C stops every process", async () => {
    const p = await ports();
    const hub = run({ ...p, EMBEDDED_PG_DATA: path.join(dataParent, "pg") });
    await hub.waitFor(/ready: GraphQL IDE at http/, 120000);
    const res = await postGraphQL<{ sdgGoals: unknown[] }>(
      `http://127.0.0.1:${p.PORT}/graphql`,
      "{ sdgGoals { code } }",
    );
    expect(res.data!.sdgGoals).toHaveLength(17);
    // A write with no configuration: the gateway signs the caller with its local key, the subgraph verifies it with the
    // keys it fetches from the gateway (it started first).
    const token = await localToken("ITU", ["events:write"]);
    const write = await postGraphQL<{ updateEvent: { note: string } }>(
      `http://127.0.0.1:${p.PORT}/graphql`,
      'mutation { updateEvent(id: "wsis-forum-2025", input: { note: "Written through npm start" }) { note } }',
      {},
      { authorization: `Bearer ${token}` },
    );
    expect(write.errors).toBeUndefined();
    expect(write.data!.updateEvent.note).toBe("Written through npm start");
    hub.child.kill("SIGINT");
    expect(await hub.exited).toBe(0);
    for (const port of Object.values(p)) expect(await isPortFree(Number(port))).toBe(true);

    // A second start over the same data directory keeps the data and duplicates nothing; with a registry that also
    // lists a subgraph run by someone else, it reports whether that one answers.
    const root = path.resolve(__dirname, "../..");
    const registry = path.join(dataParent, "supergraph.yaml");
    const external = `  regional-commissions:\n    routing_url: http://127.0.0.1:${await freePort()}/graphql\n    schema: { file: ${root}/examples/regional-commissions/schema.graphql }\n`;
    await writeFile(
      registry,
      readFileSync(path.join(root, "supergraph.yaml"), "utf8")
        .replace(/(: |- )\.\//g, `$1${root}/`)
        .replace(/^hub:/m, `${external}hub:`),
    );
    const again = run({ ...p, EMBEDDED_PG_DATA: path.join(dataParent, "pg"), REGISTRY_PATH: registry });
    await again.waitFor(/ready: GraphQL IDE at http/, 120000);
    expect(again.lines).toContainEqual(
      expect.stringMatching(
        /^\[hub\] regional-commissions \(run by its owner at http:\/\/127\.0\.0\.1:\d+\/graphql\): does not answer/,
      ),
    );
    const count = await postGraphQL<{ actionLines: Array<{ sdgLinks: unknown[] }> }>(
      `http://127.0.0.1:${p.PORT}/graphql`,
      "{ actionLines { sdgLinks { id } } }",
    );
    expect(count.data!.actionLines).toHaveLength(19);
    expect(count.data!.actionLines.flatMap((l) => l.sdgLinks)).toHaveLength(188);
    again.child.kill("SIGTERM");
    expect(await again.exited).toBe(0);
  });

  it("ends with one clear line when a port is busy", async () => {
    const p = await ports();
    const blocker = net.createServer().listen(Number(p.PORT), "127.0.0.1");
    await new Promise((r) => blocker.once("listening", r));
    try {
      const hub = run({ ...p, EMBEDDED_PG_DATA: path.join(dataParent, "busy") });
      expect(await hub.exited).toBe(1);
      expect(hub.lines).toEqual([expect.stringMatching(new RegExp(`port ${p.PORT} .*already in use`))]);
    } finally {
      blocker.close();
    }
  });

  // As root the embedded server runs as the "postgres" user; a project or data folder that user cannot enter (a 0700
  // folder such as /root) used to end in an unhandled `spawn …/initdb EACCES`. Only root meets this case.
  const asRoot = typeof process.getuid === "function" && process.getuid() === 0;
  if (!asRoot)
    process.stderr.write(
      "note: not root, so the embedded server runs as this user: the 0700-folder case is not exercised\n",
    );
  (asRoot ? it : it.skip)(
    "ends with one clear line naming the folder when, as root, the data lives where postgres cannot enter",
    async () => {
      const p = await ports();
      const closed = await mkdtemp(path.join(tmpdir(), "wsis-closed-"));
      await chmod(closed, 0o700);
      try {
        const hub = run({ ...p, EMBEDDED_PG_DATA: path.join(closed, "pg") });
        expect(await hub.exited).toBe(1);
        // The progress line, then the error in one line.
        const errors = hub.lines.filter((line) => !line.startsWith("[hub] starting"));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain(`cannot enter ${closed} (mode 0700)`);
        expect(errors[0]).toMatch(/DATABASE_URL/);
        expect(errors[0]).not.toMatch(/EACCES|\n\s+at /);
      } finally {
        await rm(closed, { recursive: true, force: true });
      }
    },
  );

  it("ends with one clear line when DATABASE_URL is unreachable", async () => {
    const p = await ports();
    const hub = run({ ...p, DATABASE_URL: `postgres://postgres@127.0.0.1:${await freePort()}/nowhere` });
    expect(await hub.exited).toBe(1);
    expect(hub.lines).toHaveLength(1);
    expect(hub.lines[0]).toMatch(/DATABASE_URL .* is unreachable/);
    expect(hub.lines[0]).not.toMatch(/\n\s+at /);
  });
});
