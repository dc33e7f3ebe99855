// @ts-check
/**
 * The regional-commissions subgraph: an agency's own GraphQL service that joins the WSIS Hub by a registry entry.
 * Plain @apollo/subgraph on Node's http server, no code of the hub: the five UN Regional Commissions, their member
 * states (each membership with its source and whether it was verified), and their part in the WSIS regional reviews.
 *
 *   node server.js      listens on HOST:PORT (127.0.0.1:4010), GraphQL at /graphql; its schema is schema.graphql
 *
 * Environment: PORT, HOST, CALLER_JWKS_URL (the gateway's public keys; default http://127.0.0.1:4000/.well-known/jwks.json),
 * CALLER_JWKS_COOLDOWN_MS (30000), SUBGRAPH_NAME (regional-commissions: the audience of the callers it accepts).
 */
"use strict";

process.env.APOLLO_TELEMETRY_DISABLED = "true";

const { createHash } = require("node:crypto");
const { readFileSync } = require("node:fs");
const http = require("node:http");
const path = require("node:path");
const { buildSubgraphSchema } = require("@apollo/subgraph");
const { parse: parseCsv } = require("csv-parse/sync");
const { graphql, GraphQLError, parse } = require("graphql");
const { createRemoteJWKSet, jwtVerify } = require("jose");

const NAME = process.env.SUBGRAPH_NAME || "regional-commissions";
const DATA = path.join(__dirname, "data");

// ---------------------------------------------------------------------------------------------------------------------
// Data: data/*.csv as gathered and checked (see data/SOURCES.md). Every row keeps its source and its verified flag.

/** @param {string} file */
const readCsv = (file) =>
  /** @type {Record<string, string>[]} */ (
    parseCsv(readFileSync(path.join(DATA, file)), { columns: true, skip_empty_lines: true })
  );

/** The hub's provenance shape (a shareable value type): one per distinct source URL. */
const sources = new Map();
/** @param {string} url @param {string} title */
function sourceOf(url, title) {
  if (!sources.has(url)) {
    const host = new URL(url).hostname.replace(/^www\./, "");
    const copy = host === "github.com";
    sources.set(url, {
      id: `regional-commissions:${createHash("sha256").update(url).digest("hex").slice(0, 12)}`,
      title,
      publisher: copy ? null : host,
      url,
      licence: copy
        ? "none declared by the copy (the English Wikipedia text it copies is CC BY-SA 4.0)"
        : "none declared",
      note: copy ? "A copy of a Wikipedia article in a public repository: a lead, not a primary source" : null,
    });
  }
  return sources.get(url);
}

const commissions = readCsv("commissions.csv").map((row) => ({
  code: row.code,
  name: row.name,
  headquarters: row.headquarters,
  website: row.website,
  verified: row.verified === "true",
  evidence: row.quote,
  note: row.note || null,
  source: sourceOf(row.source_url, row.source_title),
}));
const commissionByCode = new Map(commissions.map((c) => [c.code, c]));

const memberships = readCsv("membership.csv").map((row) => ({
  commissionCode: row.commission,
  economyCode: row.iso3,
  memberName: row.member_name,
  kind: row.membership === "ASSOCIATE" ? "ASSOCIATE_MEMBER" : "MEMBER",
  verified: row.verified === "true",
  evidence: row.quote,
  note: row.note || null,
  source: sourceOf(row.source_url, row.source_title),
}));

/** @template T @param {T[]} rows @param {(row: T) => string} key */
function groupBy(rows, key) {
  /** @type {Map<string, T[]>} */
  const map = new Map();
  for (const row of rows) map.set(key(row), [...(map.get(key(row)) ?? []), row]);
  return map;
}
const membershipsByCommission = groupBy(memberships, (m) => m.commissionCode);
const membershipsByEconomy = groupBy(memberships, (m) => m.economyCode);

