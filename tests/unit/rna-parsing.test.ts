import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { DetectingDecoder } from "../../server/rna/decode";
import { MAX_QUOTED_LINES, ParsedItem, RecordParser } from "../../server/rna/record-parser";
import { packRna, SeenRnaNumbers } from "../../server/rna/seen-numbers";

/** Parses text handed over in chunks of `size` characters. */
function parseInChunks(text: string, size: number): ParsedItem[] {
  const parser = new RecordParser();
  const items: ParsedItem[] = [];
  for (let i = 0; i < text.length; i += size) items.push(...parser.push(text.slice(i, i + size)));
  items.push(...parser.end());
  return items;
}

const TRICKY = [
  'id;titre;objet',
  'W1;"Les Amis; du Pile";"deux\r\nlignes"',
  'W2;Club "Les Amis";simple',
  '',
  'W3;"Club ""Les Amis""";"trois\nlignes\nici"',
  'W4;"Club "Les Amis" de Lille";fin;',
  'W5;plain;"last"',
].join("\r\n");

describe("RecordParser", () => {
  it("reads quoted separators, line breaks (CRLF or LF), doubled and stray quotes, with the line where each record starts", () => {
    const items = parseInChunks(TRICKY, TRICKY.length);
    expect(items).toEqual([
      { kind: "record", line: 1, fields: ["id", "titre", "objet"], atEndOfFile: false },
      { kind: "record", line: 2, fields: ["W1", "Les Amis; du Pile", "deux\r\nlignes"], atEndOfFile: false },
      { kind: "record", line: 4, fields: ["W2", 'Club "Les Amis"', "simple"], atEndOfFile: false },
      { kind: "record", line: 6, fields: ["W3", 'Club "Les Amis"', "trois\nlignes\nici"], atEndOfFile: false },
      { kind: "record", line: 9, fields: ["W4", 'Club "Les Amis" de Lille', "fin", ""], atEndOfFile: false },
      { kind: "record", line: 10, fields: ["W5", "plain", "last"], atEndOfFile: true },
    ]);
  });

  it("gives the same records whatever the chunk boundaries", () => {
    const whole = parseInChunks(TRICKY, TRICKY.length);
    for (let size = 1; size <= 12; size++) expect(parseInChunks(TRICKY, size)).toEqual(whole);
  });

  it("agrees with csv-parse on well-formed files", () => {
    const rows = Array.from({ length: 200 }, (_, i) =>
      [`W${i}`, i % 3 ? `"a;${i}"` : `b${i}`, i % 5 ? `"x""${i}""\ny"` : "", i % 7 ? "é" : '"ç;"'].join(";"));
    const text = `h1;h2;h3;h4\n${rows.join("\n")}\n`;
    const ours = parseInChunks(text, 97).map((item) => (item.kind === "record" ? item.fields : null));
    expect(ours).toEqual(parse(text, { delimiter: ";", relax_column_count: true }));
  });

  it("reports an unclosed quote and resumes at the next line, at the end of the file or after too many lines", () => {
    expect(parseInChunks('a;b\n1;"never closed\n2;ok\n', 5)).toEqual([
      { kind: "record", line: 1, fields: ["a", "b"], atEndOfFile: false },
      { kind: "malformed", line: 2, message: expect.stringContaining("end of the file") },
      { kind: "record", line: 3, fields: ["2", "ok"], atEndOfFile: false },
    ]);
    const long = `a;b\n1;"stray\n${"x;y\n".repeat(MAX_QUOTED_LINES + 5)}z;"closed"\n`;
    const items = parseInChunks(long, 64);
    expect(items[1]).toEqual({ kind: "malformed", line: 2, message: expect.stringContaining("stray quote") });
    expect(items[2]).toEqual({ kind: "record", line: 3, fields: ["x", "y"], atEndOfFile: false });
    expect(items.at(-1)).toEqual({ kind: "record", line: MAX_QUOTED_LINES + 8, fields: ["z", "closed"], atEndOfFile: false });
  });
});

describe("DetectingDecoder", () => {
  const text = `${"id;titre\n".repeat(50)}W1;Société d’entraide – œuvres de l’Épeule\n`;

  it.each(["utf-8", "windows-1252"] as const)("detects %s at the first byte that is not ASCII, whatever the chunk boundaries", (encoding) => {
    const bytes = iconv.encode(text, encoding);
    for (const size of [1, 2, 3, 64, bytes.length]) {
      const decoder = new DetectingDecoder();
      let decoded = "";
      for (let i = 0; i < bytes.length; i += size) decoded += decoder.write(bytes.subarray(i, i + size));
      decoded += decoder.end();
      expect(decoded).toBe(text);
      expect(decoder.encoding).toBe(encoding);
    }
  });
});

describe("SeenRnaNumbers", () => {
  it("packs every RNA number into a distinct 32-bit key, and remembers first lines across growth", () => {
    expect(packRna("W000000000")).toBe(1);
    expect(packRna("W9Z9999999")).toBe(3_600_000_000);
    expect(packRna("W2A1000000")).not.toBe(packRna("W210100000"));
    const seen = new SeenRnaNumbers();
    const number = (i: number) => `W${i % 10}${"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i % 36]}${String(i).padStart(7, "0")}`;
    // (Checked in plain loops: an expect per number is slow under jest.)
    let added = 0;
    for (let i = 0; i < 100_000; i++) if (seen.firstLineOrAdd(number(i), i + 2) === 0) added++;
    expect(added).toBe(100_000);
    expect(seen.count).toBe(100_000);
    const wrong: number[] = [];
    for (let i = 0; i < 100_000; i++) if (seen.firstLineOrAdd(number(i), 1) !== i + 2) wrong.push(i);
    expect(wrong).toEqual([]);
  });
});
