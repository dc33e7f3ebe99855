import { ErrorCode, sendRequestError } from "@wsis/shared";
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

/**
 * Checks made before GraphQL parses anything: the query text is at most `maxDocumentBytes` (413 DOCUMENT_TOO_LARGE),
 * and a GET request never runs a mutation (405 METHOD_NOT_ALLOWED, whatever the schema holds — Apollo checks this
 * too, but only after validation).
 */
export function documentGuard(options: { maxDocumentBytes: number; maxTokens: number }): RequestHandler {
  return (req, res, next) => {
    const query = queryTextOf(req);
    if (query === undefined) {
      next();
      return;
    }
    const bytes = Buffer.byteLength(query, "utf8");
    if (bytes > options.maxDocumentBytes) {
      sendRequestError(res, 413, ErrorCode.DOCUMENT_TOO_LARGE, `The query is ${bytes} bytes long; at most ${options.maxDocumentBytes} are allowed`, {
        limit: options.maxDocumentBytes,
      });
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
        sendRequestError(res, 405, ErrorCode.METHOD_NOT_ALLOWED, `GET requests only run queries; send this ${operation.operation} with POST`);
        return;
      }
    }
    next();
  };
}
