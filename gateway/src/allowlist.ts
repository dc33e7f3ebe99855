import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { ApolloServerPlugin } from "@apollo/server";
import { ConfigError } from "@wsis/shared";
import { ErrorCode } from "./error-codes";
import { GraphQLError, parse } from "graphql";
import type { GatewayContext } from "./context";

/**
 * The operations that may run in allowlist mode, by the sha256 (hex) of their exact text — the hash automatic
 * persisted queries use. Documents given in full are also registered: a client can send just their hash.
 */
export interface Allowlist {
  hashes: ReadonlySet<string>;
  /** sha256 → document, for the entries given in full. */
  documents: ReadonlyMap<string, string>;
}

const SHA256 = /^[0-9a-f]{64}$/;

export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/**
 * Reads an allowlist file: a JSON array whose entries are operation documents or their sha256 hashes, or an Apollo
 * persisted-query manifest (`{ "operations": [{ "id": "<sha256>", "body": "<document>" }] }`). Every problem is
 * reported at once, as a configuration error.
 */
export function readAllowlist(file: string): Allowlist {
  const problems: string[] = [];
  let entries: unknown[] = [];
  try {
    const parsed = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (Array.isArray(parsed)) entries = parsed;
    else if (parsed && typeof parsed === "object" && Array.isArray((parsed as { operations?: unknown }).operations)) {
      entries = (parsed as { operations: Array<{ id?: unknown; body?: unknown }> }).operations.map(
        (o) => o?.body ?? o?.id,
      );
    } else problems.push(`ALLOWLIST_PATH: ${file} holds neither a JSON array nor a persisted-query manifest`);
  } catch (error) {
    problems.push(`ALLOWLIST_PATH: cannot read ${file}: ${(error as Error).message}`);
  }
  const hashes = new Set<string>();
  const documents = new Map<string, string>();
  entries.forEach((entry, index) => {
    if (typeof entry !== "string" || entry.trim() === "") {
      problems.push(`ALLOWLIST_PATH: entry ${index} is not a document or a sha256 hash`);
    } else if (SHA256.test(entry)) {
      hashes.add(entry);
    } else {
      try {
        parse(entry);
      } catch (error) {
        problems.push(`ALLOWLIST_PATH: entry ${index} is not a GraphQL document: ${(error as Error).message}`);
        return;
      }
      const hash = sha256(entry);
      hashes.add(hash);
      documents.set(hash, entry);
    }
  });
  if (problems.length) throw new ConfigError(problems);
  return { hashes, documents };
}

interface PersistedQueryExtension {
  persistedQuery?: { sha256Hash?: unknown };
}

/**
 * Allowlist mode: an operation runs only when the sha256 of its text is registered; any other gets
 * OPERATION_NOT_ALLOWED (403). A client may send only the hash of a registered document (as with automatic persisted
 * queries, but without registering it first). The gateway's own in-process operations (feeds) are trusted.
 */
export function allowlistPlugin(allowlist: Allowlist): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ request }) {
      const hash = (request.extensions as PersistedQueryExtension | undefined)?.persistedQuery?.sha256Hash;
      if (request.query === undefined && typeof hash === "string") {
        const document = allowlist.documents.get(hash);
        if (document !== undefined) request.query = document;
      }
      return {
        async didResolveOperation({ queryHash, contextValue }) {
          if (contextValue.internal) return;
          if (!allowlist.hashes.has(queryHash)) {
            throw new GraphQLError("This operation is not on the allowlist of this endpoint", {
              extensions: { code: ErrorCode.OPERATION_NOT_ALLOWED, http: { status: 403 } },
            });
          }
        },
      };
    },
  };
}
