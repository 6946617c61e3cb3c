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
  /** Exits the run did not cause (newest last): `external` when a signal from outside ended it, otherwise a crash. */
  readonly unexpectedExits: { external: boolean; description: string; output: string }[] = [];

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
    const process = await spawnServer({ PORT: String(this.port), ...this.env });
    this.process = process;
    this.starts++;
    // An exit the run did not cause: a crash, or a signal from outside the run. Keep what it printed.
    void process.exited.then((code) => {
      if (this.process !== process) return;
      this.process = undefined;
      const signal = process.exitSignal();
      const stoppedBySignal = process.logs().some((line) => line.msg === "shutting down");
      this.unexpectedExits.push({
        // SIGKILL comes from outside (an operator, the OOM killer); a clean exit after "shutting down" from a SIGTERM/SIGINT someone sent.
        external: signal === "SIGKILL" || (code === 0 && stoppedBySignal),
        description: `exited with ${signal ?? code}`,
        output: `${process.lines.slice(-40).join("\n")}\n${process.stderr().slice(-4000)}`,
      });
    });
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

  /** The last lines the running server printed (its JSON log), for diagnosing a failure. */
  logTail(lines = 200): string[] {
    return this.process?.lines.slice(-lines) ?? [];
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

  /** The database pool as /metrics reports it, for diagnostics. */
  async poolState(): Promise<string> {
    const answer = await getPath(`${this.base}/metrics`, 5_000);
    return (answer.text?.match(/^maillage_db_pool_connections\{.*$/gm) ?? [`/metrics answered ${answer.status}`]).join(", ");
  }

  /** The process's resident memory as its /metrics reports it (bytes), or null. */
  async rssBytes(): Promise<number | null> {
    const answer = await getPath(`${this.base}/metrics`, 5_000);
    const match = answer.text?.match(/^maillage_process_resident_memory_bytes (\S+)$/m);
    return match ? Number(match[1]) : null;
  }
}
