import type { Logger } from "./logger";

/**
 * Stops the process cleanly on SIGINT/SIGTERM: runs `stop` (which stops accepting connections and lets in-flight
 * requests finish), then exits 0; if that takes longer than `graceMs` it exits 1; a second signal exits at once.
 */
export function onShutdown(log: Logger, stop: () => Promise<void>, graceMs = 8000): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, graceMs);
    timer.unref();
    const started = Date.now();
    stop()
      .then(() => {
        log.info({ signal, durationMs: Date.now() - started }, "stopped");
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, "error during shutdown");
        process.exit(1);
      });
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
}

/** Ends the process with one clear line (no stack trace) for start-up problems an operator must fix. */
export function failStartup(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
