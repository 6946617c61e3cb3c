import fs from "node:fs";
import path from "node:path";
import { csvText } from "../exports/cells";
import { RowIssue } from "./issues";

/** The rejected-rows file: rows left out (errors) and rows imported with a doubt (warnings), one line each. */
export const REJECTS_HEADER = ["file", "line", "column", "severity", "reason", "value", "message"];

/** Default place of the rejected-rows file: next to the input, "rna_waldec_20241101.zip" -> "rna_waldec_20241101.rejects.csv". */
export function defaultRejectsPath(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.rejects.csv`);
}

/** A `;`-separated CSV field, quoted when it needs to be; register text that looks like a formula is defused, as in the exports. */
function cell(value: string | number | null): string {
  if (value === null) return "";
  const text = typeof value === "string" ? csvText(value) : String(value);
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Writes the file as issues come (buffered, synchronous writes: constant memory, nothing lost on a crash after a flush). */
export class RejectsWriter {
  private fd: number;
  private buffer: string[] = [];
  private bufferedLength = 0;
  errors = 0;
  warnings = 0;

  constructor(readonly file: string) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    this.fd = fs.openSync(file, "w");
    this.push(REJECTS_HEADER.join(";"));
  }

  write(file: string, issues: RowIssue[]): void {
    for (const i of issues) {
      if (i.severity === "error") this.errors++;
      else this.warnings++;
      this.push([file, i.line, i.column, i.severity, i.reason, i.value, i.message].map(cell).join(";"));
    }
  }

  close(): void {
    this.flush();
    fs.closeSync(this.fd);
  }

  private push(line: string): void {
    this.buffer.push(line);
    this.bufferedLength += line.length;
    if (this.bufferedLength > 64 * 1024) this.flush();
  }

  private flush(): void {
    if (!this.buffer.length) return;
    fs.writeSync(this.fd, `${this.buffer.join("\n")}\n`);
    this.buffer = [];
    this.bufferedLength = 0;
  }
}
