import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { manageKeys } from "../src/caller-keys";

let file: string | undefined;

/** A caller signing key file of this test process (production refuses to start without one). */
export function testKeyFile(): string {
  if (!file) {
    file = path.join(mkdtempSync(path.join(tmpdir(), "wsis-gateway-keys-")), "caller-signing-keys.json");
    manageKeys("new", file);
  }
  return file;
}
