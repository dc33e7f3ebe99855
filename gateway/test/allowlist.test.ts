import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError } from "@wsis/shared";
import { readAllowlist, sha256 } from "../src/allowlist";
import { loadGatewayConfig } from "../src/config";

const dir = mkdtempSync(path.join(tmpdir(), "wsis-allowlist-"));
function file(name: string, content: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, content);
  return target;
}

describe("the allowlist file", () => {
  it("takes documents (registered by hash too) and bare sha256 hashes", () => {
    const document = "query Goals { sdgGoals { code } }";
    const hash = sha256("{ agencies { id } }");
    const allowlist = readAllowlist(file("list.json", JSON.stringify([document, hash])));
    expect([...allowlist.hashes].sort()).toEqual([hash, sha256(document)].sort());
    expect(allowlist.documents.get(sha256(document))).toBe(document);
    expect(allowlist.documents.has(hash)).toBe(false);
  });

  it("takes an Apollo persisted-query manifest", () => {
    const body = "query Agencies { agencies { id } }";
    const manifest = {
      format: "apollo-persisted-query-manifest",
      version: 1,
      operations: [{ id: sha256(body), name: "Agencies", type: "query", body }],
    };
    expect(readAllowlist(file("manifest.json", JSON.stringify(manifest))).documents.get(sha256(body))).toBe(body);
  });

  it("reports every problem at once, as configuration errors", () => {
    let error: unknown;
    try {
      readAllowlist(file("bad.json", JSON.stringify(["{ ok }", 42, "query {", ""])));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.join("\n")).toMatch(/entry 1 .*entry 2 .*entry 3/s);
    expect(() => readAllowlist(path.join(dir, "missing.json"))).toThrow(/cannot read/);
    expect(() => loadGatewayConfig({ ALLOWLIST_PATH: file("object.json", "{}") })).toThrow(ConfigError);
  });

  it("is off unless ALLOWLIST_PATH is set", () => {
    expect(loadGatewayConfig({}).allowlist).toBeUndefined();
    expect(
      loadGatewayConfig({ ALLOWLIST_PATH: file("one.json", '["{ agencies { id } }"]') }).allowlist?.hashes.size,
    ).toBe(1);
  });
});
