import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { DockerfileParser, type Instruction } from "dockerfile-ast";
import { validate as lintDockerfile } from "dockerfile-utils";
import { DEPLOY_DIR, hubSubgraphs, imageProblem, REPO_ROOT } from "./deploy-rules";

/**
 * The Dockerfile (Docker itself is not on this machine, so the image is not built here): linted with
 * dockerfile-utils (the Dockerfile language server's linter), parsed with dockerfile-ast, and checked for the hub's
 * rules — multi-stage, pinned base image, production dependencies only, non-root, an entry point for every process
 * of the registry, and every file it copies exists (or is built by `npm run build`).
 */
const DOCKERFILE = path.join(REPO_ROOT, "Dockerfile");
const text = readFileSync(DOCKERFILE, "utf8");
const dockerfile = DockerfileParser.parse(text);
const instructions = dockerfile.getInstructions();
const ENTRYPOINT = path.join(DEPLOY_DIR, "entrypoint.sh");

/** The instructions of each stage, by stage name. */
function stages(): Map<string, Instruction[]> {
  const out = new Map<string, Instruction[]>();
  let current: Instruction[] | undefined;
  for (const i of instructions) {
    if (i.getKeyword() === "FROM") {
      current = [];
      out.set(/\bAS\s+(\S+)/i.exec(i.getArgumentsContent() ?? "")?.[1] ?? `stage${out.size}`, current);
    } else current?.push(i);
  }
  return out;
}

const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
const flags = (i: Instruction) =>
  Object.fromEntries(
    ((i as unknown as { getFlags(): Array<{ getName(): string; getValue(): string | null }> }).getFlags?.() ?? []).map(
      (f) => [f.getName(), f.getValue()],
    ),
  );
const copies = (stage: Instruction[]) => stage.filter((i) => i.getKeyword() === "COPY");
const runs = (stage: Instruction[]) =>
  stage.filter((i) => i.getKeyword() === "RUN").map((i) => i.getArgumentsContent() ?? "");

/** The workspace folders of the root package.json (globs of one `*` expanded against the repository). */
function workspaces(): string[] {
  const patterns = (JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { workspaces: string[] })
    .workspaces;
  return patterns.flatMap((p) => {
    if (!p.endsWith("/*")) return [p];
    const dir = p.slice(0, -2);
    return readdirSync(path.join(REPO_ROOT, dir), { withFileTypes: true })
      .filter((e) => e.isDirectory() && existsSync(path.join(REPO_ROOT, dir, e.name, "package.json")))
      .map((e) => `${dir}/${e.name}`);
  });
}

const packageOf = (folder: string) =>
  JSON.parse(readFileSync(path.join(REPO_ROOT, folder, "package.json"), "utf8")) as {
    name: string;
    scripts?: Record<string, string>;
  };

it("passes the Dockerfile linter without a problem", () => {
  expect(lintDockerfile(text)).toEqual([]);
});

it("the linter finds problems when there are some", () => {
  const problems = lintDockerfile("FROM node:20\nEXPOSE port\nCOPY\nUSER\n");
  expect(problems.length).toBeGreaterThanOrEqual(3);
});

it("is multi-stage, every stage from one base image pinned to an exact Node release", () => {
  const froms = dockerfile.getFROMs();
  expect(froms.length).toBeGreaterThanOrEqual(2);
  const defaults = Object.fromEntries(
    dockerfile.getARGs().map((a) => [a.getProperty()?.getName(), a.getProperty()?.getValue()]),
  );
  for (const from of froms) {
    const image = (from.getImage() ?? "").replace(/^\$\{(\w+)\}$/, (_m, name: string) => String(defaults[name]));
    expect(imageProblem(image)).toBeUndefined();
    // An exact release (20.20.2), not a moving major or minor tag (20, 20.20).
    expect(image).toMatch(/^node:\d+\.\d+\.\d+-[a-z]+-slim(@sha256:[0-9a-f]{64})?$/);
  }
});

it("builds with npm ci and npm run build; installs only production dependencies for the runtime", () => {
  const all = stages();
  expect(runs(all.get("build") ?? [])).toEqual(
    expect.arrayContaining([expect.stringMatching(/^npm ci\b/), "npm run build"]),
  );
  const install = runs(all.get("deps") ?? []).find((r) => /npm ci/.test(r)) ?? "";
  expect(install).toMatch(/--omit=dev/);
  const runtime = all.get("runtime") ?? [];
  expect(runs(runtime).some((r) => /npm (ci|install)/.test(r))).toBe(false);
  expect(copies(runtime).some((c) => flags(c).from === "deps" && args(c)[0] === "/app" && args(c)[1] === "./")).toBe(
    true,
  );
  // Nothing from the build stage's node_modules (it has the dev dependencies).
  expect(
    copies(runtime)
      .filter((c) => flags(c).from === "build")
      .flatMap(args)
      .some((a) => a.includes("node_modules")),
  ).toBe(false);
});

it("copies every workspace's package.json before npm ci, in the build and the deps stage", () => {
  for (const name of ["build", "deps"]) {
    const copied = copies(stages().get(name) ?? []).flatMap((c) => args(c).slice(0, -1));
    expect([name, workspaces().filter((w) => !copied.includes(`${w}/package.json`))]).toEqual([name, []]);
  }
});

