import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { applyPatch, deepClone, type Operation } from "fast-json-patch";
import { parseAllDocuments, parse as parseYaml } from "yaml";

/** One Kubernetes object as rendered. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [key: string]: unknown };
  [key: string]: unknown;
}

/**
 * A small renderer of the kustomize features the hub's manifests use — and only those: `resources` (files and
 * kustomization folders), `namespace`, `images`, `replicas`, `configMapGenerator` (files and literals, with
 * `generatorOptions.disableNameSuffixHash: true`) and `patches` given as JSON 6902 operations with a `target`
 * (applied with fast-json-patch). No kustomize implementation runs on Node; anything else in a kustomization is an
 * error here rather than a silent difference from `kubectl kustomize`.
 */
const SUPPORTED = new Set([
  "apiVersion",
  "kind",
  "resources",
  "namespace",
  "images",
  "replicas",
  "patches",
  "configMapGenerator",
  "generatorOptions",
]);

/** Kinds without a namespace among those the hub uses (the namespace transformer leaves them alone). */
const CLUSTER_SCOPED = new Set([
  "Namespace",
  "ClusterRole",
  "ClusterRoleBinding",
  "PersistentVolume",
  "StorageClass",
  "CustomResourceDefinition",
]);

/** Kinds whose `spec.replicas` the `replicas` field sets. */
const SCALABLE = new Set(["Deployment", "StatefulSet", "ReplicaSet", "ReplicationController"]);

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  namespace?: string;
  images?: Array<{ name: string; newName?: string; newTag?: string; digest?: string }>;
  replicas?: Array<{ name: string; count: number }>;
  patches?: Array<{ target?: { kind?: string; name?: string }; patch?: string; path?: string }>;
  configMapGenerator?: Array<{ name: string; files?: string[]; literals?: string[]; behavior?: string }>;
  generatorOptions?: { disableNameSuffixHash?: boolean };
}

function readKustomization(dir: string): Kustomization {
  const file = path.join(dir, "kustomization.yaml");
  const k = parseYaml(readFileSync(file, "utf8")) as Kustomization;
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key)) throw new Error(`${file}: "${key}" is not supported by this renderer`);
  }
  if (k.kind !== undefined && k.kind !== "Kustomization") throw new Error(`${file}: kind must be Kustomization`);
  return k;
}

function readResourceFile(file: string): Manifest[] {
  return parseAllDocuments(readFileSync(file, "utf8"))
    .map((doc) => {
      if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
      return doc.toJS() as Manifest | null;
    })
    .filter((m): m is Manifest => m !== null);
}

function generateConfigMaps(dir: string, k: Kustomization): Manifest[] {
  if (!k.configMapGenerator?.length) return [];
  if (k.generatorOptions?.disableNameSuffixHash !== true) {
    throw new Error(`${dir}: configMapGenerator with a name suffix hash is not supported by this renderer`);
  }
  return k.configMapGenerator.map((g) => {
    if (g.behavior && g.behavior !== "create")
      throw new Error(`${dir}: configMapGenerator behavior ${g.behavior} is not supported`);
    const data: Record<string, string> = {};
    for (const file of g.files ?? []) {
      const [key, source] = file.includes("=") ? file.split("=", 2) : [path.basename(file), file];
      const absolute = path.resolve(dir, source);
      if (!absolute.startsWith(dir + path.sep))
        throw new Error(`${dir}: ${file} is outside the kustomization's folder (kustomize refuses it)`);
      data[key] = readFileSync(absolute, "utf8");
    }
    for (const literal of g.literals ?? []) {
      const at = literal.indexOf("=");
      data[literal.slice(0, at)] = literal.slice(at + 1);
    }
    return { apiVersion: "v1", kind: "ConfigMap", metadata: { name: g.name }, data };
  });
}

type Json = Record<string, unknown>;
const at = (value: unknown, ...keys: string[]): Json | undefined =>
  keys.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Json)[k] : undefined), value) as Json | undefined;

