/**
 * The one seeded pseudo-random generator of lockstep (no Math.random anywhere in harness/).
 *
 * sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, PractRand-clean at 32 bits):
 * four 32-bit words of state, a handful of integer ops per draw, no allocation. The state is
 * filled from the seed by splitmix32 and warmed up, so nearby seeds give unrelated streams.
 * Seeds are any safe integers (the CLI's `--seed` may exceed 2^32): both halves are mixed in.
 */
export class Prng {
  private a = 0;
  private b = 0;
  private c = 0;
  private d = 0;

  constructor(seed: number) {
    this.reseed(seed);
  }

  /** Restart the stream from `seed` in place (strategies reseed per execution without allocating). */
  reseed(seed: number): void {
    const lo = toU32(seed);
    const hi = toU32(Math.floor(Math.abs(seed) / 4294967296)) ^ (seed < 0 ? 0x9e3779b9 : 0);
    let s = mix32(lo ^ mix32(hi + 0x7f4a7c15));
    s = (s + 0x9e3779b9) | 0; this.a = mix32(s);
    s = (s + 0x9e3779b9) | 0; this.b = mix32(s);
    s = (s + 0x9e3779b9) | 0; this.c = mix32(s);
    s = (s + 0x9e3779b9) | 0; this.d = mix32(s);
    for (let i = 0; i < 12; i++) this.nextU32();
  }

  /** Next uniform 32-bit unsigned integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform integer in [0, n) for 1 <= n <= 2^32, without modulo bias (rejection sampling). */
  nextInt(n: number): number {
    if (!(n >= 1) || n > 4294967296) throw new RangeError(`Prng.nextInt: bound ${n} out of range [1, 2^32]`);
    if (n === 1) return 0;
    const limit = 4294967296 - (4294967296 % n);
    for (;;) {
      const r = this.nextU32();
      if (r < limit) return r % n;
    }
  }

  /** Uniform float in [0, 1) with 32 bits of precision. */
  nextFloat(): number {
    return this.nextU32() / 4294967296;
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return p >= 1 || (p > 0 && this.nextFloat() < p);
  }

  /** Fisher-Yates shuffle of `xs[0..length)` in place. */
  shuffle(xs: { length: number; [i: number]: number }): void {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = this.nextInt(i + 1);
      const t = xs[i];
      xs[i] = xs[j];
      xs[j] = t;
    }
  }
}

/** A fresh generator for `seed`. */
export function createPrng(seed: number): Prng {
  return new Prng(seed);
}

/**
 * Derive an independent 32-bit seed from (seed, label, n): e.g. the seed of shard 3 of a
 * campaign (`deriveSeed(seed, 'shard', 3)`), of execution 17 of the PCT strategy, or of the
 * random-walk half of the portfolio. Pure and stable across versions: results are recorded
 * in corpus entries, so this function must never change.
 */
export function deriveSeed(seed: number, label: string, n: number): number {
  let h = mix32(toU32(seed) ^ 0x243f6a88);
  h = mix32(h ^ toU32(Math.floor(Math.abs(seed) / 4294967296)) ^ (seed < 0 ? 0x85a308d3 : 0));
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  h = mix32(h ^ label.length);
  h = mix32(h ^ toU32(n));
  h = mix32(h ^ toU32(Math.floor(Math.abs(n) / 4294967296)) ^ (n < 0 ? 0x13198a2e : 0));
  return h >>> 0;
}

/** `hash(seed, label, n)`: the seed-derivation helper under its short name (same function as deriveSeed). */
export const hash = deriveSeed;

/** murmur3's 32-bit finaliser: a bijective avalanche mix. */
function mix32(x: number): number {
  x |= 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function toU32(x: number): number {
  return Number.isFinite(x) ? (x % 4294967296) >>> 0 : 0;
}
