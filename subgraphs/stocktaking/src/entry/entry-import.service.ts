import { BadUserInputError, ensureSubmissionSource, requireScope, type Caller } from "@wsis/shared";
import { CsvError, parse } from "csv-parse/sync";
import type { DataSource } from "typeorm";
import { knownCodes } from "../known/known-codes";
import { checkIdempotencyKey, idempotent } from "../writes/idempotency";
import type { StocktakingEntry } from "./entry.entity";
import { checkEntry, type EntryFields, type FieldNames } from "./entry-write.args";
import { auditEntries, insertEntries, readEntries } from "./entry.store";

/** The limits of one import. */
export const IMPORT_LIMITS = { rows: 5000, characters: 8_000_000, reportedProblems: 100 };

const REQUIRED = ["title", "description", "organisation", "stakeholder_type", "action_lines"] as const;
const OPTIONAL = ["economies", "sdg_goals", "start", "end", "url"] as const;
const COLUMNS: readonly string[] = [...REQUIRED, ...OPTIONAL];

/** A CSV row's fields are named by their column. */
const CSV_NAMES: FieldNames = {
  title: "title",
  description: "description",
  organisation: "organisation",
  stakeholderType: "stakeholder_type",
  actionLines: "action_lines",
  economies: "economies",
  sdgGoals: "sdg_goals",
  start: "start",
  end: "end",
  url: "url",
};

/** One problem of one row: the line of the file where the row ends (1 is the header), the column, what. */
export interface InvalidRow {
  line: number;
  field: string;
  message: string;
}

/**
 * An import refused because rows are invalid: nothing was written. BAD_USER_INPUT naming `input.csv`, with every
 * problem (the first IMPORT_LIMITS.reportedProblems in full) in `extensions.invalidRows`.
 */
export class InvalidRowsError extends BadUserInputError {
  constructor(problems: InvalidRow[], rowCount: number, invalidRowCount: number) {
    const first = problems[0];
    super(
      `${invalidRowCount} of ${rowCount} row${rowCount === 1 ? "" : "s"} ${invalidRowCount === 1 ? "is" : "are"} invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}); nothing was written. First: line ${first.line}, ${first.field}: ${first.message}`,
      "input.csv",
      {
        invalidRows: problems.slice(0, IMPORT_LIMITS.reportedProblems),
        problemCount: problems.length,
        invalidRowCount,
        rowCount,
      },
    );
  }
}

const cells = (value: string | undefined) =>
  (value ?? "")
    .split(";")
    .map((v) => v.trim())
    .filter(Boolean);
const optional = (value: string | undefined) => (value === undefined || value.trim() === "" ? null : value);

/** Reads and checks the file: every row's fields, every problem of every row at once (InvalidRowsError). */
export function readImport(csv: string): EntryFields[] {
  if (csv.length > IMPORT_LIMITS.characters) {
    throw new BadUserInputError(
      `Argument "input.csv" has ${csv.length} characters; at most ${IMPORT_LIMITS.characters} are allowed`,
      "input.csv",
    );
  }
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(csv, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: true,
      info: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    throw new InvalidRowsError([{ line, field: "row", message: error.message.replace(/^Invalid [^:]*: /, "") }], 1, 1);
  }
  const [header, ...rows] = records;
  if (!header)
    throw new BadUserInputError(
      `Argument "input.csv" is empty: a header row and at least one row are needed`,
      "input.csv",
    );
  const names = header.record.map((c) => c.trim().toLowerCase());
  const headerProblems: InvalidRow[] = [
    ...names
      .filter((c) => !COLUMNS.includes(c))
      .map((c) => ({
        line: 1,
        field: "header",
        message: `unknown column ${JSON.stringify(c)}; the columns are ${COLUMNS.join(", ")}`,
      })),
    ...REQUIRED.filter((c) => !names.includes(c)).map((c) => ({
      line: 1,
      field: "header",
      message: `the column ${c} is missing`,
    })),
    ...names
      .filter((c, i) => names.indexOf(c) !== i)
      .map((c) => ({ line: 1, field: "header", message: `the column ${c} is given twice` })),
  ];
  if (headerProblems.length) throw new InvalidRowsError(headerProblems, rows.length, 0);
  if (rows.length === 0) throw new BadUserInputError(`Argument "input.csv" has a header but no rows`, "input.csv");
  if (rows.length > IMPORT_LIMITS.rows) {
    throw new BadUserInputError(
      `Argument "input.csv" has ${rows.length} rows; at most ${IMPORT_LIMITS.rows} are allowed (import the rest separately)`,
      "input.csv",
    );
  }

  const problems: InvalidRow[] = [];
  const invalid = new Set<number>();
  const entries: EntryFields[] = [];
  rows.forEach(({ record, info }) => {
    const report = (field: string, message: string) => {
      problems.push({ line: info.lines, field, message: message.replace(/^Argument "[^"]*" /, "") });
      invalid.add(info.lines);
    };
    if (record.length !== names.length) {
      report("row", `has ${record.length} cells; the header has ${names.length}`);
      return;
    }
    const cell = (column: string) => record[names.indexOf(column)] as string | undefined;
    const fields = checkEntry(
      {
        title: cell("title") ?? "",
        description: cell("description") ?? "",
        organisation: cell("organisation") ?? "",
        stakeholderType: cell("stakeholder_type") ?? "",
        actionLines: cells(cell("action_lines")),
        economies: cells(cell("economies")),
        sdgGoals: cells(cell("sdg_goals")),
        start: optional(cell("start")),
        end: optional(cell("end")),
        url: optional(cell("url")),
      },
      CSV_NAMES,
      report,
    );
    if (fields) entries.push(fields);
  });
  if (problems.length) throw new InvalidRowsError(problems, rows.length, invalid.size);
  return entries;
}

/** An agency's project list, imported all or nothing: every entry SUBMITTED, each with its audit entry. */
export class EntryImportService {
  constructor(private readonly ds: DataSource) {}

  async import(
    caller: Caller | null,
    csv: string,
    rawKey: string | null | undefined,
  ): Promise<{ entries: StocktakingEntry[]; replayed: boolean }> {
    const who = requireScope(caller, "stocktaking:submit", "Importing Stocktaking entries");
    const key = checkIdempotencyKey(rawKey, "input.idempotencyKey");
    const entries = readImport(csv);
    return this.ds.transaction(async (m) => {
      const source = await ensureSubmissionSource(m, who.agency, {
        agencyName: knownCodes.name("agency", who.agency),
        auditField: "stocktaking",
      });
      const { result, replayed } = await idempotent(m, {
        caller: who,
        key,
        argumentName: "input.idempotencyKey",
        operation: "importStocktakingEntries",
        payload: csv,
        run: async () => {
          const ids = await insertEntries(m, who, entries, source);
          await auditEntries(m, "importStocktakingEntries", who, ids);
          return ids;
        },
        keep: (ids) => ({ ids }),
        replay: async (kept) => (kept as { ids: string[] }).ids,
      });
      return { entries: await readEntries(m, result), replayed };
    });
  }
}
