/** A small seeded PRNG (mulberry32): the same seed gives the same county, run after run. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Picks by weight: `[[value, weight], ...]`. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) if ((r -= w) < 0) return v;
    return items[items.length - 1][0];
  }

  /** A date uniformly between `from` and `to`, at a working hour. */
  date(from: Date, to: Date): Date {
    const d = new Date(from.getTime() + this.next() * (to.getTime() - from.getTime()));
    d.setUTCHours(this.int(0, 9), this.int(0, 59), 0, 0); // 08:00–17:59 Beijing time
    return d;
  }
}

/** A deterministic id in ObjectId shape: creation second then a sequence, so ids sort by time. */
export function seedId(at: Date, seq: number): string {
  return Math.floor(at.getTime() / 1000).toString(16).padStart(8, '0') + seq.toString(16).padStart(16, '0');
}

export const DAY = 86_400_000;

export function addDays(d: Date, days: number): Date {
  return new Date(d.getTime() + days * DAY);
}

/** The earlier of two dates: generated dates never pass the data set's "today". */
export function notAfter(d: Date, limit: Date): Date {
  return d > limit ? limit : d;
}
