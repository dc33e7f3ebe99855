import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { containersOf, podSpecOf, renderKustomization, type Manifest } from "./kustomize";
import { DEPLOY_DIR, hubSubgraphs, imageProblem, REPO_ROOT, unreadVariables } from "./deploy-rules";

/**
 * The Kubernetes manifests (infra/deploy/k8s): the base and the production overlay are rendered, every object is
 * validated offline against the Kubernetes API schemas (kubernetes-models), and the hub's rules are checked: a
 * Deployment, Service, CPU autoscaler and disruption budget per process, probes on /health/ready and /health/live,
 * requests and limits, non-root and read-only containers, pinned images, network policies, graceful termination.
 */
const K8S = path.join(DEPLOY_DIR, "k8s");
const VALIDATOR = path.join(__dirname, "k8s-validate.mjs");

function validate(manifests: Manifest[]): Array<{ id: string; errors: string[] }> {
  const out = execFileSync(process.execPath, [VALIDATOR], {
    input: JSON.stringify(manifests),
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.toString()) as Array<{ id: string; errors: string[] }>;
}

type Json = Record<string, unknown>;
const find = (ms: Manifest[], kind: string, name: string) =>
  ms.find((m) => m.kind === kind && m.metadata.name === name);
const processes = () => ["gateway", ...hubSubgraphs().map((s) => s.name)];
const labelsOf = (m: Manifest) =>
  ((m.spec as Json).template as { metadata: { labels: Record<string, string> } }).metadata.labels;
const selects = (selector: { matchLabels?: Record<string, string> } | undefined, labels: Record<string, string>) =>
  Object.entries(selector?.matchLabels ?? {}).every(([k, v]) => labels[k] === v);

const rendered = {
  base: renderKustomization(path.join(K8S, "base")),
  production: renderKustomization(path.join(K8S, "overlays/production")),
};

describe.each(Object.entries(rendered))("%s", (_name, manifests) => {
  const workloads = manifests.filter((m) => podSpecOf(m) !== undefined);

  it("every object is valid against the Kubernetes API schemas", () => {
    const results = validate(manifests);
    expect(results).toHaveLength(manifests.length);
    expect(results.filter((r) => r.errors.length > 0)).toEqual([]);
  });

  it.each(processes())("%s has a Deployment, a Service, a CPU autoscaler and a disruption budget", (process) => {
    const name = `wsis-hub-${process}`;
    const deployment = find(manifests, "Deployment", name);
    expect(deployment).toBeDefined();
    expect(find(manifests, "Service", name)).toBeDefined();
    const service = find(manifests, "Service", name) as Manifest;
    expect(
      selects(
        { matchLabels: (service.spec as { selector: Record<string, string> }).selector },
        labelsOf(deployment as Manifest),
      ),
    ).toBe(true);
    const hpa = find(manifests, "HorizontalPodAutoscaler", name) as Manifest & { spec: Json };
    expect((hpa.spec.scaleTargetRef as Json).name).toBe(name);
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    expect(hpa.spec.metrics).toEqual([
      expect.objectContaining({ type: "Resource", resource: expect.objectContaining({ name: "cpu" }) }),
    ]);
    const pdb = find(manifests, "PodDisruptionBudget", name) as Manifest & {
      spec: { selector: { matchLabels: Record<string, string> } };
    };
    expect(selects(pdb.spec.selector, labelsOf(deployment as Manifest))).toBe(true);
    expect(Number((pdb.spec as Json).minAvailable)).toBeLessThan(Number(hpa.spec.minReplicas));
  });

  it("each long-running container has readiness on /health/ready and liveness on /health/live, on a port it exposes", () => {
    for (const deployment of manifests.filter((m) => m.kind === "Deployment")) {
      for (const c of containersOf(deployment)) {
        const ports = (c.ports as Array<{ name: string; containerPort: number }>).flatMap((p) => [
          p.name,
          p.containerPort,
        ]);
        const ready = (c.readinessProbe as { httpGet: { path: string; port: string | number } }).httpGet;
        const live = (c.livenessProbe as { httpGet: { path: string; port: string | number } }).httpGet;
        expect([deployment.metadata.name, ready.path, live.path]).toEqual([
          deployment.metadata.name,
          "/health/ready",
          "/health/live",
        ]);
        expect(ports).toContain(ready.port);
        expect(ports).toContain(live.port);
      }
    }
  });

  it("every container has CPU and memory requests and limits, runs as non-root, read-only, without privileges", () => {
    expect(workloads.length).toBeGreaterThan(processes().length);
    for (const w of workloads) {
      const pod = podSpecOf(w) as Json & { securityContext?: Json };
      for (const c of containersOf(w)) {
        const where = `${w.kind}/${w.metadata.name}/${String(c.name)}`;
        const resources = c.resources as { requests?: Json; limits?: Json };
        expect([
          where,
          Object.keys(resources.requests ?? {}).sort(),
          Object.keys(resources.limits ?? {}).sort(),
        ]).toEqual([where, ["cpu", "memory"], ["cpu", "memory"]]);
        const security = { ...pod.securityContext, ...(c.securityContext as Json) };
        expect([
          where,
          security.runAsNonRoot,
          security.allowPrivilegeEscalation,
          security.readOnlyRootFilesystem,
        ]).toEqual([where, true, false, true]);
        expect([where, Number(security.runAsUser)]).not.toEqual([where, 0]);
        expect([where, (security.capabilities as { drop: string[] }).drop]).toEqual([where, ["ALL"]]);
      }
    }
  });

  it("images are pinned (a version tag or a digest, never latest)", () => {
    const images = workloads.flatMap((w) => containersOf(w).map((c) => String(c.image)));
    expect(images.length).toBeGreaterThan(0);
    expect(images.map(imageProblem).filter(Boolean)).toEqual([]);
  });

  it("the termination grace period covers the preStop pause and SHUTDOWN_GRACE_MS plus the 3 s the processes allow after it", () => {
    for (const deployment of manifests.filter((m) => m.kind === "Deployment")) {
      const pod = podSpecOf(deployment) as { terminationGracePeriodSeconds: number };
      for (const c of containersOf(deployment)) {
        const env = environmentOf(manifests, c);
        const graceMs = Number(env.SHUTDOWN_GRACE_MS);
        expect([deployment.metadata.name, Number.isInteger(graceMs)]).toEqual([deployment.metadata.name, true]);
        const preStop =
          (c.lifecycle as { preStop?: { exec?: { command: string[] } } } | undefined)?.preStop?.exec?.command ?? [];
        const pauseMs = preStop[0] === "sleep" ? Number(preStop[1]) * 1000 : 0;
        // The subgraphs drain for at most 5 s and exit by 8 s; the gateway drains SHUTDOWN_GRACE_MS and exits 3 s later.
        const needMs = pauseMs + Math.max(graceMs + 3000, 8000);
        expect([deployment.metadata.name, pod.terminationGracePeriodSeconds * 1000 >= needMs]).toEqual([
          deployment.metadata.name,
          true,
        ]);
      }
    }
  });

  it("only the gateway reaches the subgraphs, only the subgraphs reach PostgreSQL, nothing else is open", () => {
    const policies = manifests.filter((m) => m.kind === "NetworkPolicy") as Array<
      Manifest & {
        spec: {
          podSelector: { matchLabels?: Record<string, string> };
          ingress?: Array<{ from?: Array<{ podSelector?: { matchLabels?: Record<string, string> } }> }>;
        };
      }
    >;
    // Ingress is closed by default: one policy selects every pod and allows nothing.
    expect(
      policies.some(
        (p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length === 0 && (p.spec.ingress ?? []).length === 0,
      ),
    ).toBe(true);
    const gatewayPods = labelsOf(find(manifests, "Deployment", "wsis-hub-gateway") as Manifest);
    const migratePods = labelsOf(find(manifests, "Job", "wsis-hub-migrate") as Manifest);
    const allowedFrom = (pods: Record<string, string>) =>
      policies
        .filter(
          (p) => Object.keys(p.spec.podSelector.matchLabels ?? {}).length > 0 && selects(p.spec.podSelector, pods),
        )
        .flatMap((p) => p.spec.ingress ?? []);
    for (const s of hubSubgraphs()) {
      const pods = labelsOf(find(manifests, "Deployment", `wsis-hub-${s.name}`) as Manifest);
      const rules = allowedFrom(pods);
      expect([s.name, rules.length > 0]).toEqual([s.name, true]);
      for (const rule of rules) {
        // Every rule names its sources, and each source is a gateway pod.
        expect([s.name, (rule.from ?? []).length > 0]).toEqual([s.name, true]);
        for (const from of rule.from ?? [])
          expect([s.name, selects(from.podSelector, gatewayPods)]).toEqual([s.name, true]);
      }
    }
    const database = allowedFrom({ "wsis-hub/role": "database" });
    expect(database.length).toBeGreaterThan(0);
    const databaseSources = database.flatMap((r) => r.from ?? [{}]);
    const subgraphPods = hubSubgraphs().map((s) =>
      labelsOf(find(manifests, "Deployment", `wsis-hub-${s.name}`) as Manifest),
    );
    for (const pods of [...subgraphPods, migratePods])
      expect(databaseSources.some((f) => selects(f.podSelector, pods))).toBe(true);
    expect(databaseSources.some((f) => selects(f.podSelector, gatewayPods))).toBe(false);
    for (const from of databaseSources) expect(from.podSelector).toBeDefined();
  });

  it("the supergraph is in a ConfigMap, mounted where the gateway reads it, equal to gateway/supergraph.graphql", () => {
    const configMap = find(manifests, "ConfigMap", "wsis-hub-supergraph") as Manifest & {
      data: Record<string, string>;
    };
    const committed = readFileSync(path.join(REPO_ROOT, "gateway/supergraph.graphql"), "utf8");
    // npm run compose writes both; when this fails, the copy was edited by hand or the compose was run with --out.
    expect(configMap.data["supergraph.graphql"] === committed).toBe(true);
    const gateway = find(manifests, "Deployment", "wsis-hub-gateway") as Manifest;
    const pod = podSpecOf(gateway) as {
      volumes: Array<{ name: string; configMap?: { name: string }; secret?: { secretName: string } }>;
    };
    const container = containersOf(gateway)[0] as { volumeMounts: Array<{ name: string; mountPath: string }> };
    const env = environmentOf(manifests, container);
    const volume = pod.volumes.find((v) => v.configMap?.name === "wsis-hub-supergraph");
    const mount = container.volumeMounts.find((m) => m.name === volume?.name);
    expect(env.SUPERGRAPH_PATH).toBe(`${mount?.mountPath}/supergraph.graphql`);
    const keysVolume = pod.volumes.find((v) => v.secret?.secretName === "wsis-hub-caller-signing-keys");
    const keysMount = container.volumeMounts.find((m) => m.name === keysVolume?.name);
    expect(env.CALLER_SIGNING_KEYS_FILE).toBe(`${keysMount?.mountPath}/caller-signing-keys.json`);
  });

  it("the keys are in Secrets, and the committed Secrets hold placeholders only", () => {
    const secrets = manifests.filter((m) => m.kind === "Secret") as Array<
      Manifest & { stringData?: Record<string, string>; data?: Record<string, string> }
    >;
    expect(secrets.map((s) => s.metadata.name)).toEqual(
      expect.arrayContaining(["wsis-hub-caller-signing-keys", "wsis-hub-jwt"]),
    );
    for (const s of secrets) {
      for (const [key, value] of Object.entries({ ...s.stringData, ...s.data })) {
        const where = `${s.metadata.name}.${key}`;
        expect([where, /PRIVATE KEY|"d"\s*:/.test(value)]).toEqual([where, false]);
        expect([where, /placeholder|REPLACE|\.invalid\b/i.test(value)]).toEqual([where, true]);
      }
    }
  });

  it("every variable the manifests set is one a process reads, and each subgraph's URL is set", () => {
    const names = new Set<string>();
    for (const m of manifests.filter((x) => x.kind === "ConfigMap" && x.metadata.name.endsWith("-env")))
      for (const k of Object.keys(m.data as Json)) names.add(k);
    for (const w of workloads)
      for (const c of containersOf(w))
        for (const e of (c.env as Array<{ name: string }> | undefined) ?? []) names.add(e.name);
    expect(unreadVariables([...names])).toEqual([]);
    const gatewayEnv = environmentOf(
      manifests,
      containersOf(find(manifests, "Deployment", "wsis-hub-gateway") as Manifest)[0],
    );
    for (const s of hubSubgraphs()) {
      expect(gatewayEnv[`${s.name.toUpperCase().replace(/-/g, "_")}_URL`]).toBe(
        `http://wsis-hub-${s.name}:8080/graphql`,
      );
    }
  });
});

/** A container's environment: its configMapRefs' data, then its literal `env` values. */
function environmentOf(manifests: Manifest[], container: Json): Record<string, string> {
  const env: Record<string, string> = {};
  for (const ref of (container.envFrom as Array<{ configMapRef?: { name: string } }> | undefined) ?? []) {
    const cm = ref.configMapRef && find(manifests, "ConfigMap", ref.configMapRef.name);
    Object.assign(env, (cm?.data as Record<string, string> | undefined) ?? {});
  }
  for (const e of (container.env as Array<{ name: string; value?: string }> | undefined) ?? [])
    if (e.value !== undefined) env[e.name] = e.value;
  return env;
}

describe("the production overlay", () => {
  const production = rendered.production;

  it("puts everything namespaced in its namespace and takes the image from the operator's registry at a version", () => {
    expect(
      production
        .filter((m) => m.kind !== "Namespace" && m.metadata.namespace !== "wsis-hub")
        .map((m) => `${m.kind}/${m.metadata.name}`),
    ).toEqual([]);
    const images = new Set(production.flatMap((m) => containersOf(m).map((c) => String(c.image))));
    expect([...images]).toEqual(["registry.example.org/wsis/wsis-hub:0.1.0"]);
  });

  it("runs more gateways than the base and lists the origins allowed to read cross-origin", () => {
    const replicas = (ms: Manifest[]) =>
      ((find(ms, "Deployment", "wsis-hub-gateway") as Manifest).spec as { replicas: number }).replicas;
    expect(replicas(production)).toBeGreaterThan(replicas(rendered.base));
    expect(
      ((find(production, "ConfigMap", "wsis-hub-gateway-env") as Manifest).data as Record<string, string>).CORS_ORIGINS,
    ).toMatch(/^https:\/\//);
  });
});

describe("the offline validation and the renderer can fail", () => {
  it("rejects an object that breaks the API schema, and one of an unknown kind", () => {
    const deployment = structuredClone(find(rendered.base, "Deployment", "wsis-hub-gateway")) as Manifest & {
      spec: Json;
    };
    deployment.spec.replicas = "two";
    delete deployment.spec.selector;
    const unknown = { apiVersion: "v1", kind: "Widget", metadata: { name: "w" } } as Manifest;
    const [broken, widget] = validate([deployment, unknown]);
    expect(broken.errors.join(" ")).toMatch(/replicas must be integer/);
    expect(broken.errors.join(" ")).toMatch(/selector/);
    expect(widget.errors.join(" ")).toMatch(/no schema/);
  });

  it("flags an unpinned image", () => {
    expect(imageProblem("wsis-hub")).toMatch(/no tag/);
    expect(imageProblem("wsis-hub:latest")).toMatch(/not a version/);
    expect(imageProblem("registry:5000/wsis-hub")).toMatch(/no tag/);
    expect(imageProblem("wsis-hub:0.1.0")).toBeUndefined();
  });
});
