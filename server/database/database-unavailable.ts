/**
 * Whether an error means the database cannot be reached right now (PostgreSQL stopped, restarting,
 * or the connection cut), rather than a fault of the request or of the code: such a request is
 * answered 503 with Retry-After, so that clients retry it (a write with its idempotency key).
 */
const UNAVAILABLE_SQLSTATES = /^(08...|57P01|57P02|57P03|53300)$/; // connection exception, admin/crash shutdown, cannot connect now, too many connections
const UNAVAILABLE_ERRNOS = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);
const UNAVAILABLE_MESSAGES = [
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^Client has encountered a connection error and is not queryable$/,
  /^timeout exceeded when trying to connect$/,
];

export const RETRY_AFTER_SECONDS = 1;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false;
  const { code, message, driverError, cause, originalError } = error as { code?: unknown; message?: unknown; driverError?: unknown; cause?: unknown; originalError?: unknown };
  if (typeof code === "string" && (UNAVAILABLE_SQLSTATES.test(code) || UNAVAILABLE_ERRNOS.has(code))) return true;
  if (typeof message === "string" && UNAVAILABLE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  // TypeORM wraps the driver's error; graphql wraps a resolver's; Node's fetch-style errors carry a cause.
  return [driverError, originalError, cause].some((inner) => inner !== error && isDatabaseUnavailable(inner, depth + 1));
}
