/**
 * A streaming CSV reader (RFC 4180: comma-separated, fields optionally in double quotes, "" for a quote inside quotes,
 * LF or CRLF line ends) that knows the line each record starts on, so every problem names its line. It holds at most
 * one chunk and one unfinished record in memory. Lines without a quote take a fast path (split); a quoted field may
 * span lines. Blank lines are skipped; a byte-order mark at the start is dropped.
 */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
    this.name = "CsvSyntaxError";
  }
}

interface Partial {
  fields: string[];
  field: string;
  startLine: number;
}

/**
 * A record is "clean" when none of its text holds a backslash or a control character (tab and carriage return
 * included): its fields can go to COPY text as they are, and need no check for control characters.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNCLEAN = /[\\\u0000-\u001f\u007f-\u009f]/;

/** The longest header line a file may have (a longer one is refused before any row is read). */
export const MAX_HEADER_CHARS = 10_000;

export class CsvRecordReader {
  private buffer = "";
  private line = 0;
  private started = false;
  /** A record whose quoted field continues on the next line. */
  private partial: Partial | null = null;

  /**
   * `clean` is true when no field of the record holds a backslash or a control character (a tab, a carriage return, a
   * NUL...; nor, then, a line end): the fields can go to COPY text as they are.
   */
  constructor(private readonly onRecord: (fields: string[], line: number, clean: boolean) => void) {}

  /** Feeds decoded text; complete records are handed to `onRecord` before this returns. */
  write(text: string): void {
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    this.buffer = this.buffer.length ? this.buffer + text : text;
    // The header (the first line) is bounded: a file whose first line runs on is refused before it is read whole.
    if (this.line === 0 && this.buffer.length > MAX_HEADER_CHARS) {
      const nl = this.buffer.indexOf("\n");
      if (nl === -1 || nl > MAX_HEADER_CHARS) this.refuseLongHeader();
    }
    this.drain(false);
  }

  private refuseLongHeader(): never {
    throw new CsvSyntaxError(
      1,
      `the header line is longer than ${MAX_HEADER_CHARS} characters; a header names at most a few dozen columns`,
    );
  }

  /** The end of the input: the last line (without a line end) is read; an open quote is an error. */
  end(): void {
    this.drain(true);
    if (this.partial)
      throw new CsvSyntaxError(this.partial.startLine, "a quoted field is not closed before the end of the file");
  }

  /** Lines read so far. */
  get lines(): number {
    return this.line;
  }

  private drain(final: boolean): void {
    const buf = this.buffer;
    let pos = 0;
    for (;;) {
      let nl = buf.indexOf("\n", pos);
      if (nl === -1) {
        if (!final || pos >= buf.length) break;
        nl = buf.length;
      }
      let end = nl;
      if (end > pos && buf.charCodeAt(end - 1) === 13) end -= 1;
      const text = buf.slice(pos, end);
      pos = nl + 1;
      this.line += 1;
      if (this.partial) this.parseQuoted(text, this.partial);
      else if (text.length === 0) continue;
      else if (text.indexOf('"') === -1) this.onRecord(text.split(","), this.line, !UNCLEAN.test(text));
      else this.parseQuoted(text, { fields: [], field: "", startLine: this.line });
    }
    this.buffer = pos >= buf.length ? "" : buf.slice(pos);
  }

  /** Parses one physical line into `state`; a line that ends inside quotes leaves the record partial. */
  private parseQuoted(text: string, state: Partial): void {
    let i = 0;
    let field = state.field;
    // A partial record resumes inside a quoted field, after the line end it contained.
    let inQuotes = this.partial !== null;
    if (inQuotes) field += "\n";
    this.partial = null;
    const fields = state.fields;
    let quotedField = inQuotes;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (inQuotes) {
        if (c === 34) {
          if (text.charCodeAt(i + 1) === 34) {
            field += '"';
            i += 2;
            continue;
          }
          inQuotes = false;
          i += 1;
          continue;
        }
        const next = text.indexOf('"', i);
        const stop = next === -1 ? text.length : next;
        field += text.slice(i, stop);
        i = stop;
        continue;
      }
      if (c === 44) {
        fields.push(field);
        field = "";
        quotedField = false;
        i += 1;
        continue;
      }
      if (c === 34) {
        if (field.length > 0 || quotedField) {
          throw new CsvSyntaxError(this.line, `a quote appears inside an unquoted field (column ${fields.length + 1})`);
        }
        inQuotes = true;
        quotedField = true;
        i += 1;
        continue;
      }
      if (quotedField)
        throw new CsvSyntaxError(this.line, `text follows a closing quote (column ${fields.length + 1})`);
      const comma = text.indexOf(",", i);
      const quote = text.indexOf('"', i);
      let stop = comma === -1 ? text.length : comma;
      if (quote !== -1 && quote < stop) stop = quote;
      field += text.slice(i, stop);
      i = stop;
    }
    if (inQuotes) {
      this.partial = { fields, field, startLine: state.startLine };
      return;
    }
    fields.push(field);
    this.onRecord(fields, state.startLine, false);
  }
}
