import { sendRequestError } from "@wsis/shared";
import { ErrorCode } from "./error-codes";
import type { RequestHandler } from "express";
import { Kind, parse, type DocumentNode } from "graphql";

function queryTextOf(req: { method: string; body?: unknown; query: unknown }): string | undefined {
  const source = req.method === "GET" ? req.query : req.body;
  if (!source || typeof source !== "object" || Array.isArray(source)) return undefined;
  const query = (source as { query?: unknown }).query;
  return typeof query === "string" ? query : undefined;
}

function operationNameOf(req: { method: string; body?: unknown; query: unknown }): string | undefined {
  const source = (req.method === "GET" ? req.query : req.body) as { operationName?: unknown } | undefined;
  return typeof source?.operationName === "string" ? source.operationName : undefined;
}

/** How deeply variables and extensions may nest (an input object of the schema nests a few levels). */
export const MAX_INPUT_DEPTH = 64;

/** How deeply a JSON value nests (a scalar 0, `{}` or `[]` 1), without recursion; it stops counting past `limit`. */
export function nestingDepth(value: unknown, limit: number): number {
  let max = 0;
  const pending: Array<[unknown, number]> = [[value, 0]];
  while (pending.length > 0) {
    const [item, above] = pending.pop()!;
    if (item === null || typeof item !== "object") continue;
    const depth = above + 1;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const child of Array.isArray(item) ? item : Object.values(item)) pending.push([child, depth]);
  }
  return max;
}

/** `variables` or `extensions` of a request, as Apollo will read them (for GET, JSON in the query string). */
function jsonParameterOf(
  req: { method: string; body?: unknown; query: unknown },
  name: "variables" | "extensions",
): unknown {
  if (req.method !== "GET") {
    const body = req.body;
    return body && typeof body === "object" && !Array.isArray(body)
      ? (body as Record<string, unknown>)[name]
      : undefined;
  }
  const raw = (req.query as Record<string, unknown> | undefined)?.[name];
  if (typeof raw !== "string") return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined; // Apollo answers malformed JSON parameters itself (400 BAD_REQUEST)
  }
}

/**
 * Checks made before GraphQL parses anything: variables and extensions nest at most MAX_INPUT_DEPTH levels (400
 * BAD_USER_INPUT, BAD_REQUEST: deeper ones overflowed the stack of what serialises them, the response cache's key
 * first), the query text is at most `maxDocumentBytes` (413 DOCUMENT_TOO_LARGE), and a GET request never runs a
 * mutation (405 METHOD_NOT_ALLOWED, whatever the schema holds — Apollo checks this too, but only after validation).
 */
export function documentGuard(options: { maxDocumentBytes: number; maxTokens: number }): RequestHandler {
  return (req, res, next) => {
    if (nestingDepth(jsonParameterOf(req, "variables"), MAX_INPUT_DEPTH) > MAX_INPUT_DEPTH) {
      sendRequestError(
        res,
        400,
        ErrorCode.BAD_USER_INPUT,
        `The variables are nested more than ${MAX_INPUT_DEPTH} levels deep`,
        { limit: MAX_INPUT_DEPTH },
      );
      return;
    }
    if (nestingDepth(jsonParameterOf(req, "extensions"), MAX_INPUT_DEPTH) > MAX_INPUT_DEPTH) {
      sendRequestError(
        res,
        400,
        ErrorCode.BAD_REQUEST,
        `The extensions are nested more than ${MAX_INPUT_DEPTH} levels deep`,
        { limit: MAX_INPUT_DEPTH },
      );
      return;
    }
    const query = queryTextOf(req);
    if (query === undefined) {
      next();
      return;
    }
    const bytes = Buffer.byteLength(query, "utf8");
    if (bytes > options.maxDocumentBytes) {
      sendRequestError(
        res,
        413,
        ErrorCode.DOCUMENT_TOO_LARGE,
        `The query is ${bytes} bytes long; at most ${options.maxDocumentBytes} are allowed`,
        {
          limit: options.maxDocumentBytes,
        },
      );
      return;
    }
    if (req.method === "GET") {
      let document: DocumentNode | undefined;
      try {
        document = parse(query, { noLocation: true, maxTokens: options.maxTokens });
      } catch {
        // Apollo reports syntax errors (and too many tokens) with their codes.
      }
      const name = operationNameOf(req);
      const operation = document?.definitions.find(
        (d) => d.kind === Kind.OPERATION_DEFINITION && (name === undefined || d.name?.value === name),
      );
      if (operation?.kind === Kind.OPERATION_DEFINITION && operation.operation !== "query") {
        res.setHeader("allow", "POST");
        sendRequestError(
          res,
          405,
          ErrorCode.METHOD_NOT_ALLOWED,
          `GET requests only run queries; send this ${operation.operation} with POST`,
        );
        return;
      }
    }
    next();
  };
}
