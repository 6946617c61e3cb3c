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
    // The next line feed at or after i (-1: none in the buffer): a field ends before it unless quoted.
    let newline = buf.indexOf("\n", start);
    for (;;) {
      if (buf.charCodeAt(i) === QUOTE) {
        // Quoted field: up to a quote followed by `;`, a line break or the end of the file.
        let value = "";
        let from = i + 1;
        let closed = -1;
        for (;;) {
          const q = buf.indexOf('"', from);
          if (q === -1 || (q + 1 >= buf.length && !final)) {
            if (final && q === -1) return this.malformed(buf, start, line, "quoted field not closed at the end of the file (truncated file?)");
            if (this.tooLong(buf, i, buf.length, newline)) return this.malformed(buf, start, line, TOO_LONG);
            return "more";
          }
          const after = q + 1 < buf.length ? buf.charCodeAt(q + 1) : -1;
          if (after === QUOTE) {
            value += buf.slice(from, q + 1);
            from = q + 2;
          } else if (after === SEMICOLON || after === LF || after === CR || after === -1) {
            value = value ? value + buf.slice(from, q) : buf.slice(from, q);
            closed = q;
            break;
          } else {
            value += buf.slice(from, q + 1);
            from = q + 1;
          }
          if (this.tooLong(buf, i, q, newline)) return this.malformed(buf, start, line, TOO_LONG);
        }
        if (newline !== -1 && newline < closed) {
          // The field holds line breaks.
          if (this.tooLong(buf, i, closed, newline)) return this.malformed(buf, start, line, TOO_LONG);
          lines += countLineBreaks(buf, newline, closed);
          newline = buf.indexOf("\n", closed);
        }
        fields.push(value);
        i = closed + 1;
      } else {
        // Unquoted field: up to `;` or the end of the line (a quote inside is a character).
        const semicolon = buf.indexOf(";", i);
        const end = semicolon !== -1 && (newline === -1 || semicolon < newline) ? semicolon : newline !== -1 ? newline : buf.length;
        if (end >= buf.length && !final) return "more";
        const atLineEnd = (end === newline || end === buf.length) && end > i && buf.charCodeAt(end - 1) === CR;
        fields.push(buf.slice(i, atLineEnd ? end - 1 : end));
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

  /** Whether the quoted field buf[from, to) is past the limits; `newline` is the first line feed at or after `from` (-1: none). */
  private tooLong(buf: string, from: number, to: number, newline: number): boolean {
    if (to - from > MAX_FIELD_LENGTH) return true;
    return newline !== -1 && newline < to && countLineBreaks(buf, newline, to, MAX_QUOTED_LINES + 1) > MAX_QUOTED_LINES;
  }

  /** Reports the record starting at `start` and resumes at the next physical line. */
  private malformed(buf: string, start: number, line: number, message: string): Step {
    const newline = buf.indexOf("\n", start);
    const next = newline === -1 ? buf.length : newline + 1;
    return { item: { kind: "malformed", line, message }, next, nextLine: line + 1 };
  }
}

const TOO_LONG = `quoted field not closed within ${MAX_QUOTED_LINES} lines or ${MAX_FIELD_LENGTH} characters (a stray quote?)`;

/** Line feeds in buf[from, to), counting at most `limit`. */
function countLineBreaks(buf: string, from: number, to: number, limit = Infinity): number {
  let count = 0;
  for (let at = buf.indexOf("\n", from); at !== -1 && at < to && count < limit; at = buf.indexOf("\n", at + 1)) count++;
  return count;
}
