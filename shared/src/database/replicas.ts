import { Pool, type PoolClient } from "pg";
import type { DataSource, QueryRunner, ReplicationMode } from "typeorm";
import { currentRequestScope } from "../http/request-id";
import type { Logger } from "../logger";
import { withTimeout } from "../net";
import { isConnectionFailure, isReadOnlyStatement, queryPrimary, writeRunner } from "./read-routing";
import { lagFromSamples, parseLsn, type LsnSample } from "./replica-lag";
import { describeDatabaseUrl } from "./wait";

/**
 * PostgreSQL read replicas (streaming standbys) behind one subgraph's DataSource.
 *
 * TypeORM already splits reads from writes: its query builders (every `find`, every DataLoader's `IN (…)` select) ask
 * for a "slave" query runner, transactions and writes for a "master" one. Its own `replication` setting is not used:
 * it connects to every replica in `initialize()` (a replica down at start would stop the subgraph), picks one at random
 * without knowing whether it is up or how far behind it is, and a replica failing under a read fails the request. So
 * the hub keeps TypeORM's split and chooses the connection itself: one `pg` pool per replica, a monitor that measures
 * each replica's lag, and a fallback to the primary — for a replica that is down or lagging beyond `maxLagMs`, for a
 * read whose replica fails under it (run again on the primary: a read can be repeated), and for the rest of a request
 * that wrote (read-your-writes).
 *
 * Lag is measured by WAL position, not by `now() - pg_last_xact_replay_timestamp()` (an idle primary makes that look
 * old). Every check samples the primary's `pg_current_wal_lsn()`; a replica whose `pg_last_wal_replay_lsn()` has
 * reached the latest sample has no lag; otherwise its lag is the time since the oldest sample it has not replayed yet —
 * how long ago the primary had data that the replica still lacks.
 */
export interface ReplicaOptions {
  /** Connection URLs of the replicas (DATABASE_REPLICA_URLS). */
  urls: string[];
  /** A replica further behind than this is skipped (REPLICA_MAX_LAG_MS). */
  maxLagMs: number;
  /** How often each replica's state and lag are measured (REPLICA_CHECK_INTERVAL_MS). */
  checkIntervalMs: number;
  /** Connections per replica (default: the primary's pool size). */
  poolSize?: number;
}

export type ReplicaState = "starting" | "ok" | "lagging" | "down";

export interface ReplicaStatus {
  /** replica1, replica2…: the position in DATABASE_REPLICA_URLS (what /health/ready and /metrics name it). */
  name: string;
  /** host:port/database, without credentials. */
  server: string;
  state: ReplicaState;
  /** The last measured lag (null while unknown: down, or not measured yet). */
  lagMs: number | null;
  /** Why it is down or lagging. */
  reason?: string;
  /** Reads it served. */
  reads: number;
}

export interface ReadCounts {
  /** Reads (query runners in read mode) served by a replica. */
  replica: number;
  /** Reads served by the primary: no replica usable, or the request wrote. */
  primary: number;
  /** Reads that a replica failed under and that the primary answered. */
  retried: number;
}

interface Replica {
  name: string;
  server: string;
  pool: Pool;
  state: ReplicaState;
  lagMs: number | null;
  reason?: string;
  reads: number;
}

const replicaSets = new WeakMap<DataSource, ReplicaSet>();

/** The replicas behind a data source, if it has any (the subgraph server shows them in /health/ready and /metrics). */
export function replicasOf(dataSource: DataSource): ReplicaSet | undefined {
  return replicaSets.get(dataSource);
}

type Connection = [PoolClient, (err?: Error | boolean) => void];

/** The replicas of one data source: their pools, their monitor, and the choice of one for each read. */
export class ReplicaSet {
  private readonly replicas: Replica[];
  private readonly primaryProbe: Pool;
  private samples: LsnSample[] = [];
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;
  private next = 0;
  private readonly failedClients = new WeakSet<PoolClient>();
  private readonly clientReplica = new WeakMap<PoolClient, Replica>();
  readonly counts: ReadCounts = { replica: 0, primary: 0, retried: 0 };

