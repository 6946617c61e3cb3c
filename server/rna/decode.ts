import { StringDecoder } from "node:string_decoder";
import iconv from "iconv-lite";

/** Encodings of the RNA files: UTF-8 in recent editions, Windows-1252 in older ones. */
export type RnaEncoding = "utf-8" | "windows-1252";

interface ChunkDecoder {
  write(chunk: Buffer): string;
  end(): string;
}

/** Index of the first byte above 0x7F, or -1 when the chunk is plain ASCII (identical in both encodings). */
function firstNonAscii(chunk: Buffer): number {
  for (let i = 0; i < chunk.length; i++) if (chunk[i] > 0x7f) return i;
  return -1;
}

/** Whether bytes (starting on a character boundary) are valid UTF-8; an incomplete sequence at the very end is allowed unless the file ends there. */
function isUtf8(bytes: Buffer, atEnd: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: !atEnd });
    return true;
  } catch {
    return false;
  }
}

/** Bytes after the first non-ASCII one that decide the encoding (unless the file ends first). */
const SAMPLE = 1024;

/**
 * Decodes a file's bytes, detecting its encoding at the first byte that is not ASCII: strict UTF-8 if the
 * bytes from there (a sample of SAMPLE bytes, or up to the end of the file) decode as UTF-8 (French text
 * in Windows-1252 never does: "é" is one byte there, an invalid UTF-8 sequence), Windows-1252 otherwise.
 * A UTF-8 byte-order mark decides at once. Everything before the first non-ASCII byte reads the same in
 * both. In a UTF-8 file a later invalid byte becomes U+FFFD, which the row checks report.
 */
export class DetectingDecoder {
  encoding: RnaEncoding | null = null;
  private decoder: ChunkDecoder | null = null;
  /** Bytes from the first non-ASCII one, held until they decide. */
  private pending: Buffer[] = [];
  private pendingLength = 0;

  write(chunk: Buffer): string {
    if (this.decoder) return this.decoder.write(chunk);
    if (this.pendingLength === 0) {
      if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
        this.choose("utf-8");
        return this.decoder!.write(chunk);
      }
      const at = firstNonAscii(chunk);
      if (at < 0) return chunk.toString("latin1");
      this.hold(chunk.subarray(at));
      return chunk.subarray(0, at).toString("latin1") + this.decideWhenSampled(false);
    }
    this.hold(chunk);
    return this.decideWhenSampled(false);
  }

  end(): string {
    const rest = this.decideWhenSampled(true);
    return this.decoder ? rest + this.decoder.end() : rest;
  }

  private hold(bytes: Buffer): void {
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
  }

  private decideWhenSampled(atEnd: boolean): string {
    if (this.decoder || this.pendingLength === 0 || (!atEnd && this.pendingLength < SAMPLE)) return "";
    const sample = Buffer.concat(this.pending);
    this.pending = [];
    this.pendingLength = 0;
    this.choose(isUtf8(sample, atEnd) ? "utf-8" : "windows-1252");
    return this.decoder!.write(sample);
  }

  private choose(encoding: RnaEncoding): void {
    this.encoding = encoding;
    if (encoding === "utf-8") {
      const utf8 = new StringDecoder("utf8");
      this.decoder = { write: (chunk) => utf8.write(chunk), end: () => utf8.end() };
    } else {
      const win = iconv.getDecoder("windows-1252");
      this.decoder = { write: (chunk) => win.write(chunk), end: () => win.end() ?? "" };
    }
  }
}
