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

/** Headers the gateway adds to a subgraph request; only holders of the internal secret can produce them. */
export function callerHeaders(caller: Caller, secret: string): Record<string, string> {
  const payload = Buffer.from(JSON.stringify(caller)).toString("base64url");
  return { [CALLER_HEADER]: payload, [CALLER_SIGNATURE_HEADER]: sign(payload, secret) };
}

/**
 * Reads the caller forwarded by the gateway. Missing headers mean an anonymous (public, read-only) request; present
 * but unsigned or tampered headers are rejected as anonymous too, so a client calling a subgraph directly gains nothing.
 */
export function readCaller(
  headers: Record<string, string | string[] | undefined>,
  secret: string,
): { caller: Caller | null; tampered: boolean } {
  const payload = first(headers[CALLER_HEADER]);
  const signature = first(headers[CALLER_SIGNATURE_HEADER]);
  if (!payload && !signature) return { caller: null, tampered: false };
  if (!payload || !signature) return { caller: null, tampered: true };
  const expected = Buffer.from(sign(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { caller: null, tampered: true };
  try {
    const parsed = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as Partial<Caller>;
    if (typeof parsed.agency !== "string" || typeof parsed.subject !== "string" || !Array.isArray(parsed.scopes)) {
      return { caller: null, tampered: true };
    }
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
