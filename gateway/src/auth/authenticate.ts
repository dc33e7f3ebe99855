import { sendRequestError, type Caller, type Logger } from "@wsis/shared";
import { ErrorCode } from "../error-codes";
import type { RequestHandler, Response } from "express";
import { InvalidTokenError, type TokenVerifier } from "./verify-token";

const BEARER = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/;

/** The caller this request authenticated as (null: anonymous); set by `authenticate`. */
export function callerOfResponse(res: Response): Caller | null {
  return (res.locals as { caller?: Caller | null }).caller ?? null;
}

/**
 * Identity at the gateway. No `Authorization` header: an anonymous caller (reads are public). `Authorization: Bearer
 * <JWT>` verified: the caller (agency, subject, scopes), forwarded to the subgraphs signed. Anything else — a malformed
 * header, an expired, tampered or foreign token — is refused at once with HTTP 401 and a GraphQL error
 * UNAUTHENTICATED, before any GraphQL work: an invalid token is never treated as anonymous.
 */
export function authenticate(verify: TokenVerifier, log: Logger): RequestHandler {
  return async (req, res, next) => {
    const header = req.headers.authorization;
    if (header === undefined) {
      (res.locals as { caller?: Caller | null }).caller = null;
      next();
      return;
    }
    const match = BEARER.exec(header.trim());
    const refuse = (reason: string) => {
      log.info({ reason }, "bearer token refused");
      res.setHeader("www-authenticate", `Bearer realm="wsis-hub", error="invalid_token"`);
      sendRequestError(res, 401, ErrorCode.UNAUTHENTICATED, `Authentication failed: ${reason}`);
    };
    if (!match) {
      refuse('the Authorization header must be "Bearer <token>"');
      return;
    }
    try {
      (res.locals as { caller?: Caller | null }).caller = await verify(match[1]);
    } catch (error) {
      if (error instanceof InvalidTokenError) {
        refuse(error.reason);
        return;
      }
      throw error;
    }
    next();
  };
}
