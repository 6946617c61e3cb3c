import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import yauzl from "yauzl";

/** One CSV to read: a plain file, or an entry of a zip archive as published on data.gouv.fr. */
export interface RnaEntry {
  /** Name kept as provenance: the file's name, or "archive.zip/entry.csv". */
  name: string;
  /** Size in bytes (uncompressed), for progress. */
  size: number;
  open(): Promise<Readable>;
}

/** An input file given to the import, opened: its CSV entries (one for a plain file). */
export interface RnaInput {
  path: string;
  entries: RnaEntry[];
  totalBytes: number;
  close(): void;
}

/** Thrown when an input cannot be read at all (missing, unreadable, a zip without CSV): nothing of it is imported. */
export class UnreadableInputError extends Error {}

/**
 * Bytes read at a time: their text (UTF-16 once decoded) stays under V8's large-object size, so chunks
 * already parsed are reclaimed by the young-generation collector, not left to pile up until a full
 * collection (256 KB chunks took the import of a 1 GB file past 400 MB of memory).
 */
const CHUNK_BYTES = 32 * 1024;

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const EMPTY_ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x05, 0x06]);

/** Opens an input: a zip archive is recognised by its signature, whatever its name; its .csv and .txt entries are read in name order. */
export async function openInput(file: string): Promise<RnaInput> {
  let head: Buffer;
  let size: number;
  try {
    const fd = fs.openSync(file, "r");
    try {
      size = fs.fstatSync(fd).size;
      head = Buffer.alloc(4);
      fs.readSync(fd, head, 0, 4, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    throw new UnreadableInputError(`${file}: cannot be read (${(error as Error).message})`);
  }
  const base = path.basename(file);
  if (!head.equals(ZIP_MAGIC) && !head.equals(EMPTY_ZIP_MAGIC)) {
    return {
      path: file,
      entries: [{ name: base, size, open: async () => fs.createReadStream(file, { highWaterMark: CHUNK_BYTES }) }],
      totalBytes: size,
      close: () => {},
    };
  }
  return openZip(file, base);
}

async function openZip(file: string, base: string): Promise<RnaInput> {
  let zip: yauzl.ZipFile;
  try {
    zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
      yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, opened) => (error ? reject(error) : resolve(opened!))),
    );
  } catch (error) {
    throw new UnreadableInputError(`${file}: not a readable zip archive (${(error as Error).message})`);
  }
  const entries = await new Promise<yauzl.Entry[]>((resolve, reject) => {
    const found: yauzl.Entry[] = [];
    zip.on("entry", (entry: yauzl.Entry) => {
      const name = entry.fileName;
      const hidden = name.split("/").some((part) => part.startsWith(".") || part === "__MACOSX");
      if (!name.endsWith("/") && !hidden && /\.(csv|txt)$/i.test(name)) found.push(entry);
      zip.readEntry();
    });
    zip.on("end", () => resolve(found));
    zip.on("error", reject);
    zip.readEntry();
  }).catch((error: Error) => {
    zip.close();
    throw new UnreadableInputError(`${file}: damaged zip archive (${error.message})`);
  });
  if (entries.length === 0) {
    zip.close();
    throw new UnreadableInputError(`${file}: the zip archive holds no .csv or .txt file`);
  }
  entries.sort((a, b) => (a.fileName < b.fileName ? -1 : a.fileName > b.fileName ? 1 : 0));
  return {
    path: file,
    entries: entries.map((entry) => ({
      name: `${base}/${entry.fileName}`,
      size: entry.uncompressedSize,
      open: () =>
        new Promise<Readable>((resolve, reject) =>
          zip.openReadStream(entry, (error, stream) => (error ? reject(new UnreadableInputError(`${file}/${entry.fileName}: ${error.message}`)) : resolve(stream!))),
        ),
    })),
    totalBytes: entries.reduce((sum, e) => sum + e.uncompressedSize, 0),
    close: () => zip.close(),
  };
}
