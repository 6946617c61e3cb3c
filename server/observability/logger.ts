import pino from "pino";

/**
 * The process's structured JSON log (one line per event, on stdout). Personal data never goes in:
 * no tokens, no contact details, no variables of mutations; the redaction below is a safety net.
 * It writes through `process.stdout` (synchronous for files and pipes on Linux), which tests can
 * watch; under jest the level is `warn` unless LOG_LEVEL says otherwise.
 */
const options: pino.LoggerOptions = {
  level: process.env.LOG_LEVEL || (process.env.NODE_ENV === "test" ? "warn" : "info"),
  base: { service: "maillage" },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
};

export const logger = pino({
  ...options,
  redact: { paths: ["req.headers.authorization", "req.headers.cookie", "*.authorization", "*.password", "*.token"], censor: "[redacted]" },
}, process.stdout);

/**
 * The per-request lines of server/observability/request-log.ts, in the same stream and format: they are
 * built from fixed fields (id, method, path, status, operation, counts, codes), so the redaction, which
 * walks every line's objects, is left out of the one line every request writes.
 */
export const requestLogger = pino(options, process.stdout);

export type Logger = typeof logger;

/**
 * Apollo Server's logger (unexpected errors, cache failures), as lines of this log: its messages are
 * logged as text, so an Error passed to it gives its message, never its stack.
 */
export const apolloLogger = {
  debug: (message?: unknown) => logger.debug({ component: "apollo" }, String(message)),
  info: (message?: unknown) => logger.info({ component: "apollo" }, String(message)),
  warn: (message?: unknown) => logger.warn({ component: "apollo" }, String(message)),
  error: (message?: unknown) => logger.error({ component: "apollo" }, String(message)),
};
