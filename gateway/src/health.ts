import express from "express";
import { readinessUrl } from "./registry";
import type { LoadedSupergraph } from "./supergraph-source";

async function probe(url: string, timeoutMs: number): Promise<"ok" | "unavailable"> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? "ok" : "unavailable";
  } catch {
    return "unavailable";
  }
}

/**
 * Liveness (the process answers) and readiness with each subgraph's state (its readiness includes its database).
 * The gateway is ready while at least one subgraph answers: it then serves everything but the fields of the missing
 * ones (status "degraded", still 200, so that one subgraph down does not take every gateway replica out of a load
 * balancer); with no subgraph answering it is not ready (503).
 */
export function healthRouter(current: () => LoadedSupergraph, timeoutMs = 2000): express.Router {
  const router = express.Router();
  router.get("/health/live", (_req, res) => {
    res.json({ status: "ok", service: "gateway" });
  });
  router.get("/health/ready", async (_req, res) => {
    const supergraph = current();
    const entries = await Promise.all(
      Object.entries(supergraph.urls).map(
        async ([name, url]) => [name, await probe(readinessUrl(url), timeoutMs)] as const,
      ),
    );
    const subgraphs = Object.fromEntries(entries);
    const up = entries.filter(([, state]) => state === "ok").length;
    const status = up === entries.length ? "ok" : up > 0 ? "degraded" : "unavailable";
    res.setHeader("cache-control", "no-store");
    res.status(status === "unavailable" ? 503 : 200).json({
      status,
      service: "gateway",
      supergraph: { hash: supergraph.hash, subgraphs: Object.keys(supergraph.urls) },
      subgraphs,
    });
  });
  return router;
}
