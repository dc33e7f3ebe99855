/**
 * Progress of a file being read: on a terminal, a bar redrawn in place (bytes read of the file's size, rows, rate);
 * elsewhere (a log, a pipe), a plain line every 10 % or every 5 seconds.
 */
export class ProgressReporter {
  private readonly started = Date.now();
  private lastDraw = 0;
  private lastLinePercent = -1;
  private lastLineAt = 0;
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly totalBytes: number,
    private readonly enabled = true,
  ) {}

  private get tty(): boolean {
    return this.out.isTTY === true;
  }

  update(bytes: number, rows: number, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    const percent = this.totalBytes > 0 ? Math.min(100, (100 * bytes) / this.totalBytes) : 100;
    const seconds = Math.max(0.001, (now - this.started) / 1000);
    const rate = Math.round(rows / seconds);
    if (this.tty) {
      if (!force && now - this.lastDraw < 100) return;
      this.lastDraw = now;
      const width = 30;
      const filled = Math.round((percent / 100) * width);
      const bar = "█".repeat(filled) + "░".repeat(width - filled);
      this.out.write(
        `\r[${bar}] ${percent.toFixed(1).padStart(5)}%  ${mb(bytes)} / ${mb(this.totalBytes)}  ${rows.toLocaleString("en")} rows  ${rate.toLocaleString("en")} rows/s `,
      );
      this.drawn = true;
      return;
    }
    const step = Math.floor(percent / 10) * 10;
    if (force || step > this.lastLinePercent || now - this.lastLineAt >= 5000) {
      this.lastLinePercent = step;
      this.lastLineAt = now;
      this.out.write(
        `read ${percent.toFixed(0)}% (${mb(bytes)} of ${mb(this.totalBytes)}), ${rows} rows, ${rate} rows/s\n`,
      );
    }
  }

  /** A phase after reading (validating, applying): ends the bar's line first. */
  phase(text: string): void {
    if (!this.enabled) return;
    if (this.drawn) {
      this.out.write("\n");
      this.drawn = false;
    }
    this.out.write(`${text}\n`);
  }

  finish(): void {
    if (this.drawn) this.out.write("\n");
    this.drawn = false;
  }
}

export function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
