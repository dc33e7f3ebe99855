// Validates Kubernetes manifests offline against the API schemas of the `kubernetes-models` package (the OpenAPI
// schemas of the Kubernetes API, compiled with ajv). Reads a JSON array of manifests on stdin and writes a JSON
// array of { id, errors } on stdout, one per manifest. A separate ESM process because the package is ESM only (jest
// runs the tests as CommonJS).
import { readFileSync } from "node:fs";
import process from "node:process";

const manifests = JSON.parse(readFileSync(0, "utf8"));
const results = [];
for (const manifest of manifests) {
  const id = `${manifest.apiVersion}/${manifest.kind}/${manifest.metadata?.name}`;
  const [group, version] = String(manifest.apiVersion).includes("/")
    ? manifest.apiVersion.split("/")
    : [null, manifest.apiVersion];
  const modulePath = `kubernetes-models/${group ? `${group}/` : ""}${version}/${manifest.kind}`;
  let Model;
  try {
    Model = (await import(modulePath))[manifest.kind];
  } catch (error) {
    results.push({
      id,
      errors: [`no schema for ${manifest.apiVersion} ${manifest.kind} (${modulePath}): ${error.message}`],
    });
    continue;
  }
  try {
    new Model(manifest).validate();
    results.push({ id, errors: [] });
  } catch (error) {
    results.push({ id, errors: [error.message] });
  }
}
process.stdout.write(JSON.stringify(results));
