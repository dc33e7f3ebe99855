import { parseArgs } from "node:util";
import { ConfigError, isScope, SCOPES } from "@wsis/shared";
import { SignJWT } from "jose";
import { SECRET_ALGORITHMS } from "./auth/jwt-config";
import { loadGatewayConfig } from "./config";

const USAGE = `Usage: npm run token -- --agency <ID> --scope <scope> [--scope <scope> ...] [--subject <name>] [--ttl <30m|1h|7d>]

Prints a bearer token for a local hub (signed with its local secret: JWT_SECRET, or the built-in development one).
Scopes: ${SCOPES.join(", ")}.
Example: curl -H "Authorization: Bearer $(npm run -s token -- --agency ITU --scope events:write)" ...`;

const MAX_TTL_SECONDS = 30 * 86400;
const AGENCY = /^[A-Za-z][A-Za-z0-9-]{0,31}$/;

/** "90", "90s", "15m", "1h", "7d" → seconds. */
export function parseTtl(text: string): number | null {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!match) return null;
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "" | "s" | "m" | "h" | "d"];
  const seconds = Number(match[1]) * unit;
  return seconds >= 1 && seconds <= MAX_TTL_SECONDS ? seconds : null;
}

export interface TokenRequest {
  agency: string;
  scopes: string[];
  subject: string;
  ttlSeconds: number;
}

/** Reads the command line; every problem at once. */
export function parseTokenArgs(argv: string[]): TokenRequest {
  const { values } = parseArgs({
    args: argv,
    options: {
      agency: { type: "string" },
      scope: { type: "string", multiple: true },
      subject: { type: "string" },
      ttl: { type: "string", default: "1h" },
    },
    strict: true,
    allowPositionals: false,
  });
  const problems: string[] = [];
  const agency = values.agency ?? "";
  if (!AGENCY.test(agency)) problems.push('--agency: an agency id such as "ITU" is required');
  const scopes = [...new Set((values.scope ?? []).flatMap((s) => s.split(/[\s,]+/)).filter(Boolean))];
  if (scopes.length === 0) problems.push(`--scope: at least one of ${SCOPES.join(", ")}`);
  for (const s of scopes) if (!isScope(s)) problems.push(`--scope: unknown scope "${s}" (known: ${SCOPES.join(", ")})`);
  const ttlSeconds = parseTtl(values.ttl ?? "1h");
  if (ttlSeconds === null)
    problems.push(`--ttl: a duration such as 30m, 1h or 7d, at most ${MAX_TTL_SECONDS / 86400}d`);
  const subject = (values.subject ?? `${agency.toLowerCase()}-local`).trim();
  if (subject === "" || subject.length > 256) problems.push("--subject: 1 to 256 characters");
  if (problems.length) throw new ConfigError(problems);
  return { agency, scopes, subject, ttlSeconds: ttlSeconds as number };
}

/** Signs a token for the local hub; refuses in production and when the gateway verifies with a JWKS. */
export async function localToken(
  request: TokenRequest,
  source: Record<string, string | undefined> = process.env,
  now = Date.now(),
): Promise<string> {
  if (source.NODE_ENV === "production") {
    throw new ConfigError([
      "NODE_ENV=production: local tokens are for development only; production tokens come from the identity provider",
    ]);
  }
  const config = loadGatewayConfig(source);
  if (config.jwt.mode !== "secret") {
    throw new ConfigError([
      "JWT_JWKS_URL is set: this gateway verifies tokens with the identity provider's keys, not a local secret",
    ]);
  }
  const issuedAt = Math.floor(now / 1000);
  return new SignJWT({ agency: request.agency, scope: request.scopes.join(" ") })
    .setProtectedHeader({ alg: SECRET_ALGORITHMS[0], typ: "JWT" })
    .setSubject(request.subject)
    .setIssuer(config.jwt.issuer)
    .setAudience(config.jwt.audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + request.ttlSeconds)
    .sign(new TextEncoder().encode(config.jwt.secret));
}

async function main(): Promise<void> {
  try {
    const request = parseTokenArgs(process.argv.slice(2));
    const token = await localToken(request);
    process.stdout.write(`${token}\n`);
    process.stderr.write(
      `token for ${request.subject} (${request.agency}), scopes ${request.scopes.join(" ")}, valid ${request.ttlSeconds} s\n`,
    );
  } catch (error) {
    const message =
      error instanceof ConfigError
        ? error.problems.map((p) => `  - ${p}`).join("\n")
        : `  - ${(error as Error).message}`;
    process.stderr.write(`token: cannot make a token:\n${message}\n\n${USAGE}\n`);
    process.exitCode = 1;
  }
}

if (require.main === module) void main();
