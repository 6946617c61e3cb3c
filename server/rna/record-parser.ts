/**
 * Streaming parser of the RNA files' CSV dialect: fields separated by `;`, optionally double-quoted with
 * `""` for a quote, quoted fields holding `;` and line breaks (LF or CRLF). It keeps the physical line
 * where each record starts, for the rejected-rows report.
 *
 * Written here rather than with csv-parse: on this data csv-parse reads about 30,000 records a second
 * (the import's whole budget), and it counts a CRLF inside a quoted field as two lines, shifting every
 * later line number. This one splits lines without quotes natively and is tolerant where the register
 * is not strict:
 * - a quote inside an unquoted field is a character (`Club "Les Amis"`);
 * - inside a quoted field, a quote that is neither doubled nor followed by `;` or a line break is a
 *   character too (`"Club "Les Amis" de Lille"`);
 * - a quoted field still open after MAX_QUOTED_LINES lines or MAX_FIELD_LENGTH characters (a stray
 *   quote), or at the end of the file (a truncated file), makes its record malformed: it is reported, and
 *   parsing resumes at the line after the one where that record started, so one bad quote never swallows
 *   the rest of the file.
 */

/** A record: its fields, and the physical line (1-based) where it starts. */
export interface RawRecord {
  kind: "record";
  fields: string[];
  line: number;
  /** Whether this record ended at the end of the file without a line break. */
  atEndOfFile: boolean;
}

/** A record that could not be parsed. */
export interface MalformedRecord {
  kind: "malformed";
  line: number;
  message: string;
}

export type ParsedItem = RawRecord | MalformedRecord;

const QUOTE = 34;
const SEMICOLON = 59;
const LF = 10;
const CR = 13;

export const MAX_QUOTED_LINES = 50;
export const MAX_FIELD_LENGTH = 20_000;

/** Outcome of reading one record from the buffer. */
type Step = { item: ParsedItem | null; next: number; nextLine: number } | "more";

export class RecordParser {
  private buffer = "";
  private line = 1;
  /** Position of the next quote at or after the current record's start, cached across lines (-1: none in the buffer). */
  private nextQuote = -2;

  /** Parses what `text` completes; the unfinished tail waits for the next call. */
  push(text: string): ParsedItem[] {
    this.buffer = this.buffer.length ? this.buffer + text : text;
    this.nextQuote = -2;
    return this.drain(false);
  }

  /** Parses what is left at the end of the file. */
  end(): ParsedItem[] {
    return this.drain(true);
  }

  private drain(final: boolean): ParsedItem[] {
    const items: ParsedItem[] = [];
    let pos = 0;
    const buf = this.buffer;
    while (pos < buf.length) {
      const step = this.readRecord(buf, pos, final);
      if (step === "more") break;
      if (step.item) items.push(step.item);
      pos = step.next;
      this.line = step.nextLine;
    }
    this.buffer = pos >= buf.length ? "" : buf.slice(pos);
    this.nextQuote = -2;
    return items;
  }

  private readRecord(buf: string, start: number, final: boolean): Step {
    const line = this.line;
    const newline = buf.indexOf("\n", start);
    if (newline === -1 && !final) return "more";
    const lineEnd = newline === -1 ? buf.length : newline;
    // An empty line (a blank line, or the final line break of the file) holds no record.
    if (lineEnd === start || (lineEnd === start + 1 && buf.charCodeAt(start) === CR)) {
      return { item: null, next: lineEnd + 1, nextLine: line + 1 };
    }
    if (this.nextQuote !== -1 && this.nextQuote < start) this.nextQuote = buf.indexOf('"', start);
    if (this.nextQuote === -1 || this.nextQuote >= lineEnd) {
      // Fast path: no quote on this line.
      const end = buf.charCodeAt(lineEnd - 1) === CR ? lineEnd - 1 : lineEnd;
      const fields = buf.slice(start, end).split(";");
      return { item: { kind: "record", fields, line, atEndOfFile: newline === -1 }, next: lineEnd + 1, nextLine: line + 1 };
    }
    return this.readQuotedRecord(buf, start, line, final);
  }

