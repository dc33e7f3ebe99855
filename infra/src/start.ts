import path from "node:path";
import { ConfigError, isPortFree } from "@wsis/shared";
import { withGatewayNodeOptions } from "@wsis/gateway/runtime";
import { inRepoSubgraphs, readinessUrl, urlVariable, type RegistryEntry } from "@wsis/gateway/registry";
import { CALLER_JWKS_PATH } from "@wsis/shared";
import { loadStartConfig, portVariable, REPO_ROOT, type StartConfig } from "./config";
import { provideDatabase, type HubDatabase } from "./database";
import { runToCompletion, startProcess, stopAll, waitForHttp, type Supervised } from "./processes";

const say = (line: string) => process.stdout.write(`[hub] ${line}\n`);

/** One clear line and a non-zero exit: for problems the user must fix (a busy port, an unreachable database). */
function fail(message: string): never {
  process.stderr.write(`[hub] error: ${message}\n`);
  process.exit(1);
}

const packageDir = (name: string) => path.dirname(require.resolve(`@wsis/${name}/package.json`));
const workspaceOf = (entry: RegistryEntry) => entry.hub.workspace as string;

/** Whether a subgraph run by someone else answers its readiness probe (at its `<NAME>_URL`, else its routing URL). */
async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(readinessUrl(url), { signal: AbortSignal.timeout(2000) })).ok;
  } catch {
    return false;
  }
}

async function checkPorts(config: StartConfig): Promise<void> {
  const wanted: Array<[string, number]> = [
    ["gateway (PORT)", config.gatewayPort],
    ...inRepoSubgraphs(config.registry).map((s): [string, number] => [
      `${s.name} (${portVariable(s.name)})`,
      config.subgraphPorts[s.name],
    ]),
  ];
  if (!config.databaseUrl) wanted.push(["embedded PostgreSQL (EMBEDDED_PG_PORT)", config.embeddedPort]);
  for (const [what, port] of wanted) {
    if (!(await isPortFree(port, config.host)))
      fail(
        `port ${port} for the ${what} is already in use; free it or set ${what.match(/\((.*)\)/)?.[1]} to another port`,
      );
  }
}

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  let config: StartConfig;
  try {
    config = loadStartConfig();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
  await checkPorts(config);

  let database: HubDatabase | undefined;
  const children: Supervised[] = [];
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    await stopAll(children);
    await database?.stop();
    say("stopped");
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));

  try {
    database = await provideDatabase(config, say);
  } catch (error) {
    fail((error as Error).message);
  }
  say(`database: ${database.description}`);

  const baseEnv: NodeJS.ProcessEnv = {
    ...process.env,
    APOLLO_TELEMETRY_DISABLED: "true",
    DATABASE_URL: database.url,
    HOST: config.host,
    LOG_LEVEL: config.logLevel,
  };
  const local = inRepoSubgraphs(config.registry);
  const others = config.registry.subgraphs.filter((s) => !local.includes(s));
  try {
    for (const s of local) {
      say(`migrating and seeding ${s.name}`);
      await runToCompletion(`${s.name} migrate`, path.join(workspaceOf(s), "dist/migrate.js"), baseEnv, REPO_ROOT);
    }
  } catch (error) {
    await database.stop();
    fail((error as Error).message);
  }

  const urls: Record<string, string> = {};
  // The subgraphs verify the caller with the gateway's public keys, fetched from it on the first signed request.
  const jwksUrl = `http://${config.host}:${config.gatewayPort}${CALLER_JWKS_PATH}`;
  for (const s of local) {
    const port = config.subgraphPorts[s.name];
    urls[urlVariable(s.name)] = `http://${config.host}:${port}/graphql`;
    children.push(
      startProcess(
        s.name,
        path.join(workspaceOf(s), "dist/index.js"),
        { CALLER_JWKS_URL: jwksUrl, ...baseEnv, PORT: String(port) },
        REPO_ROOT,
      ),
    );
  }
  const { DATABASE_URL: _notForTheGateway, ...gatewayBase } = baseEnv;
  const gatewayEnv = withGatewayNodeOptions({ ...gatewayBase, ...urls, PORT: String(config.gatewayPort) });
  children.push(startProcess("gateway", path.join(packageDir("gateway"), "dist/index.js"), gatewayEnv, REPO_ROOT));

  for (const child of children) {
    void child.exited.then((code) => {
      if (!stopping) {
        process.stderr.write(`[hub] error: ${child.name} exited unexpectedly (code ${code}); stopping the hub\n`);
        void shutdown(1);
      }
    });
  }

  try {
    await Promise.all(
      local.map((s, i) =>
        waitForHttp(`http://${config.host}:${config.subgraphPorts[s.name]}/health/ready`, 60000, children[i].exited),
      ),
    );
    await waitForHttp(
      `http://${config.host}:${config.gatewayPort}/health/ready`,
      60000,
      children[children.length - 1].exited,
    );
  } catch (error) {
    if (stopping) return;
    process.stderr.write(`[hub] error: ${(error as Error).message}\n`);
    await shutdown(1);
    return;
  }
  for (const s of others) {
    const url = process.env[urlVariable(s.name)] || s.routingUrl;
    say(
      `${s.name} (run by its owner at ${url}): ${(await answers(url)) ? "answers" : "does not answer — its fields are null until it does"}`,
    );
  }
  const base = `http://${config.host}:${config.gatewayPort}`;
  say(
    `ready: GraphQL IDE at ${base}/ide — dashboard ${base}/dashboard — endpoint ${base}/graphql (Ctrl-C stops everything)`,
  );
}

void main();
