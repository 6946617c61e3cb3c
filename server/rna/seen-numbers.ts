/**
 * The RNA numbers already read in one input, with the line of their first row: how duplicates are
 * found without holding two million strings. An RNA number (W, a digit, a digit or letter, 7 digits)
 * packs into an unsigned 32-bit integer, kept in an open-addressing table of typed arrays: 8 bytes a
 * slot, about 32 MB for the two million associations of the national files.
 */
export class SeenRnaNumbers {
  private keys = new Uint32Array(1 << 16);
  private lines = new Uint32Array(1 << 16);
  private size = 0;

  /** The first line where this number was seen, or 0 after recording it at `line`. */
  firstLineOrAdd(rna: string, line: number): number {
    const key = packRna(rna);
    const mask = this.keys.length - 1;
    let slot = hash(key) & mask;
    while (this.keys[slot] !== 0) {
      if (this.keys[slot] === key) return this.lines[slot];
      slot = (slot + 1) & mask;
    }
    this.keys[slot] = key;
    this.lines[slot] = line;
    if (++this.size * 2 > this.keys.length) this.grow();
    return 0;
  }

  get count(): number {
    return this.size;
  }

  private grow(): void {
    const [keys, lines] = [this.keys, this.lines];
    this.keys = new Uint32Array(keys.length * 2);
    this.lines = new Uint32Array(keys.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < keys.length; i++) {
      if (keys[i] === 0) continue;
      let slot = hash(keys[i]) & mask;
      while (this.keys[slot] !== 0) slot = (slot + 1) & mask;
      this.keys[slot] = keys[i];
      this.lines[slot] = lines[i];
    }
  }
}

/** W + d + [0-9A-Z] + 7 digits as 1 + d * 36e7 + c * 1e7 + n (at most 3.6e9, never 0). Expects a valid RNA number. */
export function packRna(rna: string): number {
  const c = rna.charCodeAt(2);
  const letter = c >= 65 ? c - 55 : c - 48;
  return 1 + (rna.charCodeAt(1) - 48) * 360_000_000 + letter * 10_000_000 + Number(rna.slice(3));
}

function hash(key: number): number {
  const h = Math.imul(key, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}
