// Seeded randomness for the sample generator: the shared generator (src/metrics/random.ts) and the
// draws the generators need. Each part of the world draws from its own named stream (`fork`), so adding
// a draw in one generator does not reshuffle every other file.
import { Random } from '../metrics/random.ts';

export class Rng extends Random {
  /** A new, independent stream named `label` under this one. */
  fork(label: string): Rng {
    return new Rng(this.seed, this.label ? `${this.label}/${label}` : label);
  }

  /** Uniform integer in [lo, hi], both inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }

  float(lo: number, hi: number): number {
    return lo + this.next() * (hi - lo);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Picks by weight: `[[value, weight], …]`. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [v, w] of entries) {
      r -= w;
      if (r < 0) return v;
    }
    return entries[entries.length - 1]![0];
  }

  /** Triangular distribution: most values near `mode`, none outside [lo, hi]. */
  triangular(lo: number, mode: number, hi: number): number {
    const u = this.next();
    const split = (mode - lo) / (hi - lo || 1);
    return u < split ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
  }

  /** Roughly normal (Irwin–Hall of four uniforms), bounded to mean ± 3.5 sd. */
  normal(mean: number, sd: number): number {
    const s = this.next() + this.next() + this.next() + this.next();
    return mean + (s - 2) * sd * Math.sqrt(3);
  }

  /** A count with the given mean: whole part plus a Bernoulli draw for the fraction. */
  count(mean: number): number {
    const whole = Math.floor(mean);
    return whole + (this.chance(mean - whole) ? 1 : 0);
  }

  /** A count scattered around `mean` (±spread, never negative). */
  around(mean: number, spread = 0.3): number {
    return Math.max(0, this.count(mean * (1 + this.float(-spread, spread))));
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }

  /** `n` distinct items (all of them when `n` ≥ the list's length), in list order. */
  sample<T>(items: readonly T[], n: number): T[] {
    if (n >= items.length) return [...items];
    const chosen = new Set(this.shuffle(items.map((_, i) => i)).slice(0, n));
    return items.filter((_, i) => chosen.has(i));
  }

  /** A lower-case hex string of `length` characters (ids that look like a tool's). */
  hex(length: number): string {
    let s = '';
    while (s.length < length) s += this.uint32().toString(16).padStart(8, '0');
    return s.slice(0, length);
  }
}
