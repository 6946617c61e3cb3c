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

/** Whether bytes (starting on a character boundary) are valid UTF-8; an incomplete sequence at the very end is allowed. */
function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Decodes a file's bytes, detecting its encoding at the first byte that is not ASCII: strict UTF-8 if the
 * chunk holding it decodes as UTF-8 (French text in Windows-1252 never does: "é" is one byte there, an
 * invalid UTF-8 sequence), Windows-1252 otherwise. A UTF-8 byte-order mark decides at once. Everything
 * before the first non-ASCII byte reads the same in both. In a UTF-8 file a later invalid byte becomes
 * U+FFFD, which the row checks report.
 */
export class DetectingDecoder {
  encoding: RnaEncoding | null = null;
  private decoder: ChunkDecoder | null = null;

  write(chunk: Buffer): string {
    if (!this.decoder) {
      const at = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf ? 0 : firstNonAscii(chunk);
      if (at < 0) return chunk.toString("latin1");
      this.choose(isUtf8(chunk.subarray(at)) ? "utf-8" : "windows-1252");
    }
    return this.decoder!.write(chunk);
  }

  end(): string {
    return this.decoder ? this.decoder.end() : "";
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
