/**
 * A tiny seeded pseudo-random generator (mulberry32) and the draws the demo dataset needs:
 * the same seed always gives the same sequence, on every platform (32-bit integer arithmetic only).
 */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** An independent generator derived from this seed and a label, so adding draws in one part of the dataset does not shift the others. */
  static derive(seed: number, label: string): Random {
    let h = (seed ^ 0x9e3779b9) >>> 0;
    for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193) >>> 0;
    return new Random(h);
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("Random.pick on an empty array");
    return items[Math.floor(this.next() * items.length)];
  }

  /** One element, chosen with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weight: (item: T) => number): T {
    const total = items.reduce((sum, item) => sum + weight(item), 0);
    if (!(total > 0)) throw new Error("Random.weighted needs a positive total weight");
    let r = this.next() * total;
    for (const item of items) {
      r -= weight(item);
      if (r < 0) return item;
    }
    return items[items.length - 1];
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const copy = items.slice();
    for (let i = copy.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [copy[i], copy[j]] = [copy[j], copy[i]];
    }
    return copy;
  }

  /** Up to n distinct elements, in random order. */
  sample<T>(items: readonly T[], n: number): T[] {
    return this.shuffle(items).slice(0, Math.max(0, n));
  }

  /**
   * Exactly n distinct elements drawn without replacement, each with probability growing with
   * its weight (Efraimidis-Spirakis); elements of weight 0 come last.
   */
  weightedSample<T>(items: readonly T[], n: number, weight: (item: T) => number): T[] {
    const keyed = items.map((item, index) => {
      const w = weight(item);
      const u = this.next();
      return { item, index, key: w > 0 ? Math.pow(u, 1 / w) : -1 - u };
    });
    keyed.sort((a, b) => b.key - a.key || a.index - b.index);
    return keyed.slice(0, n).map((k) => k.item);
  }

  /** A float in [min, max). */
  float(min: number, max: number): number {
    return min + this.next() * (max - min);
  }
}

/** Rounds to a number of decimals (coordinates, amounts), so values are stable in text form. */
export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
