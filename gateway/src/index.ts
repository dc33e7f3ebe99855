import { ConfigError, createLogger, failStartup, onShutdown } from "@wsis/shared";
import { loadGatewayConfig, type GatewayConfig } from "./config";
import { createGateway } from "./server";

async function main(): Promise<void> {
  process.env.APOLLO_TELEMETRY_DISABLED = "true";
  let config: GatewayConfig;
  try {
    config = loadGatewayConfig();
  } catch (error) {
    if (error instanceof ConfigError) failStartup(`gateway: ${error.message}`);
    throw error;
  }
  const log = createLogger("gateway", config.logLevel);
  const gateway = await createGateway(config, log);
  try {
    const port = await gateway.listen(config.port, config.host);
    log.info({ port }, `WSIS Hub gateway listening on http://${config.host}:${port}/`);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    failStartup(
      code === "EADDRINUSE"
        ? `gateway: port ${config.port} on ${config.host} is already in use (set PORT to another port)`
        : `gateway: cannot listen on ${config.host}:${config.port}: ${(error as Error).message}`,
    );
  }
  // SIGHUP: read the supergraph (and the caller signing keys) again; one that does not load is refused, the old kept.
  process.on("SIGHUP", () => void gateway.reload("SIGHUP"));
  // SIGTERM: stop accepting, let in-flight requests finish (SHUTDOWN_GRACE_MS), then exit; never longer than 3 s more.
  onShutdown(log, () => gateway.stop(), config.shutdownGraceMs + 3000);
}

void main();
