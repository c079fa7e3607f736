/** Up to this many words, the key is the whole bitset. */
const SMALL_WORDS = 4;

/**
 * The set of linearized operations of a Wing & Gong search, as a bitset whose cache key is
 * only the part that varies: its "window". Operations with a known return get bits in call
 * order (region A), those with an unknown outcome get bits after them (region B, also in
 * call order). The search only linearizes calls that precede the first pending return, so
 * in region A every word below the window is all ones and every word above it is zero: the
 * window spans the operations concurrent with the search frontier, a few words on a
 * sequential or lightly overlapping history however long it is. Storing whole bitsets made
 * the cache quadratic in the history length (issue 10: 24.6 s and 1.5 GB for 10 MB).
 * Small sets (up to SMALL_WORDS words) use the whole bitset as the key.
 * Unknown-outcome operations may stay out forever, which would pin region A's window to
 * the first one; hence their own region with its own window.
 *
 * The key has two parts: the known ops (`[loA, lenA, words...]`, compared for equality)
 * and the unknown-outcome ops (`[loB, lenB, words...]`, compared by inclusion, see
 * LinearizedCache). Small sets store their words without the window header.
 */
export class LinearizedSet {
  /** Live bits (both regions; region B starts at word `baseB`). */
  readonly words: Uint32Array;
  private readonly full: Uint32Array;
  private readonly bit: Int32Array;
  private readonly baseB: number;
  private readonly hasB: boolean;
  private loA = 0;
  private hiA = 0;
  private loB: number;
  private hiB: number;
  /** Small sets (a few words) use the whole bitset as the key: cheaper than tracking windows. */
  private readonly windowed: boolean;

