import { ServerProcess, spawnServer } from "../tests/support/server-process";
import { getPath, sleep } from "./http";

/**
 * The server under test, as an operator runs it: `server/main.ts` in its own process, on a fixed
 * port (clients keep their address across restarts), killed with SIGKILL and started again by the
 * chaos run.
 */
export class ServerControl {
  private process: ServerProcess | undefined;
  readonly base: string;
  readonly url: string;
  starts = 0;

  constructor(
    readonly port: number,
    private readonly env: Record<string, string>,
  ) {
    this.base = `http://127.0.0.1:${port}`;
    this.url = `${this.base}/graphql`;
  }

  get running(): boolean {
    return this.process !== undefined;
  }

  /** Starts the server and waits for "maillage ready"; returns the start-up time in ms. */
  async start(): Promise<number> {
    if (this.process) throw new Error("the server is already running");
    const started = Date.now();
    this.process = await spawnServer({ PORT: String(this.port), ...this.env });
    this.starts++;
    return Date.now() - started;
  }

  /** SIGKILL: no shutdown at all, the database left as the crash leaves it. */
  async kill(): Promise<void> {
    const process = this.process;
    this.process = undefined;
    if (!process) return;
    process.signal("SIGKILL");
    await process.exited;
  }

  /** SIGTERM and wait for the exit; returns the exit code (0 for a clean shutdown). */
  async stop(): Promise<number | null> {
    const process = this.process;
    this.process = undefined;
    if (!process) return 0;
    process.signal("SIGTERM");
    return process.exited;
  }

  /** Lines the running server printed that show an unexpected error (level error or fatal). */
  errorLines(): string[] {
    return (this.process?.logs() ?? []).filter((line) => line.level === "error" || line.level === "fatal").map((line) => JSON.stringify(line));
  }

  /** Waits until /readyz answers 200; returns how long that took (ms), or null after `timeoutMs`. */
  async waitReady(timeoutMs = 60_000): Promise<number | null> {
    const started = Date.now();
    while (Date.now() - started < timeoutMs) {
      const answer = await getPath(`${this.base}/readyz`, 3_000);
      if (answer.status === 200) return Date.now() - started;
      await sleep(200);
    }
    return null;
  }

  /** The process's resident memory as its /metrics reports it (bytes), or null. */
  async rssBytes(): Promise<number | null> {
    const answer = await getPath(`${this.base}/metrics`, 5_000);
    const match = answer.text?.match(/^maillage_process_resident_memory_bytes (\S+)$/m);
    return match ? Number(match[1]) : null;
  }
}
