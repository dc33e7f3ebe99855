import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { callerSigningKey, generateCallerSigningKey, publicJwks, type CallerSigningKey } from "@wsis/shared";
import type { JSONWebKeySet, JWK } from "jose";

/**
 * The gateway's caller signing keys, from a JSON file `{ "keys": [<private Ed25519 JWK>, …] }`: the FIRST key signs,
 * every key is published at `GET /.well-known/jwks.json`. Rotation without a gap: add the new key after the current one
 * (`rotate`: published, not yet signing), wait until the subgraphs have fetched it (or not: an unknown kid makes them
 * fetch again), move it first, and later remove the old one (`retire`).
 */
export interface CallerKeyRing {
  signing: CallerSigningKey;
  published: readonly CallerSigningKey[];
  jwks: JSONWebKeySet;
}

export function parseKeyFile(text: string, file: string): CallerKeyRing {
  let keys: JWK[];
  try {
    keys = (JSON.parse(text) as { keys?: JWK[] }).keys ?? [];
  } catch (error) {
    throw new Error(`${file} is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(keys) || keys.length === 0)
    throw new Error(`${file} holds no key ({ "keys": [<private JWK>, …] })`);
  const published = keys.map((k) => callerSigningKey(k));
  const kids = new Set(published.map((k) => k.kid));
  if (kids.size !== published.length) throw new Error(`${file}: two keys share a kid`);
  return { signing: published[0], published, jwks: publicJwks(published) };
}

export function readKeyFile(file: string): CallerKeyRing {
  return parseKeyFile(readFileSync(file, "utf8"), file);
}

function writeKeys(file: string, keys: JWK[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ keys }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * The development key pair (outside production, when CALLER_SIGNING_KEYS_FILE is not set): made once, kept in
 * `.data/caller-signing-keys.json` (git-ignored), shared by every local gateway process.
 */
export function developmentKeyRing(file: string): CallerKeyRing {
  try {
    return readKeyFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const { privateJwk } = generateCallerSigningKey("local-development");
  try {
    writeFileSync(file, `${JSON.stringify({ keys: [privateJwk] }, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error; // another process made it first
  }
  return readKeyFile(file);
}

/** `new` (a file with one key), `rotate` (a new key added, published, not signing yet), `promote` (the newest key signs), `retire` (only the signing key kept), `public` (the JWKS to give subgraphs). */
export function manageKeys(command: string, file: string): string {
  const read = () => (JSON.parse(readFileSync(file, "utf8")) as { keys: JWK[] }).keys;
  switch (command) {
    case "new":
      writeKeys(file, [generateCallerSigningKey().privateJwk]);
      return `${file}: one new key\n`;
    case "rotate": {
      const keys = read();
      writeKeys(file, [...keys, generateCallerSigningKey().privateJwk]);
      return `${file}: a new key published (not signing yet); run promote next\n`;
    }
    case "promote": {
      const keys = read();
      writeKeys(file, [keys[keys.length - 1], ...keys.slice(0, -1)]);
      return `${file}: ${keys[keys.length - 1].kid} signs now; the others stay published until retire\n`;
    }
    case "retire": {
      const keys = read();
      writeKeys(file, keys.slice(0, 1));
      return `${file}: only ${keys[0].kid} is kept\n`;
    }
    case "public":
      return `${JSON.stringify(readKeyFile(file).jwks, null, 2)}\n`;
    default:
      throw new Error(`unknown command ${command}: new, rotate, promote, retire or public`);
  }
}

if (require.main === module) {
  const [command, file] = process.argv.slice(2);
  try {
    if (!command || !file) throw new Error("usage: npm run caller-keys -- new|rotate|promote|retire|public FILE");
    process.stdout.write(manageKeys(command, file));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
