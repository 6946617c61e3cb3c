/** How far an import is: what a progress display shows. */
export interface ProgressState {
  file: string;
  rows: number;
  bytes: number;
  totalBytes: number;
  elapsedMs: number;
}

/** Receives the import's progress (after every batch). */
export interface ProgressReporter {
  update(state: ProgressState): void;
  done(state: ProgressState): void;
}

const rate = (s: ProgressState) => (s.elapsedMs > 0 ? (s.rows * 1000) / s.elapsedMs : 0);
const eta = (s: ProgressState) => (s.bytes > 0 && s.totalBytes > s.bytes ? ((s.totalBytes - s.bytes) * s.elapsedMs) / s.bytes / 1000 : 0);

function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** On a terminal: one line redrawn in place (at most 5 times a second), with rate and ETA. */
export class TtyProgress implements ProgressReporter {
  private last = 0;
  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  update(state: ProgressState): void {
    const now = Date.now();
    if (now - this.last < 200) return;
    this.last = now;
    this.draw(state);
  }

  done(state: ProgressState): void {
    this.draw(state);
    this.out.write("\n");
    this.last = 0;
  }

  private draw(s: ProgressState): void {
    const width = Math.max(10, Math.min(30, (this.out.columns ?? 80) - 70));
    const fraction = s.totalBytes ? Math.min(1, s.bytes / s.totalBytes) : 0;
    const filled = Math.round(fraction * width);
    const bar = `[${"#".repeat(filled)}${"-".repeat(width - filled)}]`;
    const text = `${s.file} ${bar} ${(fraction * 100).toFixed(1)}% ${s.rows.toLocaleString("en")} rows ` +
      `${Math.round(rate(s)).toLocaleString("en")} rows/s ETA ${duration(eta(s))}`;
    this.out.write(`\r\x1b[2K${text.slice(0, (this.out.columns ?? 200) - 1)}`);
  }
}

/** Elsewhere (logs, CI): one JSON line every `everyMs`, and one at the end of each file. */
export class JsonProgress implements ProgressReporter {
  private last = 0;
  constructor(private readonly everyMs = 10_000, private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)) {}

  update(state: ProgressState): void {
    const now = Date.now();
    if (this.last === 0) this.last = now;
    if (now - this.last < this.everyMs) return;
    this.last = now;
    this.log(state);
  }

  done(state: ProgressState): void {
    this.log(state);
    this.last = 0;
  }

  private log(s: ProgressState): void {
    this.write(JSON.stringify({
      level: "info", msg: "rna import progress", file: s.file, rows: s.rows, bytes: s.bytes, totalBytes: s.totalBytes,
      percent: s.totalBytes ? Math.round((1000 * s.bytes) / s.totalBytes) / 10 : null,
      rowsPerSecond: Math.round(rate(s)), etaSeconds: Math.round(eta(s)),
    }));
  }
}

/** No display (tests, library use). */
export const NO_PROGRESS: ProgressReporter = { update: () => {}, done: () => {} };
