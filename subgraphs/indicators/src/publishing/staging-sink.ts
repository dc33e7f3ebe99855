import { once } from "node:events";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { stagingLine, type StagingRow } from "./staging";

/**
 * Streams staging rows into the COPY of the staging table: each line is encoded straight into a buffer of a megabyte,
 * which goes to PostgreSQL when full; the writer waits while PostgreSQL catches up (back-pressure).
 */
export class StagingSink {
  private static readonly SIZE = 1024 * 1024;
  private buffer = Buffer.allocUnsafe(StagingSink.SIZE);
  private offset = 0;
  rows = 0;
  /** The COPY, opened with the first bytes to send: a file refused by its header never starts one. */
  private stream: Writable | null = null;

  constructor(private readonly open: () => Writable) {}

  private get copy(): Writable {
    this.stream ??= this.open();
    return this.stream;
  }

  /** Ends the COPY (opening it, empty, when nothing was staged) and waits until PostgreSQL has every row. */
  async end(): Promise<void> {
    const copy = this.copy;
    copy.end();
    await finished(copy);
  }

  /**
   * Stops a COPY that was opened. Its failure message (CopyFail) is a fixed short text: whatever went wrong is reported
   * to the client by the caller, and a long message in the protocol would cost the connection.
   */
  async abort(): Promise<void> {
    if (this.stream === null) return;
    this.stream.destroy(new Error("staging stopped"));
    await finished(this.stream).catch(() => undefined);
  }

  /** `clean`: no text of the row needs escaping (see stagingLine). */
  add(row: StagingRow, clean = false): void {
    const line = stagingLine(row, clean);
    // At most 3 bytes per UTF-16 unit; a line longer than the buffer gets a buffer of its own.
    if (this.offset + line.length * 3 > this.buffer.length) {
      this.pending.push(this.buffer.subarray(0, this.offset));
      this.buffer = Buffer.allocUnsafe(Math.max(StagingSink.SIZE, line.length * 3));
      this.offset = 0;
    }
    this.offset += this.buffer.write(line, this.offset, "utf8");
    this.rows += 1;
  }

  private pending: Buffer[] = [];

  /** Writes the full buffers; waits while PostgreSQL catches up. */
  async maybeFlush(): Promise<void> {
    while (this.pending.length > 0) {
      const copy = this.copy;
      if (!copy.write(this.pending.shift()!)) await once(copy, "drain");
    }
  }

  /** Writes everything (the end of the rows). */
  async flush(): Promise<void> {
    if (this.offset > 0) {
      this.pending.push(this.buffer.subarray(0, this.offset));
      this.buffer = Buffer.allocUnsafe(StagingSink.SIZE);
      this.offset = 0;
    }
    await this.maybeFlush();
  }
}
