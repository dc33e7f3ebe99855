import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { manageKeys, readKeyFile, type CallerKeyRing } from "@wsis/gateway/caller-keys";

export interface TestKeyFiles {
  /** The gateway's private keys (CALLER_SIGNING_KEYS_FILE). */
  privateFile: string;
  /** Their public JWKS (a subgraph's CALLER_JWKS_FILE). */
  publicFile: string;
  ring(): CallerKeyRing;
  /** Writes the public file again from the private one (after a rotation). */
  publish(): void;
}

/** A fresh caller signing key for a test hub, in a temporary folder. */
export function makeTestKeys(): TestKeyFiles {
  const dir = mkdtempSync(path.join(tmpdir(), "wsis-test-keys-"));
  const privateFile = path.join(dir, "caller-signing-keys.json");
  const publicFile = path.join(dir, "caller-jwks.json");
  manageKeys("new", privateFile);
  const publish = () => writeFileSync(publicFile, manageKeys("public", privateFile));
  publish();
  return { privateFile, publicFile, ring: () => readKeyFile(privateFile), publish };
}
