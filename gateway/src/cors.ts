import cors, { type CorsOptions, type CorsOptionsDelegate } from "cors";
import type { Request, RequestHandler } from "express";

/** Who may read the hub from a page of another origin (CORS_ORIGINS). */
export interface CorsConfig {
  /** `*` was listed: any page may read (never with credentials, never with an Authorization header). */
  anyOrigin: boolean;
  /** Origins listed by name (`https://dashboard.example.org`): their origin is echoed, Authorization and credentials allowed. */
  origins: string[];
}

/** The request headers a page may send: those the hub reads (CSRF preflight headers, the request id). */
export const CORS_ALLOWED_HEADERS = [
  "content-type",
  "apollo-require-preflight",
  "x-apollo-operation-name",
  "x-request-id",
];
/** The response headers a page may read besides the safelisted ones. */
export const CORS_EXPOSED_HEADERS = ["x-request-id", "age", "cache-control"];
const METHODS = ["GET", "HEAD", "POST"];
/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = 600;

/** Problems with a CORS_ORIGINS value (each entry `*` or an origin `scheme://host[:port]`, http or https). */
export function corsOriginProblems(value: string): string[] {
  return entries(value)
    .filter((entry) => entry !== "*" && !isOrigin(entry))
    .map(
      (entry) =>
        `${JSON.stringify(entry)} is not an origin: write scheme://host[:port] (no path, no trailing slash), or *`,
    );
}

/** The CORS configuration of a CORS_ORIGINS value; undefined (no cross-origin access) when it lists nothing. */
export function corsConfigOf(value: string): CorsConfig | undefined {
  const listed = entries(value);
  if (listed.length === 0) return undefined;
  return { anyOrigin: listed.includes("*"), origins: [...new Set(listed.filter((entry) => entry !== "*"))] };
}

function entries(value: string): string[] {
  return value
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
}

function isOrigin(entry: string): boolean {
  try {
    const url = new URL(entry);
    return (url.protocol === "http:" || url.protocol === "https:") && url.origin === entry;
  } catch {
    return false;
  }
}

/**
 * CORS for the routes that dashboards read (`cors`, the express middleware): preflights are answered 204 with the
 * allowed methods and headers; answers carry `Access-Control-Allow-Origin` and expose `x-request-id`, `age` and
 * `cache-control`. A listed origin gets its origin echoed, `Authorization` among the allowed headers and credentials;
 * with `*`, any other origin gets `*`, without credentials and without `Authorization` (a page elsewhere may read
 * public data, never write with someone's token). When origins are listed the answer depends on the request's
 * `Origin`, so it says `Vary: Origin`. A request CORS does not approve goes on unchanged (Apollo's CSRF prevention
 * answers it as before).
 */
export function corsMiddleware(config: CorsConfig): RequestHandler {
  const listed = new Set(config.origins);
  const common: CorsOptions = {
    methods: METHODS,
    exposedHeaders: CORS_EXPOSED_HEADERS,
    maxAge: PREFLIGHT_MAX_AGE,
    optionsSuccessStatus: 204,
  };
  const delegate: CorsOptionsDelegate<Request> = (req, callback) => {
    const origin = req.headers.origin;
    if (origin !== undefined && listed.has(origin)) {
      callback(null, {
        ...common,
        origin,
        credentials: true,
        allowedHeaders: [...CORS_ALLOWED_HEADERS, "authorization"],
      });
    } else if (config.anyOrigin) {
      callback(null, { ...common, origin: "*", credentials: false, allowedHeaders: CORS_ALLOWED_HEADERS });
    } else {
      callback(null, { origin: false });
    }
  };
  const handler = cors(delegate);
  return (req, res, next) => {
    if (listed.size > 0) res.vary("Origin");
    handler(req, res, next);
  };
}
