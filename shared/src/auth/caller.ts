import { createHmac, timingSafeEqual } from "node:crypto";

/** Who is calling, as established by the gateway from a verified bearer token. */
export interface Caller {
  /** The agency the caller acts for, e.g. "ITU". */
  agency: string;
  /** The token's subject (a person or a service account). */
  subject: string;
  scopes: string[];
}

export const CALLER_HEADER = "x-wsis-caller";
export const CALLER_SIGNATURE_HEADER = "x-wsis-caller-signature";

function sign(payload: string, secret: string): string {
  return createHmac("sha256", secret).update(payload).digest("base64url");
}

/** How long signed caller headers stay valid (the gateway signs them afresh for every subgraph call). */
export const CALLER_TTL_SECONDS = 300;

/**
 * Headers the gateway adds to a subgraph request; only holders of the internal secret can produce them. The signed
 * payload carries an expiry (`exp`, Unix seconds, CALLER_TTL_SECONDS from now), so captured headers cannot be replayed
 * for long.
 */
export function callerHeaders(caller: Caller, secret: string, now: number = Date.now()): Record<string, string> {
  const claims = { agency: caller.agency, subject: caller.subject, scopes: caller.scopes, exp: Math.floor(now / 1000) + CALLER_TTL_SECONDS };
  const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
  return { [CALLER_HEADER]: payload, [CALLER_SIGNATURE_HEADER]: sign(payload, secret) };
}

/**
 * Reads the caller forwarded by the gateway. Missing headers mean an anonymous (public, read-only) request; present
 * but unsigned, tampered or expired headers are rejected as anonymous too, so a client calling a subgraph directly gains
 * nothing (and every write refuses an anonymous caller).
 */
export function readCaller(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  now: number = Date.now(),
): { caller: Caller | null; tampered: boolean } {
  const payload = first(headers[CALLER_HEADER]);
  const signature = first(headers[CALLER_SIGNATURE_HEADER]);
  if (!payload && !signature) return { caller: null, tampered: false };
  if (!payload || !signature) return { caller: null, tampered: true };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { caller: null, tampered: true };
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<Caller> & { exp?: unknown };
    if (typeof parsed.agency !== "string" || typeof parsed.subject !== "string" || !Array.isArray(parsed.scopes)) {
      return { caller: null, tampered: true };
    }
    // Signed but stale (or without an expiry): a replay, not a call the gateway just made.
    if (typeof parsed.exp !== "number" || parsed.exp * 1000 < now) return { caller: null, tampered: true };
    return {
      caller: { agency: parsed.agency, subject: parsed.subject, scopes: parsed.scopes.map(String) },
      tampered: false,
    };
  } catch {
    return { caller: null, tampered: true };
  }
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