  /** A record with quotes somewhere: field by field. */
  private readQuotedRecord(buf: string, start: number, line: number, final: boolean): Step {
    const fields: string[] = [];
    let lines = 0;
    let i = start;
    for (;;) {
      if (buf.charCodeAt(i) === QUOTE) {
        // Quoted field: up to a quote followed by `;`, a line break or the end of the file.
        const parts: string[] = [];
        let from = i + 1;
        let closed = -1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1 || (q + 1 >= buf.length && !final)) {
            if (final && q === -1) return this.malformed(buf, start, line, "quoted field not closed at the end of the file (truncated file?)");
            if (this.tooLong(buf, i, buf.length)) return this.malformed(buf, start, line, this.tooLongMessage());
            return "more";
          }
          const after = q + 1 < buf.length ? buf.charCodeAt(q + 1) : -1;
          if (after === QUOTE) {
            parts.push(buf.slice(from, q + 1));
            from = q + 2;
          } else if (after === SEMICOLON || after === LF || after === CR || after === -1) {
            parts.push(buf.slice(from, q));
            closed = q;
            break;
          } else {
            parts.push(buf.slice(from, q + 1));
            from = q + 1;
          }
          if (this.tooLong(buf, i, q)) return this.malformed(buf, start, line, this.tooLongMessage());
        }
        if (this.tooLong(buf, i, closed)) return this.malformed(buf, start, line, this.tooLongMessage());
        lines += countLineBreaks(buf, i, closed);
        fields.push(parts.length === 1 ? parts[0] : parts.join(""));
        i = closed + 1;
      } else {
        // Unquoted field: up to `;` or the end of the line (a quote inside is a character).
        let end = i;
        while (end < buf.length) {
          const c = buf.charCodeAt(end);
          if (c === SEMICOLON || c === LF) break;
          end++;
        }
        if (end >= buf.length && !final) return "more";
        const value = buf.slice(i, end);
        fields.push(value.length && value.charCodeAt(value.length - 1) === CR && (end >= buf.length || buf.charCodeAt(end) === LF) ? value.slice(0, -1) : value);
        i = end;
      }
      // After a field: a separator, a line break, or the end of the file.
      if (i >= buf.length) {
        if (!final) return "more";
        return { item: { kind: "record", fields, line, atEndOfFile: true }, next: i, nextLine: line + lines + 1 };
      }
      const c = buf.charCodeAt(i);
      if (c === SEMICOLON) {
        i++;
        if (i >= buf.length) {
          if (!final) return "more";
          fields.push("");
          return { item: { kind: "record", fields, line, atEndOfFile: true }, next: i, nextLine: line + lines + 1 };
        }
        continue;
      }
      if (c === CR) {
        if (i + 1 >= buf.length && !final) return "more";
        if (buf.charCodeAt(i + 1) === LF) i++;
      }
      return { item: { kind: "record", fields, line, atEndOfFile: false }, next: i + 1, nextLine: line + lines + 1 };
    }
  }

  private tooLong(buf: string, from: number, to: number): boolean {
    return to - from > MAX_FIELD_LENGTH || countLineBreaks(buf, from, to, MAX_QUOTED_LINES + 1) > MAX_QUOTED_LINES;
  }

  private tooLongMessage(): string {
    return `quoted field not closed within ${MAX_QUOTED_LINES} lines or ${MAX_FIELD_LENGTH} characters (a stray quote?)`;
  }

  /** Reports the record starting at `start` and resumes at the next physical line. */
  private malformed(buf: string, start: number, line: number, message: string): Step {
    const newline = buf.indexOf("\n", start);
    const next = newline === -1 ? buf.length : newline + 1;
    return { item: { kind: "malformed", line, message }, next, nextLine: line + 1 };
  }
}

/** Line feeds in buf[from, to), counting at most `limit`. */
function countLineBreaks(buf: string, from: number, to: number, limit = Infinity): number {
  let count = 0;
  for (let at = buf.indexOf("\n", from); at !== -1 && at < to && count < limit; at = buf.indexOf("\n", at + 1)) count++;
  return count;
}
