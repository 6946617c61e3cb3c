import { logger, requestLogger } from "../../server/observability/logger";

/** The server's log lines written in this process (servers started by startTestServer run here). */
export interface CapturedLogs {
  /** Each JSON line, as written. */
  lines: string[];
  restore(): void;
}

/** Captures the log at level `info` (tests otherwise log warnings and errors only) until restored. */
export function captureLogs(): CapturedLogs {
  const lines: string[] = [];
  const level = logger.level;
  logger.level = requestLogger.level = "info";
  const spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split("\n").filter(Boolean));
    return true;
  });
  return {
    lines,
    restore: () => {
      spy.mockRestore();
      logger.level = requestLogger.level = level;
    },
  };
}
