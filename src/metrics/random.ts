// Seeded randomness shared by the sample generator and the forecasts. Only integer arithmetic and exact
// floating-point operations (no Math.random, no transcendental functions whose last bits could differ),
// so the same seed gives the same draws on every machine. A generator is named by a seed and a label:
// each label is its own stream, so adding a draw to one stream does not reshuffle any other.

/** 32-bit FNV-1a of a string: turns a seed and a stream name into generator state. */
function hash32(text: string, basis: number): number {
  let h = basis >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export class Random {
  #a: number;
  #b: number;
  #c: number;
  #d: number;
  readonly seed: number;
  readonly label: string;

  constructor(seed: number, label = '') {
    this.seed = seed;
    this.label = label;
    const key = `${seed}/${label}`;
    // Held as signed 32-bit integers (the same bits): V8 then keeps the fields unboxed, which makes
    // a draw several times faster than with values above 2^31.
    this.#a = hash32(key, 0x811c9dc5) | 0;
    this.#b = hash32(key, 0x9e3779b9) | 0;
    this.#c = hash32(key, 0x85ebca6b) | 0;
    this.#d = hash32(key, 0xc2b2ae35) | 1;
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** sfc32: small, fast, and passes the usual statistical batteries. */
  uint32(): number {
    const a = this.#a, b = this.#b, c = this.#c, d = this.#d;
    const t = (((a + b) | 0) + d) | 0;
    this.#d = (d + 1) | 0;
    this.#a = b ^ (b >>> 9);
    this.#b = (c + (c << 3)) | 0;
    this.#c = (((c << 21) | (c >>> 11)) + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [0, n): exact, since `next() × n` needs no rounding for n < 2^21. */
  below(n: number): number {
    return Math.floor(this.next() * n);
  }
}
