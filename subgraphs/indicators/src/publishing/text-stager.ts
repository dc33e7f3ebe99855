import { createHash } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import { CsvRecordReader } from "./csv-records";
import type { StagingSink } from "./staging-sink";
import { forbiddenControlCharacter } from "@wsis/shared";
import { detectFormat, HeaderError, type ImportFormat, mapperFor, type RowMapper } from "./formats";

/** How far the reading of a file has come. */
export interface ReadProgress {
  bytes: number;
  rows: number;
}

/**
 * Stages a CSV or SDMX-CSV text, streamed: each chunk is decoded, split into records (with their line numbers),
 * mapped by the format and handed to the COPY sink, which waits whenever PostgreSQL is behind — so memory holds one
 * chunk at a time, whatever the size of the file. The format is the one given, or the one the header shows. The sha256
 * of the bytes is computed on the way (it identifies the payload for idempotency keys).
 */
export class TextStager {
  private mapper: RowMapper | null = null;
  format: ImportFormat | null;
  bytes = 0;
  contentSha256: string | null = null;

  constructor(
    private readonly input: AsyncIterable<Buffer | string> | Iterable<string>,
    format: ImportFormat | null,
    private readonly onProgress?: (progress: ReadProgress) => void,
  ) {
    this.format = format;
  }

  fieldName = (field: string): string => this.mapper?.fieldName(field) ?? field;

  seriesCodesOnly = (): boolean => this.mapper?.seriesCodesOnly ?? false;

  stage = async (sink: StagingSink): Promise<void> => {
    const hash = createHash("sha256");
    const decoder = new StringDecoder("utf8");
    let ord = 0;
    const reader = new CsvRecordReader((fields, line, clean) => {
      if (this.mapper === null) {
        if (!clean) refuseControlCharactersInHeader(fields, line);
        this.format ??= detectFormat(fields);
        this.mapper = mapperFor(this.format);
        this.mapper.header(fields, line);
        return;
      }
      if (clean) sink.add(this.mapper.row(fields, line, ord), true);
      else {
        const problems = blankControlCharacters(fields, this.mapper);
        const row = this.mapper.row(fields, line, ord);
        sink.add(problems.length ? { ...row, problems: [...row.problems, ...problems] } : row, false);
      }
      ord += 1;
    });
    for await (const chunk of this.input) {
      const buffer = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      hash.update(buffer);
      this.bytes += buffer.length;
      reader.write(decoder.write(buffer));
      await sink.maybeFlush();
      this.onProgress?.({ bytes: this.bytes, rows: ord });
    }
    reader.write(decoder.end());
    reader.end();
    if (this.mapper === null)
      throw new HeaderError([{ line: 1, field: "header", message: "the file is empty: it has no header line" }]);
    this.contentSha256 = hash.digest("hex");
    this.onProgress?.({ bytes: this.bytes, rows: ord });
  };
}

/** The problem of a text field that holds a control character (the character named by its code point, never echoed). */
export function controlCharacterProblem(value: string, multiline: boolean): string | null {
  const control = forbiddenControlCharacter(value, { multiline });
  return control
    ? `contains the control character ${control}, which is not allowed${multiline ? " (only tab and line breaks are)" : ""}`
    : null;
}

/**
 * Blanks every field of a data record that holds a control character (a NUL byte would stop the COPY; others have no
 * place in codes or values), returning one problem per field, named as the format names it. Footnotes may hold tabs
 * and line breaks.
 */
function blankControlCharacters(fields: string[], mapper: RowMapper): Array<{ field: string; message: string }> {
  const problems: Array<{ field: string; message: string }> = [];
  fields.forEach((value, i) => {
    const field = mapper.fieldOfColumn(i);
    const message = controlCharacterProblem(value, field === "footnote");
    if (message) {
      problems.push({ field, message });
      fields[i] = "";
    }
  });
  return problems;
}

/** A header with a control character is refused whole, naming the column by its position. */
function refuseControlCharactersInHeader(fields: string[], line: number): void {
  const problems = fields.flatMap((value, i) => {
    const message = controlCharacterProblem(value, false);
    return message ? [{ line, field: `column ${i + 1}`, message: `the name of column ${i + 1} ${message}` }] : [];
  });
  if (problems.length) throw new HeaderError(problems);
}

/** A text in slices, so that a large text held in memory is staged with the same cadence as a file. */
export function* slices(text: string, size = 64 * 1024): Generator<string> {
  let start = 0;
  while (start < text.length) {
    let end = Math.min(text.length, start + size);
    // Never split a surrogate pair (a character outside the BMP) between two slices.
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end += 1;
    yield text.slice(start, end);
    start = end;
  }
}