it("the runtime installs the dependencies of the gateway, the dashboard, shared and every subgraph", () => {
  const install = runs(stages().get("deps") ?? []).find((r) => /npm ci/.test(r)) ?? "";
  const wanted = [
    "shared",
    "gateway",
    "gateway/dashboard",
    ...hubSubgraphs().map((s) => path.relative(REPO_ROOT, s.hub.workspace as string)),
  ];
  for (const folder of wanted) expect(install).toContain(`--workspace=${packageOf(folder).name}`);
});

it("the runtime has each subgraph's compiled code, schema and seed data, and the gateway's supergraph and dashboard", () => {
  // (Every workspace's package.json comes with the deps stage's /app, checked above.)
  const copied = copies(stages().get("runtime") ?? []).flatMap((c) => args(c).slice(0, -1));
  for (const s of hubSubgraphs()) {
    const dir = `/app/${path.relative(REPO_ROOT, s.hub.workspace as string)}`;
    const need = [
      `${dir}/dist`,
      `${dir}/schema.graphql`,
      ...(existsSync(path.join(s.hub.workspace as string, "data")) ? [`${dir}/data`] : []),
    ];
    expect([s.name, need.filter((n) => !copied.includes(n))]).toEqual([s.name, []]);
  }
  for (const need of [
    "/app/gateway/dist",
    "/app/gateway/supergraph.graphql",
    "/app/gateway/dashboard/dist",
    "/app/shared/dist",
    "supergraph.yaml",
  ]) {
    expect(copied).toContain(need);
  }
});

it("every file it copies exists in the repository, or is an output of npm run build", () => {
  for (const copy of instructions.filter((i) => i.getKeyword() === "COPY")) {
    const from = flags(copy).from;
    if (from === "deps") continue;
    for (const source of args(copy).slice(0, -1)) {
      const relative = from === "build" ? source.replace(/^\/app\//, "") : source;
      const built =
        /(^|\/)dist$/.test(relative) && packageOf(path.dirname(relative) || ".").scripts?.build !== undefined;
      expect([source, built || existsSync(path.join(REPO_ROOT, relative))]).toEqual([source, true]);
    }
  }
});

it("runs as a non-root user, with telemetry off, an entry point, a health check and a listening address for containers", () => {
  const runtime = stages().get("runtime") ?? [];
  const user = runtime
    .filter((i) => i.getKeyword() === "USER")
    .at(-1)
    ?.getArgumentsContent();
  expect(user).toBeDefined();
  expect(["root", "0", "0:0"]).not.toContain(user);
  const env = runtime
    .filter((i) => i.getKeyword() === "ENV")
    .map((i) => i.getArgumentsContent() ?? "")
    .join(" ");
  for (const setting of ["APOLLO_TELEMETRY_DISABLED=true", "NODE_ENV=production", "HOST=0.0.0.0"])
    expect(env).toContain(setting);
  for (const stage of stages().values())
    expect(
      stage.some(
        (i) => i.getKeyword() === "ENV" && /APOLLO_TELEMETRY_DISABLED=true/.test(i.getArgumentsContent() ?? ""),
      ),
    ).toBe(true);
  expect(runtime.find((i) => i.getKeyword() === "HEALTHCHECK")?.getArgumentsContent()).toMatch(/\/health\/live/);
  expect(runtime.find((i) => i.getKeyword() === "ENTRYPOINT")?.getArgumentsContent()).toBe('["wsis-hub"]');
  expect(
    copies(runtime).some(
      (c) => args(c)[0] === "infra/deploy/entrypoint.sh" && args(c)[1] === "/usr/local/bin/wsis-hub",
    ),
  ).toBe(true);
});

it(".dockerignore keeps dependencies, build outputs, local data and secrets out of the build context", () => {
  const ignored = readFileSync(path.join(REPO_ROOT, ".dockerignore"), "utf8")
    .split("\n")
    .map((l) => l.trim());
  for (const entry of ["**/node_modules", "**/dist", ".data", ".git", ".env", "**/.turbo"])
    expect(ignored).toContain(entry);
});

describe("the entry point", () => {
  const run = (...argv: string[]) =>
    spawnSync("sh", [ENTRYPOINT, ...argv], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, WSIS_APP_ROOT: REPO_ROOT },
    });

  it.each(hubSubgraphs().map((s) => [s.name, s.hub.workspace as string]))(
    "runs the %s subgraph of the registry",
    (name, workspace) => {
      const result = run("--command", name);
      expect(result.stderr).toBe("");
      expect(result.stdout.trim()).toBe(`node ${workspace}/dist/index.js`);
    },
  );

  it("runs the gateway", () => {
    expect(run("--command", "gateway").stdout.trim()).toMatch(
      new RegExp(`^node --max-old-space-size=\\d+ ${REPO_ROOT}/gateway/dist/index\\.js$`),
    );
  });

  it("refuses an unknown process, listing the ones it knows (exit 64)", () => {
    const result = run("nonsense");
    expect(result.status).toBe(64);
    expect(result.stderr).toContain("no process named 'nonsense'");
    for (const s of hubSubgraphs()) expect(result.stderr).toContain(s.name);
  });

  it("starts the subgraph's own process (which reports its missing configuration)", () => {
    const name = hubSubgraphs()[0].name;
    const result = spawnSync("sh", [ENTRYPOINT, name], {
      encoding: "utf8",
      env: { PATH: process.env.PATH, WSIS_APP_ROOT: REPO_ROOT, NODE_ENV: "production" },
      timeout: 60_000,
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain(`${name}: Invalid configuration`);
    expect(result.stderr).toContain("DATABASE_URL");
  });
});
