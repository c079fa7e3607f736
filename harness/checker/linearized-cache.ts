import type { LinearizedSet } from './linearized-set';

/**
 * Lowe's cache for the Wing & Gong search: the set of (linearized set, state) pairs already
 * explored. Open addressing over typed arrays with linear probing; a slot holds the
 * combined hash next to the entry index (one cache line per probe). Each entry is its
 * interned state id and the set's variable-length key (see LinearizedSet) in one word pool.
 * No per-entry objects; `bytes` is exact, so the search can stop before it outgrows its
 * memory budget instead of dying in a heap-limit crash (issue 10).
 */
export class LinearizedCache {
  /** Slot i: table[2i] = hash, table[2i + 1] = entry index + 1 (0 = empty). */
  private table: Int32Array;
  private mask: number;
  private stateIds: Int32Array;
  private offsets: Int32Array;
  private pool: Uint32Array;
  private used = 0;
  private count = 0;
  private capacity: number;

  constructor(initialCapacity = 1024, initialPoolWords = initialCapacity * 4) {
    this.capacity = initialCapacity;
    this.table = new Int32Array(initialCapacity * 4);
    this.mask = initialCapacity * 2 - 1;
    this.stateIds = new Int32Array(initialCapacity);
    this.offsets = new Int32Array(initialCapacity);
    this.pool = new Uint32Array(Math.max(16, initialPoolWords));
  }

  /** Entries stored. */
  get size(): number {
    return this.count;
  }

  /** Bytes allocated by the cache. */
  get bytes(): number {
    return this.table.byteLength + this.stateIds.byteLength + this.offsets.byteLength + this.pool.byteLength;
  }

  /** Bytes the next insertion of a key of `keyWords` words would allocate (0 when it fits). */
  growthFor(keyWords: number): number {
    let extra = 0;
    if (this.count === this.capacity) extra += this.table.byteLength + this.stateIds.byteLength + this.offsets.byteLength;
    if (this.used + keyWords > this.pool.length) extra += Math.max(this.pool.length, keyWords) * 4;
    return extra;
  }

  /**
   * Insert (set, stateId) whose combined hash is `hash`; true when it was new (the search
   * should go on from there), false when that configuration was already explored.
   */
  add(set: LinearizedSet, hash: number, stateId: number): boolean {
    const table = this.table, mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const s = table[2 * i + 1]!;
      if (s === 0) break;
      if (table[2 * i] === hash) {
        const e = s - 1;
        if (this.stateIds[e] === stateId && set.matches(this.pool, this.offsets[e]!)) return false;
      }
      i = (i + 1) & mask;
    }
    const len = set.keyLength;
    if (this.used + len > this.pool.length) {
      const pool = new Uint32Array(Math.max(this.pool.length * 2, this.used + len));
      pool.set(this.pool.subarray(0, this.used));
      this.pool = pool;
    }
    if (this.count === this.capacity) {
      this.grow();
      i = hash & this.mask;
      while (this.table[2 * i + 1] !== 0) i = (i + 1) & this.mask;
    }
    const e = this.count++;
    this.stateIds[e] = stateId;
    this.offsets[e] = this.used;
    set.writeKey(this.pool, this.used);
    this.used += len;
    this.table[2 * i] = hash;
    this.table[2 * i + 1] = e + 1;
    return true;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const stateIds = new Int32Array(cap);
    stateIds.set(this.stateIds);
    const offsets = new Int32Array(cap);
    offsets.set(this.offsets);
    const table = new Int32Array(cap * 4);
    const mask = cap * 2 - 1;
    const old = this.table;
    for (let j = 0; j < old.length; j += 2) {
      if (old[j + 1] === 0) continue;
      const h = old[j]!;
      let i = h & mask;
      while (table[2 * i + 1] !== 0) i = (i + 1) & mask;
      table[2 * i] = h;
      table[2 * i + 1] = old[j + 1]!;
    }
    this.capacity = cap;
    this.stateIds = stateIds;
    this.offsets = offsets;
    this.table = table;
    this.mask = mask;
  }
}
