import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Supergraph } from "@apollo/federation-internals";
import { createLogger } from "@wsis/shared";
import { parse, specifiedRules, validate } from "graphql";
import { DEFAULT_SUPERGRAPH_PATH, loadGatewayConfig } from "./config";
import { analyseDocument, limitRules } from "./limits";
import { createGateway } from "./server";
import { manageKeys } from "./caller-keys";
import { subgraphUrlsAt } from "./registry";

/**
 * Measures how the gateway answers the fragment fan-out of issue #13 (`fragment Fi on Query { ...Fi-1 ...Fi-1 ...Fi-1 }`
 * down to F0, n levels): the size of the document, the fields it would select expanded, the selections the limit checks
 * read, the time graphql-js validation takes with every rule (graphql-js's and the gateway's), and the time of the whole
 * HTTP round trip through a gateway running in this process (no subgraph is needed: the query is refused during
 * validation). A measurement, not a test: `node gateway/dist/fragment-fanout.js [from] [to]` after `npm run build`.
 */
export function fanOutQuery(n: number): string {
  const parts = [`query Q { ...F${n} }`, "fragment F0 on Query { __typename }"];
  for (let i = 1; i <= n; i++) parts.push(`fragment F${i} on Query { ...F${i - 1} ...F${i - 1} ...F${i - 1} }`);
  return parts.join("\n");
}

const ms = (started: bigint) => Number(process.hrtime.bigint() - started) / 1e6;

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  const [from = 10, to = 30] = process.argv.slice(2).map(Number);
  // Every subgraph on a closed port: nothing here may reach a real one.
  const keys = path.join(mkdtempSync(path.join(tmpdir(), "wsis-fanout-")), "keys.json");
  manageKeys("new", keys);
  const config = loadGatewayConfig({
    ...subgraphUrlsAt("http://127.0.0.1:1/graphql"),
    NODE_ENV: "production",
    CALLER_SIGNING_KEYS_FILE: keys,
  });
  const schema = Supergraph.build(readFileSync(DEFAULT_SUPERGRAPH_PATH, "utf8")).apiSchema().toGraphQLJSSchema();
  const rules = [...specifiedRules, ...limitRules(config.limits, false)];
  const gateway = await createGateway(config, createLogger("gateway", "silent"));
  const url = `http://127.0.0.1:${await gateway.listen(0)}/graphql`;
  try {
    process.stdout.write("n\tbytes\texpanded fields\tselections read\tvalidate ms\tHTTP ms\tstatus\tcode\n");
    for (let n = from; n <= to; n++) {
      const query = fanOutQuery(n);
      let started = process.hrtime.bigint();
      const document = parse(query);
      const errors = validate(schema, document, rules);
      const validateMs = ms(started);
      const analysis = analyseDocument(document);
      started = process.hrtime.bigint();
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      const httpMs = ms(started);
      const code = body.errors?.[0]?.extensions?.code ?? (errors.length ? "?" : "none");
      process.stdout.write(
        `${n}\t${Buffer.byteLength(query)}\t${analysis.operations[0].selections}\t${analysis.visited}\t${validateMs.toFixed(2)}\t${httpMs.toFixed(2)}\t${response.status}\t${code}\n`,
      );
    }
  } finally {
    await gateway.stop();
  }
}

if (require.main === module) void main();