/** The pod spec of a workload's template (Deployment, Job, CronJob, ...), or of a Pod. */
export function podSpecOf(m: Manifest): Json | undefined {
  if (m.kind === "Pod") return at(m, "spec");
  if (m.kind === "CronJob") return at(m, "spec", "jobTemplate", "spec", "template", "spec");
  return at(m, "spec", "template", "spec");
}

/** The pod templates' containers of a workload (Deployment, Job, CronJob, ...). */
export function containersOf(m: Manifest): Array<Record<string, unknown>> {
  const podSpec = podSpecOf(m);
  if (!podSpec) return [];
  return [
    ...((podSpec.initContainers as Array<Record<string, unknown>> | undefined) ?? []),
    ...((podSpec.containers as Array<Record<string, unknown>> | undefined) ?? []),
  ];
}

function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const [rest, digest] = image.split("@", 2);
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  return colon > slash ? { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest } : { name: rest, digest };
}

function setImages(manifests: Manifest[], images: NonNullable<Kustomization["images"]>): void {
  for (const m of manifests) {
    for (const container of containersOf(m)) {
      const current = splitImage(String(container.image));
      const rule = images.find((i) => i.name === current.name);
      if (!rule) continue;
      const name = rule.newName ?? current.name;
      if (rule.digest) container.image = `${name}@${rule.digest}`;
      else
        container.image = `${name}${(rule.newTag ?? current.tag) ? `:${rule.newTag ?? current.tag}` : ""}${current.digest && !rule.newTag ? `@${current.digest}` : ""}`;
    }
  }
}

function matches(m: Manifest, target: { kind?: string; name?: string } | undefined): boolean {
  if (!target) return true;
  return (
    (target.kind === undefined || target.kind === m.kind) &&
    (target.name === undefined || new RegExp(`^(?:${target.name})$`).test(m.metadata.name))
  );
}

/** Renders the kustomization in `dir` (as `kubectl kustomize dir` would, for the features above). */
export function renderKustomization(dir: string): Manifest[] {
  const absoluteDir = path.resolve(dir);
  const k = readKustomization(absoluteDir);
  let manifests: Manifest[] = [];
  for (const resource of k.resources ?? []) {
    const target = path.resolve(absoluteDir, resource);
    manifests.push(...(statSync(target).isDirectory() ? renderKustomization(target) : readResourceFile(target)));
  }
  manifests.push(...generateConfigMaps(absoluteDir, k));
  for (const p of k.patches ?? []) {
    const text = p.patch ?? readFileSync(path.resolve(absoluteDir, p.path as string), "utf8");
    const operations = parseYaml(text) as unknown;
    if (!Array.isArray(operations))
      throw new Error(`${absoluteDir}: only JSON 6902 patches (a list of operations) are supported by this renderer`);
    const hits = manifests.filter((m) => matches(m, p.target));
    if (hits.length === 0)
      throw new Error(`${absoluteDir}: a patch's target ${JSON.stringify(p.target)} matches no resource`);
    manifests = manifests.map((m) =>
      hits.includes(m) ? (applyPatch(deepClone(m), operations as Operation[], true).newDocument as Manifest) : m,
    );
  }
  if (k.namespace) {
    for (const m of manifests) if (!CLUSTER_SCOPED.has(m.kind)) m.metadata.namespace = k.namespace;
  }
  for (const r of k.replicas ?? []) {
    const hits = manifests.filter((m) => SCALABLE.has(m.kind) && m.metadata.name === r.name);
    if (hits.length === 0) throw new Error(`${absoluteDir}: replicas: no workload named ${r.name}`);
    for (const m of hits) (m.spec as Record<string, unknown>).replicas = r.count;
  }
  if (k.images) setImages(manifests, k.images);
  const seen = new Set<string>();
  for (const m of manifests) {
    const id = `${m.kind}/${m.metadata.namespace ?? ""}/${m.metadata.name}`;
    if (seen.has(id)) throw new Error(`${absoluteDir}: ${id} is defined twice`);
    seen.add(id);
  }
  return manifests;
}
