import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv from "ajv";
import draft7MetaSchema from "ajv/dist/refs/json-schema-draft-07.json";
import { parse as parseYaml } from "yaml";
import { DEPLOY_DIR, haproxyBinary, hubSubgraphs, imageProblem, unreadVariables, urlVariable } from "./deploy-rules";

/**
 * infra/deploy/compose.yaml: valid against the Compose Specification's JSON schema (a copy kept in
 * infra/deploy/schemas, see its README), and the topology of `npm run cluster`: PostgreSQL primary and replica, Redis,
 * two replicas of each subgraph, two gateways, HAProxy in front of the gateways and of each subgraph's replicas.
 */
const COMPOSE_FILE = path.join(DEPLOY_DIR, "compose.yaml");
const HAPROXY_FILE = path.join(DEPLOY_DIR, "haproxy/haproxy.cfg");

interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  deploy?: { replicas?: number; resources?: { limits?: Record<string, string> } };
  healthcheck?: { test?: string[]; disable?: boolean };
  user?: string;
  read_only?: boolean;
}
// Compose resolves YAML merge keys (<<) and anchors, as the yaml package does with `merge: true`.
const compose = parseYaml(readFileSync(COMPOSE_FILE, "utf8"), { merge: true, maxAliasCount: -1 }) as {
  services: Record<string, Service>;
  [key: string]: unknown;
};
const services = compose.services;

function schemaValidator() {
  const schema = JSON.parse(readFileSync(path.join(DEPLOY_DIR, "schemas/compose-spec.json"), "utf8")) as Record<
    string,
    unknown
  >;
  // The schema is draft-07 and uses no format that matters here; strict off for its annotations ("deprecated", ...).
  const ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false });
  // The schema names its meta-schema with https://; ajv knows draft-07 under http:// only.
  ajv.addMetaSchema(draft7MetaSchema, String(schema.$schema));
  return ajv.compile(schema);
}

it("is valid against the Compose Specification's JSON schema", () => {
  const validate = schemaValidator();
  const valid = validate(compose);
  expect(validate.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
});

it("the schema check can fail: an unknown service key and a wrong type are rejected", () => {
  const validate = schemaValidator();
  const broken = structuredClone(compose);
  (broken.services.gateway as Record<string, unknown>).replica = 2;
  (broken.services.redis as Record<string, unknown>).ports = "6379";
  expect(validate(broken)).toBe(false);
  const messages = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join("\n");
  expect(messages).toMatch(/services\/gateway.*additional properties/);
  expect(messages).toMatch(/services\/redis\/ports must be array/);
});

it("has the cluster's services: PostgreSQL primary and replica, Redis, HAProxy, the gateway and every subgraph", () => {
  const expected = [
    "postgres-primary",
    "postgres-replica",
    "redis",
    "haproxy",
    "gateway",
    "migrate",
    ...hubSubgraphs().map((s) => s.name),
  ];
  expect(Object.keys(services)).toEqual(expect.arrayContaining(expected));
});

it.each(["gateway", ...hubSubgraphs().map((s) => s.name)])(
  "runs two replicas of %s from the hub's image, with limits and a health check",
  (name) => {
    const service = services[name];
    expect(service.deploy?.replicas).toBe(2);
    expect(service.command).toEqual([name]);
    expect(service.image).toBe(services.gateway.image);
    expect(Object.keys(service.deploy?.resources?.limits ?? {}).sort()).toEqual(["cpus", "memory"]);
    expect(service.healthcheck?.test?.join(" ")).toMatch(/\/health\/(ready|live)/);
    expect(service.read_only).toBe(true);
    expect(service.environment?.NODE_ENV).toBe("production");
    expect(service.environment?.APOLLO_TELEMETRY_DISABLED).toBe("true");
  },
);

it("every subgraph reads the primary, the replica, and the gateway's public keys; the migrations run first", () => {
  for (const s of hubSubgraphs()) {
    const env = services[s.name].environment ?? {};
    expect(env.DATABASE_URL).toMatch(/@postgres-primary:5432\//);
    expect(env.DATABASE_REPLICA_URLS).toMatch(/@postgres-replica:5432\//);
    expect(env.CALLER_JWKS_URL).toBe("http://gateway:8080/.well-known/jwks.json");
  }
  expect(services.migrate.command).toEqual(["migrate"]);
  expect(services.migrate.environment?.DATABASE_URL).toMatch(/@postgres-primary:5432\//);
});

it("the gateways share Redis and reach each subgraph through HAProxy, which checks /health/ready", () => {
  const env = services.gateway.environment ?? {};
  expect(env.REDIS_URL).toBe("redis://redis:6379");
  const cfg = readFileSync(HAPROXY_FILE, "utf8");
  const sections = cfg.split(/\n(?=\S)/);
  for (const s of hubSubgraphs()) {
    const url = new URL(env[urlVariable(s.name)]);
    expect([s.name, url.hostname]).toEqual([s.name, "haproxy"]);
    const frontend = sections.find(
      (sec) => new RegExp(`^\\s*bind :${url.port}$`, "m").test(sec) && sec.startsWith("frontend"),
    );
    const backendName = frontend && /default_backend (\S+)/.exec(frontend)?.[1];
    const backend = sections.find((sec) => sec.startsWith(`backend ${backendName}\n`));
    expect([s.name, backend]).toEqual([s.name, expect.stringContaining(`server-template ${s.name} `)]);
    expect(backend).toMatch(new RegExp(` ${s.name}:8080\\b`));
    expect(backend).toContain("option httpchk GET /health/ready");
  }
  const gateways = sections.find((sec) => sec.startsWith("backend gateways\n"));
  expect(gateways).toContain("option httpchk GET /health/ready");
  expect(gateways).toMatch(/ gateway:8080\b/);
});

it("sets only variables a process reads", () => {
  const names = new Set<string>();
  for (const name of ["gateway", "migrate", ...hubSubgraphs().map((s) => s.name)])
    for (const k of Object.keys(services[name].environment ?? {})) names.add(k);
  expect(unreadVariables([...names])).toEqual([]);
});

it("pins every image to a version, and the files it mounts exist", () => {
  for (const [name, service] of Object.entries(services)) {
    expect([
      name,
      imageProblem((service.image ?? "").replace(/^\$\{WSIS_HUB_IMAGE:-(.*)\}$/, "$1")) ?? "pinned",
    ]).toEqual([name, "pinned"]);
    for (const volume of service.volumes ?? []) {
      const source = volume.split(":")[0];
      if (source.startsWith(".")) expect([name, existsSync(path.resolve(DEPLOY_DIR, source))]).toEqual([name, true]);
    }
  }
});

const haproxy = haproxyBinary();
const requireHaproxy = process.env.REQUIRE_HAPROXY === "1";
if (!haproxy && !requireHaproxy) {
  process.stdout.write("compose.test: haproxy is not installed: its configuration check (haproxy -c) is skipped\n");
}
(haproxy || requireHaproxy ? it : it.skip)("HAProxy accepts its configuration (haproxy -c)", () => {
  expect(haproxy).toBeDefined();
  // Docker's DNS (127.0.0.11) is not here: check the same file with the resolver pointed at this machine's.
  const dir = mkdtempSync(path.join(os.tmpdir(), "wsis-haproxy-"));
  const file = path.join(dir, "haproxy.cfg");
  writeFileSync(file, readFileSync(HAPROXY_FILE, "utf8").replace("127.0.0.11:53", "127.0.0.1:53"));
  const out = execFileSync(haproxy as string, ["-c", "-f", file], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  expect(out).toMatch(/Configuration file is valid/);
});
