import fs from "node:fs";
import path from "node:path";
import { DetectingDecoder } from "../rna/decode";

/**
 * Files of the advocacy paper's proposals, as an administrator writes them for `npm run load:proposals`:
 * JSON (an array of objects) or CSV (a header line, `,` or `;` between fields, fields with a separator, a
 * quote or a line break in double quotes), UTF-8 or Windows-1252 (as French spreadsheets save it). Each
 * proposal gives `number`, `stake`, `title` and optionally `summary`.
 *
 * Reading only tells the rows apart and says where each one is: the values are checked by the loader, with
 * the rules of the createProposal mutation (load-proposals.ts).
 */

export const PROPOSAL_FILE_COLUMNS = ["number", "stake", "title", "summary"] as const;
export type ProposalFileColumn = (typeof PROPOSAL_FILE_COLUMNS)[number];
const REQUIRED_COLUMNS: ProposalFileColumn[] = ["number", "stake", "title"];

/** A proposals file is tiny (16 rows): anything larger is not one. */
const MAX_BYTES = 1_000_000;

/** One proposal as the file gives it (values not checked yet), and where it is: "line 3" (CSV), "item 2" (JSON). */
export type ProposalFileRow = { at: string } & Record<ProposalFileColumn, unknown>;

/** A file once read: its rows, and the problems of its form (unknown columns, malformed lines...). */
export interface ProposalFile {
  name: string;
  rows: ProposalFileRow[];
  problems: string[];
}

/** The file cannot be loaded: every problem found, nothing written. */
export class ProposalFileRefused extends Error {
  constructor(readonly file: string, readonly problems: string[]) {
    super(`${file}: refused, nothing written (${problems.length} problem${problems.length > 1 ? "s" : ""}):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  }
}

/** Reads a `.json` or `.csv` file of proposals (refused at once when it cannot be read at all). */
export function readProposalFile(file: string): ProposalFile {
  const name = path.basename(file);
  const format = path.extname(file).toLowerCase();
  if (format !== ".json" && format !== ".csv") throw new ProposalFileRefused(name, ["the file name must end in .json or .csv."]);
  let bytes: Buffer;
  try {
    if (fs.statSync(file).size > MAX_BYTES) throw new ProposalFileRefused(name, [`the file is larger than ${MAX_BYTES} bytes: it cannot be a file of 16 proposals.`]);
    bytes = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof ProposalFileRefused) throw error;
    throw new ProposalFileRefused(name, [`cannot read the file (${(error as NodeJS.ErrnoException).code ?? "error"}).`]);
  }
  const decoder = new DetectingDecoder();
  const text = (decoder.write(bytes) + decoder.end()).replace(/^\uFEFF/, "");
  return format === ".json" ? parseProposalJson(name, text) : parseProposalCsv(name, text);
}

/** `[{"number": 1, "stake": 1, "title": "...", "summary": "..."}, ...]` */
export function parseProposalJson(name: string, text: string): ProposalFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ProposalFileRefused(name, [`not valid JSON (${(error as Error).message}).`]);
  }
  if (!Array.isArray(parsed)) throw new ProposalFileRefused(name, ["the file must hold a JSON array of proposals ([{\"number\": 1, \"stake\": 1, \"title\": \"...\"}, ...])."]);
  const problems: string[] = [];
  const rows: ProposalFileRow[] = [];
  parsed.forEach((item, i) => {
    const at = `item ${i + 1}`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      problems.push(`${at}: must be an object with number, stake, title and optionally summary.`);
      return;
    }
    for (const key of Object.keys(item)) {
      if (!(PROPOSAL_FILE_COLUMNS as readonly string[]).includes(key)) problems.push(`${at}: unknown field "${key}" (expected ${PROPOSAL_FILE_COLUMNS.join(", ")}).`);
    }
    const values = item as Record<string, unknown>;
    rows.push({ at, number: values.number, stake: values.stake, title: values.title, summary: values.summary });
  });
  return { name, rows, problems };
}

/** A header line `number,stake,title,summary` (or with `;`), then one line per proposal. */
export function parseProposalCsv(name: string, text: string): ProposalFile {
  const records = csvRecords(text);
  const header = records.find((r) => !isBlank(r.fields));
  if (!header) throw new ProposalFileRefused(name, ["the file is empty: it needs a header line (number,stake,title,summary) and a line per proposal."]);
  const problems: string[] = [];
  const columns = header.fields.map((f) => f.trim().toLowerCase());
  columns.forEach((column, i) => {
    if (!(PROPOSAL_FILE_COLUMNS as readonly string[]).includes(column)) {
      problems.push(`line ${header.line}: unknown column "${header.fields[i].trim()}" (expected ${PROPOSAL_FILE_COLUMNS.join(", ")}).`);
    } else if (columns.indexOf(column) !== i) problems.push(`line ${header.line}: column "${column}" is given twice.`);
  });
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.includes(c));
  if (missing.length) problems.push(`line ${header.line}: missing column${missing.length > 1 ? "s" : ""} ${missing.map((c) => `"${c}"`).join(", ")}.`);
  if (problems.length) return { name, rows: [], problems };
  const rows: ProposalFileRow[] = [];
  for (const record of records.slice(records.indexOf(header) + 1)) {
    const at = `line ${record.line}`;
    if (record.problem) {
      problems.push(`${at}: ${record.problem}`);
      continue;
    }
    if (isBlank(record.fields)) continue;
    if (record.fields.length > columns.length) {
      problems.push(`${at}: ${record.fields.length} fields for ${columns.length} columns (put a field holding "${header.delimiter}" in double quotes).`);
      continue;
    }
    const cell = (column: ProposalFileColumn): unknown => {
      const value = record.fields[columns.indexOf(column)]?.trim();
      if (value === undefined || value === "") return null;
      return column === "number" || column === "stake" ? (/^[0-9]{1,6}$/.test(value) ? Number(value) : value) : value;
    };
    rows.push({ at, number: cell("number"), stake: cell("stake"), title: cell("title"), summary: cell("summary") });
  }
  return { name, rows, problems };
}

const isBlank = (fields: string[]) => fields.every((f) => f.trim() === "");

interface CsvRecord {
  fields: string[];
  /** Physical line (1-based) where the record starts. */
  line: number;
  delimiter: string;
  problem?: string;
}

/**
 * RFC 4180 records, the delimiter being the one of the header line (`;` when it has one, `,` otherwise);
 * line breaks LF or CRLF, also inside quoted fields (where they are kept as LF).
 */
function csvRecords(text: string): CsvRecord[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = firstLine.includes(";") ? ";" : ",";
  const records: CsvRecord[] = [];
  let line = 1;
  let i = 0;
  while (i < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let problem: string | undefined;
    let quoted = false;
    for (;;) {
      if (i >= text.length) break;
      const c = text[i];
      if (quoted) {
        if (c === '"' && text[i + 1] === '"') { field += '"'; i += 2; continue; }
        if (c === '"') { quoted = false; i++; continue; }
        if (c === "\r" && text[i + 1] === "\n") { i++; continue; }
        if (c === "\n") line++;
        field += c;
        i++;
        continue;
      }
      if (c === '"' && field.trim() === "") { quoted = true; field = ""; i++; continue; }
      if (c === delimiter) { fields.push(field); field = ""; i++; continue; }
      if (c === "\r" && text[i + 1] === "\n") { i++; continue; }
      if (c === "\n") { i++; line++; break; }
      field += c;
      i++;
    }
    if (quoted) problem = "a quoted field is not closed (a double quote is missing).";
    fields.push(field);
    records.push({ fields, line: start, delimiter, problem });
  }
  return records;
}
