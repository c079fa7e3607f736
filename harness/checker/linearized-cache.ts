/**
 * Lowe's cache for the Wing & Gong search: the set of (linearized-operations bitset, state)
 * pairs already explored. Open addressing over typed arrays with linear probing; a slot
 * holds the combined hash next to the entry index (one cache line per probe), each entry
 * its bitset words in one pool and its interned state id. No per-entry objects.
 */
export class LinearizedCache {
  /** Slot i: table[2i] = hash, table[2i + 1] = entry index + 1 (0 = empty). */
  private table: Int32Array;
  private mask: number;
  private stateIds: Int32Array;
  private bits: Uint32Array;
  private count = 0;
  private capacity: number;

  constructor(private readonly words: number, initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.table = new Int32Array(initialCapacity * 4);
    this.mask = initialCapacity * 2 - 1;
    this.stateIds = new Int32Array(initialCapacity);
    this.bits = new Uint32Array(initialCapacity * words);
  }

  /** Entries stored. */
  get size(): number {
    return this.count;
  }

  /**
   * Insert (bits, stateId) whose combined hash is `hash`; true when it was new (the search
   * should go on from there), false when that configuration was already explored.
   */
  add(bits: Uint32Array, hash: number, stateId: number): boolean {
    if (this.count === this.capacity) this.grow();
    const words = this.words, table = this.table, mask = this.mask;
    let i = hash & mask;
    for (;;) {
      const s = table[2 * i + 1]!;
      if (s === 0) break;
      if (table[2 * i] === hash) {
        const e = s - 1;
        if (this.stateIds[e] === stateId) {
          const base = e * words;
          let w = 0;
          while (w < words && this.bits[base + w] === bits[w]) w++;
          if (w === words) return false;
        }
      }
      i = (i + 1) & mask;
    }
    const e = this.count++;
    this.stateIds[e] = stateId;
    this.bits.set(bits, e * words);
    table[2 * i] = hash;
    table[2 * i + 1] = e + 1;
    return true;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const stateIds = new Int32Array(cap);
    stateIds.set(this.stateIds);
    const bits = new Uint32Array(cap * this.words);
    bits.set(this.bits);
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
    this.bits = bits;
    this.table = table;
    this.mask = mask;
  }
}
