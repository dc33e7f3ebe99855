import type { Logger as OrmLogger } from "typeorm";
import type { Logger } from "../logger";

/**
 * A TypeORM logger that counts every SQL statement a data source sends, so tests (and benchmarks) can prove that the
 * number of statements does not grow with the size of a list. It also sends query errors and slow queries to the log.
 */
/** The comment that opens a statement a process sends on its own, outside any request: not counted. */
export const BACKGROUND_STATEMENT = "/* background */";

export class CountingOrmLogger implements OrmLogger {
  private statements = 0;
  private readonly recent: string[] = [];

  constructor(
    private readonly sink?: Logger,
    private readonly keepRecent = 0,
  ) {}

  /** Statements sent since the data source was created. */
  get count(): number {
    return this.statements;
  }

  /** The last statements sent (only kept when keepRecent > 0; for diagnosing a failing count). */
  get recentStatements(): readonly string[] {
    return this.recent;
  }

  logQuery(query: string): void {
    // A process's own periodic work (e.g. the indicators' check for scheduled releases) is not a request's statement.
    if (query.startsWith(BACKGROUND_STATEMENT)) return;
    this.statements += 1;
    if (this.keepRecent > 0) {
      this.recent.push(query);
      if (this.recent.length > this.keepRecent) this.recent.shift();
    }
    this.sink?.trace({ sql: query }, "sql");
  }

  logQueryError(error: string | Error, query: string): void {
    this.sink?.error({ err: error, sql: query }, "sql error");
  }

  logQuerySlow(time: number, query: string): void {
    this.sink?.warn({ ms: time, sql: query }, "slow sql");
  }

  logSchemaBuild(message: string): void {
    this.sink?.debug(message);
  }

  logMigration(message: string): void {
    this.sink?.info(message);
  }

  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") this.sink?.warn(String(message));
    else this.sink?.debug(String(message));
  }
}