const roles = readCsv("commission_wsis_roles.csv").map((row) => ({
  commissionCode: row.code === "ALL" ? null : row.code,
  role: row.role,
  verified: row.verified === "true",
  evidence: row.quote,
  note: row.note || null,
  source: sourceOf(row.source_url, row.source_title),
}));

/** The hub's agency that stands for the five commissions together (action-lines' agencies.csv: UNRC). */
const COMMISSIONS_AGENCY = "UNRC";

// ---------------------------------------------------------------------------------------------------------------------
// Schema: Federation 2; RegionalCommission is ours, Economy (by code) and Agency (by id) are the hub's entities we extend.

const typeDefs = parse(readFileSync(path.join(__dirname, "schema.graphql"), "utf8"));

const resolvers = {
  Query: {
    regionalCommissions: () => commissions,
    /** @param {unknown} _ @param {{ code: string }} args */
    regionalCommission: (_, { code }) => commissionByCode.get(code.trim().toUpperCase()) ?? null,
    /** @param {unknown} _ @param {unknown} __ @param {{ caller: Caller | null }} context */
    regionalCommissionsCaller: (_, __, { caller }) => caller,
  },
  RegionalCommission: {
    /** @param {{ code: string }} ref */
    __resolveReference: (ref) => commissionByCode.get(ref.code) ?? null,
    /** @param {{ code: string }} commission @param {{ kind?: string }} args */
    memberships: (commission, { kind }) =>
      (membershipsByCommission.get(commission.code) ?? []).filter((m) => !kind || m.kind === kind),
    /** @param {{ code: string }} commission */
    wsisRoles: (commission) => roles.filter((r) => r.commissionCode === null || r.commissionCode === commission.code),
    agency: () => ({ id: COMMISSIONS_AGENCY }),
  },
  RegionalCommissionMembership: {
    /** @param {{ commissionCode: string }} m */
    commission: (m) => commissionByCode.get(m.commissionCode),
    /** @param {{ economyCode: string }} m */
    economy: (m) => ({ code: m.economyCode }),
  },
  RegionalCommissionWsisRole: {
    /** @param {{ commissionCode: string | null }} r */
    commission: (r) => (r.commissionCode ? commissionByCode.get(r.commissionCode) : null),
  },
  Economy: {
    /** @param {{ code: string }} ref */
    __resolveReference: (ref) => ({ code: ref.code }),
    /** @param {{ code: string }} economy */
    regionalCommissions: (economy) => membershipsByEconomy.get(economy.code) ?? [],
  },
  Agency: {
    /** @param {{ id: string }} ref */
    __resolveReference: (ref) => ({ id: ref.id }),
    /** @param {{ id: string }} agency */
    regionalCommissions: (agency) => (agency.id === COMMISSIONS_AGENCY ? commissions : []),
  },
};

const schema = buildSubgraphSchema([{ typeDefs, resolvers: /** @type {any} */ (resolvers) }]);

// ---------------------------------------------------------------------------------------------------------------------
// The caller the gateway signs: a JWS (EdDSA) with a detached payload, in two headers; verified with the gateway's
// public keys (fetched from its /.well-known/jwks.json on the first signed request, cached, fetched again for an
// unknown key), for our name as the audience. Anything else is an anonymous request.

/** @typedef {{ agency: string, subject: string, scopes: string[] }} Caller */

const jwks = createRemoteJWKSet(new URL(process.env.CALLER_JWKS_URL || "http://127.0.0.1:4000/.well-known/jwks.json"), {
  cooldownDuration: Number(process.env.CALLER_JWKS_COOLDOWN_MS ?? 30000),
});

