import pino from "pino";

export type Logger = pino.Logger;

/** Structured JSON logs on stdout; one logger per process, children per request. */
export function createLogger(name: string, level = "info"): Logger {
  return pino({
    name,
    level,
    base: { service: name },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: ["req.headers.authorization", "headers.authorization"],
  });
}
