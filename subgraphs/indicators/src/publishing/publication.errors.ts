import { BadUserInputError, ErrorCode, PublicError } from "@wsis/shared";
import { CsvSyntaxError } from "./csv-records";
import { HeaderError } from "./formats";

/** One problem of one row: where (index among the rows, line of the file), which field, what. */
export interface InvalidRow {
  /** null for the header of a file */
  index: number | null;
  line: number | null;
  field: string;
  message: string;
}

/**
 * A publication refused because rows are invalid: nothing was written. BAD_USER_INPUT with every problem (the first
 * MAX_REPORTED_PROBLEMS in full) in `extensions.invalidRows`.
 */
export class InvalidRowsError extends BadUserInputError {
  constructor(
    readonly invalidRows: InvalidRow[],
    readonly problemCount: number,
    readonly rowCount: number,
    readonly rowsRead: number,
    argumentName: string,
  ) {
    const first = invalidRows[0];
    const where = first
      ? ` First: ${first.line !== null ? `line ${first.line}` : `index ${first.index}`}, ${first.field}: ${first.message}.`
      : "";
    super(
      `${rowCount} of ${rowsRead} row${rowsRead === 1 ? "" : "s"} ${rowCount === 1 ? "is" : "are"} invalid (${problemCount} problem${problemCount === 1 ? "" : "s"}); nothing was written.${where}`,
      argumentName,
      { invalidRows, invalidRowCount: rowCount, problemCount, rowsRead, reported: invalidRows.length },
    );
  }
}

/** The same idempotency key was used before with another payload. */
export class IdempotencyConflictError extends PublicError {
  constructor(key: string, operation: string) {
    super(
      `The idempotency key ${JSON.stringify(key)} was already used by ${operation} with a different payload; use a new key for a new publication`,
      ErrorCode.CONFLICT,
      { argumentName: "input.idempotencyKey" },
    );
  }
}

/** A file that cannot be read (its header, its quoting) is refused like invalid rows: with the line and the field. */
export function asInvalidRows(error: unknown, rowsRead: number, argumentName: string): unknown {
  if (error instanceof HeaderError) {
    return new InvalidRowsError(
      error.problems.map((p) => ({ index: null, line: p.line, field: p.field, message: p.message })),
      error.problems.length,
      1,
      rowsRead,
      argumentName,
    );
  }
  if (error instanceof CsvSyntaxError) {
    return new InvalidRowsError(
      [{ index: rowsRead, line: error.line, field: "row", message: error.message.replace(/^line [0-9]+: /, "") }],
      1,
      1,
      rowsRead + 1,
      argumentName,
    );
  }
  return error;
}

/** Raised when the primary key of a bulk-loaded partition finds rows that share a key. */
export class DuplicateKeys extends Error {}

/** A dataset with a release scheduled takes no other publication until it is out (or cancelled). */
export class ReleaseScheduledError extends PublicError {
  constructor(datasetId: string, number: number, publishAt: Date) {
    super(
      `Dataset ${JSON.stringify(datasetId)} has release ${number} scheduled for ${publishAt.toISOString()}: it takes no other publication until then (cancelScheduledRelease withdraws the schedule)`,
      ErrorCode.CONFLICT,
      { argumentName: "input.dataset", scheduledRelease: number, publishAt: publishAt.toISOString() },
    );
  }
}