/** @param {http.IncomingHttpHeaders} headers @returns {Promise<Caller | null>} */
async function callerOf(headers) {
  const payload = headers["x-wsis-caller"];
  const signature = headers["x-wsis-caller-signature"];
  if (typeof payload !== "string" || typeof signature !== "string") return null;
  const [protectedHeader, empty, sig] = signature.split(".");
  if (empty !== "" || !protectedHeader || !sig) return null;
  try {
    const { payload: claims } = await jwtVerify(`${protectedHeader}.${payload}.${sig}`, jwks, {
      algorithms: ["EdDSA"],
      typ: "wsis-caller+jwt",
      issuer: "wsis-hub-gateway",
      audience: NAME,
      clockTolerance: 5,
    });
    if (typeof claims.agency !== "string" || typeof claims.sub !== "string" || typeof claims.scope !== "string")
      return null;
    return { agency: claims.agency, subject: claims.sub, scopes: claims.scope.split(" ").filter(Boolean) };
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// HTTP: POST /graphql (JSON), GET /health/live, GET /health/ready (what the hub's gateway polls).

const MAX_BODY_BYTES = 2_000_000;

/** @param {http.ServerResponse} res @param {number} status @param {unknown} body @param {Record<string, string>} [headers] */
function send(res, status, body, headers = {}) {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
  res.end(JSON.stringify(body));
}

/** @param {http.IncomingMessage} req @returns {Promise<string>} */
function readBody(req) {
  return new Promise((resolve, reject) => {
    let size = 0;
    /** @type {Buffer[]} */
    const chunks = [];
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(Object.assign(new Error("body too large"), { status: 413 }));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** @param {string} message @param {string} code */
const requestError = (message, code) => ({ errors: [new GraphQLError(message, { extensions: { code } }).toJSON()] });

const server = http.createServer(async (req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && url.pathname === "/health/live") return send(res, 200, { status: "ok", service: NAME });
  if (req.method === "GET" && url.pathname === "/health/ready")
    return send(res, 200, { status: "ok", service: NAME, commissions: commissions.length });
  if (url.pathname !== "/graphql") return send(res, 404, { error: "not found" });
  if (req.method !== "POST")
    return send(res, 405, requestError("POST a JSON body to /graphql", "METHOD_NOT_ALLOWED"), { allow: "POST" });
  let body;
  try {
    body = JSON.parse(await readBody(req));
  } catch (error) {
    const status = /** @type {{ status?: number }} */ (error).status ?? 400;
    return send(
      res,
      status,
      requestError(
        status === 413 ? "The request body is too large" : "The request body is not valid JSON",
        "BAD_REQUEST",
      ),
    );
  }
  if (!body || typeof body.query !== "string")
    return send(res, 400, requestError("The body has no query", "BAD_REQUEST"));
  const caller = await callerOf(req.headers);
  const result = await graphql({
    schema,
    source: body.query,
    variableValues: body.variables ?? undefined,
    operationName: body.operationName ?? undefined,
    contextValue: { caller },
  });
  const errors = result.errors?.map((e) => {
    // Errors of the request (validation) keep their message; nothing internal (no stack) leaves the process.
    const code = e.originalError ? "INTERNAL_SERVER_ERROR" : "GRAPHQL_VALIDATION_FAILED";
    return {
      message: e.originalError ? "Internal server error" : e.message,
      locations: e.locations,
      path: e.path,
      extensions: { code },
    };
  });
  // Public reference data: cacheable for a day by the gateway, unless it concerns an identified caller or failed.
  const cacheControl = caller || errors ? "no-store" : "max-age=86400, public";
  send(res, 200, { ...result, errors }, { "cache-control": cacheControl });
});

server.requestTimeout = 30_000;
server.headersTimeout = 10_000;
const port = Number(process.env.PORT || 4010);
const host = process.env.HOST || "127.0.0.1";
server.listen(port, host, () => {
  process.stdout.write(
    `${JSON.stringify({ level: 30, msg: `${NAME} subgraph listening on http://${host}:${port}/graphql`, commissions: commissions.length, memberships: memberships.length })}\n`,
  );
});
const stop = () => server.close(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
