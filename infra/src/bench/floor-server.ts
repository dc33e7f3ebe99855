/**
 * The physical floor of the benchmark: a minimal HTTP server that answers `POST /<query id>` (e.g. /W2) with the rows
 * of that query's ONE hand-written SQL statement, as JSON. No GraphQL, no framework, no per-request work beyond the
 * statement and JSON.stringify; the same pool size as a subgraph. It is loaded by autocannon exactly like the gateway
 * and the subgraphs, so the comparison is like for like (HTTP + JSON on both sides).
 *
 * Environment: DATABASE_URL, PORT, HOST (127.0.0.1), DB_POOL_SIZE (10).
 */
import http from "node:http";
import { Pool } from "pg";
import { WORKLOAD, type FloorQuery } from "./workload";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  process.stderr.write("floor-server: DATABASE_URL is required\n");
  process.exit(1);
}
const pool = new Pool({
  connectionString: databaseUrl,
  max: Number(process.env.DB_POOL_SIZE || 10),
  application_name: "wsis-bench-floor",
});
pool.on("error", () => undefined);

const floors = new Map<string, FloorQuery>(WORKLOAD.flatMap((q) => (q.floor ? [[`/${q.id}`, q.floor] as const] : [])));

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
    return;
  }
  const floor = req.method === "POST" ? floors.get(req.url ?? "") : undefined;
  // The request body (the same GraphQL body the other targets get) is read and discarded.
  req.resume();
  req.on("end", () => {
    if (!floor) {
      res.writeHead(404).end();
      return;
    }
    pool.query(floor.sql, floor.params).then(
      (result) => {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ data: result.rows }));
      },
      (error: Error) => {
        res.writeHead(500, { "content-type": "application/json" }).end(JSON.stringify({ error: error.message }));
      },
    );
  });
});
server.keepAliveTimeout = 60_000;

server.listen(Number(process.env.PORT || 0), process.env.HOST || "127.0.0.1");

const stop = () => {
  server.close();
  server.closeAllConnections();
  void pool.end().finally(() => process.exit(0));
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
