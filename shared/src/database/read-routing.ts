import type { DataSource, QueryRunner } from "typeorm";
import { currentRequestScope } from "../http/request-id";

/*
 * Where a statement may run when a data source has read replicas: which statements only read, which errors mean the
 * server failed (a read may be run again on the primary), and the request pinned to the primary once it writes.
 */

const CONNECTION_FAILURE_CODES = new Set([
  "57P01",
  "57P02",
  "57P03",
  "40001",
  "53300",
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
]);

/** Whether an error means the server (or the connection to it) failed, rather than the statement being wrong. */
export function isConnectionFailure(error: unknown): boolean {
  const inner = (error as { driverError?: unknown }).driverError ?? error;
  const { code, message, name } = (inner ?? {}) as { code?: string; message?: string; name?: string };
  if (code && (CONNECTION_FAILURE_CODES.has(code) || code.startsWith("08"))) return true;
  if (name === "QueryRunnerAlreadyReleasedError") return true;
  return /Connection terminated|connection error|not queryable|timeout exceeded when trying to connect|ECONNREFUSED/i.test(
    message ?? "",
  );
}

/** Whether a statement only reads (may run on a replica): one SELECT or WITH … SELECT that locks and changes nothing. */
export function isReadOnlyStatement(sql: string): boolean {
  const text = sql.trimStart();
  if (!/^(SELECT|WITH)\b/i.test(text)) return false;
  return !/\b(INSERT|UPDATE|DELETE|MERGE|NEXTVAL|SETVAL|SET_CONFIG|PG_ADVISORY_\w*|LOCK|INTO|REFRESH|CREATE|ALTER|DROP|TRUNCATE|COPY|CALL|NOTIFY)\b|\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE|KEY\s+SHARE)\b/i.test(
    text,
  );
}

/** The request being served reads from the primary from now on (it wrote, or it is a mutation). */
export function pinRequestToPrimary(): void {
  const scope = currentRequestScope();
  if (scope) scope.readPrimary = true;
}

/** Runs a statement on the primary, whether or not the data source has replicas (readiness asks the primary). */
export async function queryPrimary<T = unknown>(
  dataSource: DataSource,
  sql: string,
  parameters?: unknown[],
  structured = false,
): Promise<T> {
  const runner = dataSource.createQueryRunner("master");
  try {
    return (structured ? await runner.query(sql, parameters, true) : await runner.query(sql, parameters)) as T;
  } finally {
    await runner.release();
  }
}

/** A write runner: a transaction it starts, or a statement that is not a plain read, pins the request to the primary. */
export function writeRunner(runner: QueryRunner): QueryRunner {
  const startTransaction = runner.startTransaction.bind(runner);
  runner.startTransaction = async (...args) => {
    pinRequestToPrimary();
    return startTransaction(...args);
  };
  const query = runner.query.bind(runner);
  runner.query = ((sql: string, ...rest: unknown[]) => {
    if (!isReadOnlyStatement(sql)) pinRequestToPrimary();
    return (query as (...a: unknown[]) => unknown)(sql, ...rest);
  }) as QueryRunner["query"];
  return runner;
}
