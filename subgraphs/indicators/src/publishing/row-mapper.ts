import type { AnyDimension } from "../observation/breakdown";
import type { StagingRow } from "./staging";

/** A problem with the file as a whole (its header): the import stops before reading any row. */
export class HeaderError extends Error {
  constructor(readonly problems: Array<{ line: number; field: string; message: string }>) {
    super(problems.map((p) => `line ${p.line}, ${p.field}: ${p.message}`).join("; "));
    this.name = "HeaderError";
  }
}

/** The fields a row can be faulted on, in the hub's terms; each format names them in its own. */
export type GenericField =
  "indicator" | "economy" | "period" | AnyDimension | "value" | "unit" | "nature" | "footnote" | "key" | "row";

/** Reads the rows of one format: the header first, then each data row into a staging row. */
export interface RowMapper {
  /** Checks the header (throws HeaderError) and remembers where each column is. */
  header(fields: string[], line: number): void;
  row(fields: string[], line: number, ord: number): StagingRow;
  /** The name of a field in this format (a column of the file). */
  fieldName(field: string): string;
  /** The field (as `row` reports problems) a column of the file holds, by its position; its own name if none. */
  fieldOfColumn(index: number): string;
  /** SDMX-CSV names indicators by their UNSD series code only. */
  readonly seriesCodesOnly: boolean;
}
