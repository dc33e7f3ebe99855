import type { RequestHandler } from "express";
import { Counter, Gauge, Registry } from "prom-client";
import type { DataSource } from "typeorm";
import { replicasOf, type ReplicaState } from "../database/replicas";
import { sameSecret } from "../net";

const STATES: readonly ReplicaState[] = ["starting", "ok", "lagging", "down"];

/**
 * GET /metrics of a subgraph, in the Prometheus text format: reads by where they ran (replica, primary, retried on the
 * primary after a replica failed under them), and each replica's state and lag — read at scrape time from the data
 * source's replicas (none: only the metric names). Behind a bearer token when METRICS_TOKEN is set.
 */
export function replicaMetricsHandler(service: string, dataSource: DataSource, token?: string): RequestHandler {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  const replicas = () => replicasOf(dataSource);
  new Counter({
    name: "db_reads_total",
    help: "Reads by where they ran: replica, primary (no replica usable, or the request wrote), retried (a replica failed under it; the primary answered)",
    labelNames: ["target"] as const,
    registers: [registry],
    collect() {
      const counts = replicas()?.counts;
      if (!counts) return;
      this.reset();
      this.inc({ target: "replica" }, counts.replica);
      this.inc({ target: "primary" }, counts.primary);
      this.inc({ target: "retried" }, counts.retried);
    },
  });
  new Gauge({
    name: "db_replica_up",
    help: "1 when the replica serves reads, 0 when it is skipped (down or lagging beyond REPLICA_MAX_LAG_MS)",
    labelNames: ["replica"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of replicas()?.status() ?? []) this.set({ replica: r.name }, r.state === "ok" ? 1 : 0);
    },
  });
  new Gauge({
    name: "db_replica_state",
    help: "The replica's state (1 for the current one): starting, ok, lagging, down",
    labelNames: ["replica", "state"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of replicas()?.status() ?? [])
        for (const state of STATES) this.set({ replica: r.name, state }, r.state === state ? 1 : 0);
    },
  });
  new Gauge({
    name: "db_replica_lag_seconds",
    help: "How far the replica is behind the primary, by WAL position (absent while unknown)",
    labelNames: ["replica"] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const r of replicas()?.status() ?? []) if (r.lagMs !== null) this.set({ replica: r.name }, r.lagMs / 1000);
    },
  });
  return async (req, res) => {
    if (token && !sameSecret(req.headers.authorization ?? "", `Bearer ${token}`)) {
      res.status(401).type("text").send("Unauthorized");
      return;
    }
    res.type(registry.contentType).send(await registry.metrics());
  };
}
