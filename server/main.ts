import "reflect-metadata";
import { startApp } from "./app";
import { loadConfig } from "./config";
import { logger } from "./observability/logger";

/** Time allowed, past the request deadline, for closing Redis and the database before giving up. */
const CLOSE_MARGIN_MS = 5_000;

/**
 * Entry point: `npm start`. SIGINT/SIGTERM: new requests are refused, in-flight ones finish (cut at
 * MAILLAGE_SHUTDOWN_TIMEOUT_MS), then Redis and the database close; the process exits 0. If closing
 * hangs past the deadline, it exits 1 rather than linger (a second signal does the same at once).
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startApp(config);
  const shutdown = (signal: string) => {
    logger.info({ signal, deadlineMs: config.shutdownTimeoutMs }, "shutting down");
    process.once(signal, () => {
      logger.warn({ signal }, "second signal: exiting at once");
      process.exit(1);
    });
    setTimeout(() => {
      logger.error("shutdown did not finish in time: exiting");
      process.exit(1);
    }, config.shutdownTimeoutMs + CLOSE_MARGIN_MS).unref();
    app.stop().then(
      () => {
        logger.info("stopped cleanly");
        logger.flush();
        process.exit(0);
      },
      (error) => {
        logger.error({ err: error instanceof Error ? error.stack : String(error) }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error) => {
  logger.fatal({ err: error instanceof Error ? error.stack : String(error) }, "start-up failed");
  process.exit(1);
});