  constructor(
    primaryUrl: string,
    readonly options: ReplicaOptions,
    connectionOptions: { searchPath: string; applicationName: string },
    private readonly log?: Logger,
  ) {
    const common = {
      options: `-c search_path=${connectionOptions.searchPath}`,
      keepAlive: true,
      application_name: connectionOptions.applicationName,
    };
    this.replicas = options.urls.map((url, i) => {
      const pool = new Pool({
        connectionString: url,
        ...common,
        max: options.poolSize ?? 10,
        connectionTimeoutMillis: 2000,
        idleTimeoutMillis: 30000,
      });
      pool.on("error", (error) =>
        this.log?.warn({ replica: `replica${i + 1}`, err: error.message }, "replica pool: a connection was lost"),
      );
      return {
        name: `replica${i + 1}`,
        server: describeDatabaseUrl(url),
        pool,
        state: "starting" as ReplicaState,
        lagMs: null,
        reads: 0,
      };
    });
    this.primaryProbe = new Pool({
      connectionString: primaryUrl,
      max: 1,
      connectionTimeoutMillis: 2000,
      application_name: `${connectionOptions.applicationName}-lag-probe`,
    });
    this.primaryProbe.on("error", () => undefined);
  }

  /** Measures every replica now, then every `checkIntervalMs`. */
  async start(): Promise<void> {
    await this.check();
    this.timer = setInterval(() => void this.check(), this.options.checkIntervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.checking;
    await Promise.all([...this.replicas.map((r) => r.pool.end()), this.primaryProbe.end()]);
  }

  status(): ReplicaStatus[] {
    return this.replicas.map(({ name, server, state, lagMs, reason, reads }) => ({
      name,
      server,
      state,
      lagMs,
      reads,
      ...(reason ? { reason } : {}),
    }));
  }

  /** One measurement of every replica (concurrent calls share it). */
  check(): Promise<void> {
    this.checking ??= this.measure().finally(() => (this.checking = undefined));
    return this.checking;
  }

  private async measure(): Promise<void> {
    const now = Date.now();
    try {
      const { rows } = await this.primaryProbe.query<{ lsn: string }>("SELECT pg_current_wal_lsn()::text AS lsn");
      this.samples.push({ at: now, lsn: parseLsn(rows[0].lsn) });
      const keepMs = Math.max(10_000, this.options.maxLagMs * 3);
      while (this.samples.length > 2 && this.samples[0].at < now - keepMs) this.samples.shift();
    } catch (error) {
      // The primary does not answer: lag cannot be measured; the replicas keep their last state.
      this.log?.warn(
        { err: (error as Error).message },
        "replica monitor: the primary's WAL position could not be read",
      );
      return;
    }
    await Promise.all(this.replicas.map((r) => this.measureOne(r)));
  }

  private async measureOne(replica: Replica): Promise<void> {
    const before = replica.state;
    try {
      const { rows } = await withTimeout(
        replica.pool.query<{ recovery: boolean; lsn: string | null }>(
          "SELECT pg_is_in_recovery() AS recovery, pg_last_wal_replay_lsn()::text AS lsn",
        ),
        Math.max(1000, this.options.checkIntervalMs),
      );
      const [{ recovery, lsn }] = rows;
      if (!recovery) this.set(replica, "down", null, "not a standby (pg_is_in_recovery() is false)");
      else if (lsn === null) this.set(replica, "lagging", null, "has replayed no WAL yet");
      else {
        const lag = lagFromSamples(this.samples, parseLsn(lsn), Date.now());
        if (lag > this.options.maxLagMs)
          this.set(
            replica,
            "lagging",
            lag,
            `${lag} ms behind the primary (REPLICA_MAX_LAG_MS ${this.options.maxLagMs})`,
          );
        else this.set(replica, "ok", lag);
      }
    } catch (error) {
      this.set(replica, "down", null, (error as Error).message);
    }
    if (replica.state !== before) {
      const fields = {
        replica: replica.name,
        server: replica.server,
        state: replica.state,
        lagMs: replica.lagMs,
        reason: replica.reason,
      };
      if (replica.state === "ok") this.log?.info(fields, `replica ${replica.name} is in use`);
      else this.log?.warn(fields, `replica ${replica.name} is skipped: reads go to the primary`);
    }
  }

  private set(replica: Replica, state: ReplicaState, lagMs: number | null, reason?: string): void {
    replica.state = state;
    replica.lagMs = lagMs;
    replica.reason = reason;
  }

  /** A connection for a read: a usable replica's (in turn), or null when the read must go to the primary. */
  async readConnection(): Promise<Connection | null> {
    if (currentRequestScope()?.readPrimary) return null;
    const usable = this.replicas.filter((r) => r.state === "ok");
    for (let tries = 0; tries < usable.length; tries++) {
      const replica = usable[this.next++ % usable.length];
      try {
        const client = await replica.pool.connect();
        if (!this.clientReplica.has(client)) {
          // Once per pooled connection: a connection that broke is not reused by the pool after its release.
          this.clientReplica.set(client, replica);
          client.on("error", () => this.failedClients.add(client));
        }
        replica.reads += 1;
        this.counts.replica += 1;
        return [client, (err?: Error | boolean) => client.release(err)];
      } catch (error) {
        this.failed(replica, error);
      }
    }
    return null;
  }

  /** A replica failed under a read: skipped until the monitor finds it up again. */
  failed(replica: Replica, error: unknown): void {
    if (replica.state === "down") return;
    this.set(replica, "down", null, (error as Error).message);
    this.log?.warn(
      { replica: replica.name, server: replica.server, err: (error as Error).message },
      `replica ${replica.name} failed: reads go to the primary`,
    );
  }

  /** Whether a read's failure on this connection is its replica's (then the read is run again on the primary). */
  replicaFailed(client: PoolClient | undefined, error: unknown): boolean {
    if (!client) return isConnectionFailure(error);
    const replica = this.clientReplica.get(client);
    if (!replica) return false;
    if (!isConnectionFailure(error) && !this.failedClients.has(client)) return false;
    this.failed(replica, error);
    return true;
  }

  /** Wires the replicas into the data source (before or after `initialize()`); see the class comment. */
  attach(dataSource: DataSource): void {
    replicaSets.set(dataSource, this);
    const driver = dataSource.driver as unknown as {
      isReplicated: boolean;
      obtainMasterConnection(): Promise<Connection>;
      obtainSlaveConnection(): Promise<Connection>;
      createQueryRunner(mode: ReplicationMode): QueryRunner;
    };
    // PostgresQueryRunner asks for a "slave" connection only when the driver says it is replicated.
    driver.isReplicated = true;
    driver.obtainSlaveConnection = async () => {
      const connection = await this.readConnection();
      if (connection) return connection;
      this.counts.primary += 1;
      return driver.obtainMasterConnection();
    };
    const createQueryRunner = driver.createQueryRunner.bind(driver);
    driver.createQueryRunner = (mode: ReplicationMode) => {
      const runner = createQueryRunner(mode);
      return mode === "slave" ? this.readRunner(runner, dataSource) : writeRunner(runner);
    };
    // Hand-written SQL sent with `dataSource.query(sql)` (no query runner) runs on a master runner in TypeORM; a
    // read-only statement goes to a read runner instead.
    const query = dataSource.query.bind(dataSource);
    dataSource.query = (async (sql: string, parameters?: unknown[], queryRunner?: QueryRunner) => {
      if (queryRunner || !isReadOnlyStatement(sql)) return query(sql, parameters, queryRunner);
      const runner = dataSource.createQueryRunner("slave");
      try {
        return await runner.query(sql, parameters);
      } finally {
        await runner.release();
      }
    }) as DataSource["query"];
    const initialize = dataSource.initialize.bind(dataSource);
    dataSource.initialize = async () => {
      const result = await initialize();
      await this.start();
      return result;
    };
    const destroy = dataSource.destroy.bind(dataSource);
    dataSource.destroy = async () => {
      await this.stop();
      return destroy();
    };
  }

  /** A read runner whose reads go on on the primary once its replica fails (the same statement, run again there). */
  private readRunner(runner: QueryRunner, dataSource: DataSource): QueryRunner {
    const query = runner.query.bind(runner);
    let onPrimary = false;
    const viaPrimary = (sql: string, parameters?: unknown[], structured?: boolean) =>
      queryPrimary(dataSource, sql, parameters, structured === true);
    runner.query = (async (sql: string, parameters?: unknown[], structured?: boolean) => {
      if (onPrimary) return viaPrimary(sql, parameters, structured);
      try {
        return await (query as (s: string, p?: unknown[], st?: boolean) => Promise<unknown>)(
          sql,
          parameters,
          structured,
        );
      } catch (error) {
        const client = (runner as unknown as { databaseConnection?: PoolClient }).databaseConnection;
        if (runner.isTransactionActive || !this.replicaFailed(client, error)) throw error;
        onPrimary = true;
        this.counts.retried += 1;
        return viaPrimary(sql, parameters, structured);
      }
    }) as QueryRunner["query"];
    return runner;
  }
}
