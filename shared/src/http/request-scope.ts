import express, {
  type ErrorRequestHandler,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from "express";
import { ErrorCode } from "../errors";
import type { Logger } from "../logger";
import { REQUEST_ID_HEADER, requestIdFrom, runInRequestScope, type RequestScope } from "./request-id";

/** The scope of the request this response belongs to (set by `assignRequestId`). */
export function requestScopeOf(res: Response): RequestScope {
  const scope = (res.locals as { requestScope?: RequestScope }).requestScope;
  if (scope) return scope;
  const created: RequestScope = { requestId: requestIdFrom(undefined) };
  (res.locals as { requestScope?: RequestScope }).requestScope = created;
  return created;
}

export interface AccessLogFields {
  requestId: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  operationName?: string | null;
  outcome?: string;
  cacheHit?: boolean;
}

/**
 * First middleware of a GraphQL route: keeps or makes the request id, echoes it in `x-request-id`, and writes one
 * access log line (info) with it when the response is finished — so every request leaves at least one line carrying
 * its id in the log of each process it crosses.
 */
export function assignRequestId(log: Logger, onFinish?: (fields: AccessLogFields) => void): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const scope: RequestScope = { requestId: requestIdFrom(req.headers[REQUEST_ID_HEADER]) };
    (res.locals as { requestScope?: RequestScope }).requestScope = scope;
    res.setHeader(REQUEST_ID_HEADER, scope.requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const fields: AccessLogFields = {
        requestId: scope.requestId,
        method: req.method,
        path: req.baseUrl || req.path,
        status: res.statusCode,
        durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e4) / 100,
        operationName: scope.operationName ?? null,
        outcome: scope.outcome,
        ...(scope.cacheHit !== undefined ? { cacheHit: scope.cacheHit } : {}),
      };
      log.info(fields, "request");
      onFinish?.(fields);
    });
    next();
  };
}

/**
 * Runs the rest of the chain inside the request's scope. It comes after the body parser: a stream's callbacks do not
 * keep the asynchronous context of the middleware that started reading it.
 */
export function enterRequestScope(): RequestHandler {
  return (req, res, next) => {
    // Express 5 leaves `req.body` unset when no parser matched (GET, text/plain); Apollo's integration wants it present,
    // and then answers such requests itself (CSRF prevention, "POST body missing").
    if (!("body" in req)) (req as { body?: unknown }).body = undefined;
    runInRequestScope(requestScopeOf(res), next);
  };
}

/**
 * Reads a JSON body with a size limit chosen per request (e.g. larger for an authenticated caller). A body whose
 * declared Content-Length is over the limit is refused at once with 413 REQUEST_TOO_LARGE, before a byte of it is read
 * (the body parser itself would read and discard all of it before answering).
 */
export function jsonBody(limitOf: (req: Request, res: Response) => number): RequestHandler {
  const parsers = new Map<number, RequestHandler>();
  return (req, res, next) => {
    const limit = limitOf(req, res);
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > limit) {
      sendRequestError(res, 413, ErrorCode.REQUEST_TOO_LARGE, `The request body is larger than ${limit} bytes`, {
        limit,
      });
      return;
    }
    let parser = parsers.get(limit);
    if (!parser) {
      parser = express.json({ limit });
      parsers.set(limit, parser);
    }
    parser(req, res, next);
  };
}

/**
 * A GraphQL-shaped error response for a request refused before GraphQL sees it; carries the request id. A request
 * whose body was not read (refused on its headers) gets `Connection: close`: the rest of its body is not waited for.
 */
export function sendRequestError(
  res: Response,
  status: number,
  code: string,
  message: string,
  extensions: Record<string, unknown> = {},
): void {
  const scope = requestScopeOf(res);
  scope.outcome = status >= 500 ? "error" : "rejected";
  if (res.req && !res.req.complete) res.setHeader("connection", "close");
  res
    .status(status)
    .type("application/json")
    .send(JSON.stringify({ errors: [{ message, extensions: { ...extensions, code, requestId: scope.requestId } }] }));
}

/**
 * Turns the body parser's errors into GraphQL-shaped JSON: 413 REQUEST_TOO_LARGE over the size limit (the parser's
 * limit for this request, else `limitBytes`), 400 BAD_REQUEST for malformed JSON or an unsupported charset; never an
 * HTML page or a stack trace.
 */
export function bodyErrorHandler(log: Logger, limitBytes: number): ErrorRequestHandler {
  return (error: { type?: string; status?: number; message?: string; limit?: number }, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const scope = requestScopeOf(res);
    if (error.type === "entity.too.large") {
      const limit = error.limit ?? limitBytes;
      sendRequestError(res, 413, ErrorCode.REQUEST_TOO_LARGE, `The request body is larger than ${limit} bytes`, {
        limit,
      });
    } else if (error.type === "entity.parse.failed") {
      sendRequestError(res, 400, ErrorCode.BAD_REQUEST, "The request body is not valid JSON");
    } else if (typeof error.status === "number" && error.status >= 400 && error.status < 500) {
      sendRequestError(res, error.status, ErrorCode.BAD_REQUEST, "The request could not be read");
    } else {
      log.error({ err: error, requestId: scope.requestId }, "request failed before GraphQL");
      sendRequestError(res, 500, ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
    }
  };
}