  /**
   * @param calls call time of each operation (local index)
   * @param hasRet 1 when the operation has a known return
   */
  constructor(calls: ArrayLike<number>, hasRet: Uint8Array) {
    const n = hasRet.length;
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < n; i++) (hasRet[i] ? known : unknown).push(i);
    const byCall = (a: number, b: number): number => calls[a]! - calls[b]! || a - b;
    known.sort(byCall);
    unknown.sort(byCall);
    this.bit = new Int32Array(n);
    known.forEach((op, k) => { this.bit[op] = k; });
    this.baseB = (known.length + 31) >>> 5;
    unknown.forEach((op, k) => { this.bit[op] = this.baseB * 32 + k; });
    const total = this.baseB + ((unknown.length + 31) >>> 5);
    this.words = new Uint32Array(Math.max(1, total));
    this.full = new Uint32Array(Math.max(1, total));
    const fill = (from: number, count: number): void => {
      for (let k = 0; k < count; k++) this.full[from + (k >>> 5)]! |= 1 << (k & 31);
    };
    fill(0, known.length);
    fill(this.baseB, unknown.length);
    this.hasB = unknown.length > 0;
    this.loB = this.baseB;
    this.hiB = this.baseB;
    this.windowed = total > SMALL_WORDS;
    if (!this.windowed) { this.hiA = this.baseB; this.hiB = total; }
  }

  /** True when some operation has an unknown outcome (the key then has a second part). */
  get hasUnknown(): boolean {
    return this.hasB;
  }

  /** Words of the known-ops part of the key as it stands now. */
  get keyALength(): number {
    return this.windowed ? 2 + this.hiA - this.loA : this.baseB;
  }

  /** Words of the unknown-outcome part of the key as it stands now. */
  get keyBLength(): number {
    return this.windowed ? 2 + this.hiB - this.loB : this.words.length - this.baseB;
  }

  /** Bytes of the live structure (memory accounting). */
  get bytes(): number {
    return this.words.byteLength * 2 + this.bit.byteLength;
  }

  add(op: number): void {
    const b = this.bit[op]!, w = b >>> 5;
    const words = this.words, full = this.full;
    words[w]! |= 1 << (b & 31);
    if (!this.windowed) return;
    if (w < this.baseB) {
      if (w >= this.hiA) this.hiA = w + 1;
      while (this.loA < this.hiA && words[this.loA] === full[this.loA]) this.loA++;
    } else {
      if (w >= this.hiB) this.hiB = w + 1;
      while (this.loB < this.hiB && words[this.loB] === full[this.loB]) this.loB++;
    }
  }

  remove(op: number): void {
    const b = this.bit[op]!, w = b >>> 5;
    const words = this.words;
    words[w]! &= ~(1 << (b & 31));
    if (!this.windowed) return;
    if (w < this.baseB) {
      if (w < this.loA) this.loA = w;
      while (this.hiA > this.loA && words[this.hiA - 1] === 0) this.hiA--;
    } else {
      if (w < this.loB) this.loB = w;
      while (this.hiB > this.loB && words[this.hiB - 1] === 0) this.hiB--;
    }
  }

  /** Write the known-ops part of the key at `pool[at...]`. */
  writeKeyA(pool: Uint32Array, at: number): void {
    // loops, not pool.set(words.subarray(...)): a subarray is an object per insertion
    const words = this.words;
    if (!this.windowed) { for (let w = 0; w < this.baseB; w++) pool[at + w] = words[w]!; return; }
    pool[at] = this.loA;
    pool[at + 1] = this.hiA - this.loA;
    for (let w = this.loA, k = at + 2; w < this.hiA; w++, k++) pool[k] = words[w]!;
  }

  /** Write the unknown-outcome part of the key at `pool[at...]`. */
  writeKeyB(pool: Uint32Array, at: number): void {
    const words = this.words;
    if (!this.windowed) { for (let w = this.baseB, k = at; w < words.length; w++, k++) pool[k] = words[w]!; return; }
    pool[at] = this.loB;
    pool[at + 1] = this.hiB - this.loB;
    for (let w = this.loB, k = at + 2; w < this.hiB; w++, k++) pool[k] = words[w]!;
  }

  /** True when the known-ops part stored at `pool[at...]` equals this set's. */
  matchesA(pool: Uint32Array, at: number): boolean {
    const words = this.words;
    if (!this.windowed) {
      for (let w = 0; w < this.baseB; w++) if (pool[at + w] !== words[w]) return false;
      return true;
    }
    if (pool[at] !== this.loA || pool[at + 1] !== this.hiA - this.loA) return false;
    let k = at + 2;
    for (let w = this.loA; w < this.hiA; w++) if (pool[k++] !== words[w]) return false;
    return true;
  }

  /** True when the unknown-outcome ops stored at `pool[at...]` are a subset of this set's. */
  storedBSubset(pool: Uint32Array, at: number): boolean {
    const words = this.words;
    if (!this.windowed) {
      for (let w = this.baseB, k = at; w < words.length; w++, k++) if ((pool[k]! & ~words[w]!) !== 0) return false;
      return true;
    }
    // the stored words below its lo are full: this set must be full there too
    const lo = pool[at]!, len = pool[at + 1]!;
    if (lo > this.loB) return false;
    for (let w = lo, k = at + 2; w < lo + len; w++, k++) if ((pool[k]! & ~words[w]!) !== 0) return false;
    return true;
  }

  /** True when this set's unknown-outcome ops are a subset of those stored at `pool[at...]`. */
  liveBSubset(pool: Uint32Array, at: number): boolean {
    const words = this.words;
    if (!this.windowed) {
      for (let w = this.baseB, k = at; w < words.length; w++, k++) if ((words[w]! & ~pool[k]!) !== 0) return false;
      return true;
    }
    const lo = pool[at]!, len = pool[at + 1]!;
    if (this.loB > lo) return false;
    for (let w = this.loB; w < this.hiB; w++) {
      const stored = w < lo ? this.full[w]! : w < lo + len ? pool[at + 2 + w - lo]! : 0;
      if ((words[w]! & ~stored) !== 0) return false;
    }
    return true;
  }
}
