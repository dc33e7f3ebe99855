import express from "express";

/** Where a subgraph answers its readiness probe, derived from its GraphQL URL. */
export function readinessUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, "") + "/health/ready";
  return url.toString();
}

async function probe(url: string, timeoutMs: number): Promise<"ok" | "unavailable"> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return response.ok ? "ok" : "unavailable";
  } catch {
    return "unavailable";
  }
}

/** Liveness (the process answers) and readiness (every subgraph and its database answer). */
export function healthRouter(subgraphUrls: Record<string, string>, timeoutMs = 2000): express.Router {
  const router = express.Router();
  router.get("/health/live", (_req, res) => {
    res.json({ status: "ok", service: "gateway" });
  });
  router.get("/health/ready", async (_req, res) => {
    const entries = await Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => [name, await probe(readinessUrl(url), timeoutMs)] as const),
    );
    const subgraphs = Object.fromEntries(entries);
    const ready = entries.every(([, state]) => state === "ok");
    res.status(ready ? 200 : 503).json({ status: ready ? "ok" : "degraded", service: "gateway", subgraphs });
  });
  return router;
}
