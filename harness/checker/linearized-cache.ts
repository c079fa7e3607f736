/**
 * Lowe's cache for the Wing & Gong search: the set of (linearized-operations bitset, state)
 * pairs already explored. Open addressing over typed arrays: each entry stores its bitset
 * words in one pool, the interned state id and the combined hash; no per-entry objects.
 */
export class LinearizedCache {
  private slots: Int32Array;
  private mask: number;
  private hashes: Int32Array;
  private stateIds: Int32Array;
  private bits: Uint32Array;
  private count = 0;
  private capacity: number;

  constructor(private readonly words: number, initialCapacity = 1024) {
    this.capacity = initialCapacity;
    this.slots = new Int32Array(initialCapacity * 2);
    this.mask = initialCapacity * 2 - 1;
    this.hashes = new Int32Array(initialCapacity);
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
    const words = this.words;
    let i = hash & this.mask;
    for (;;) {
      const s = this.slots[i]!;
      if (s === 0) break;
      const e = s - 1;
      if (this.hashes[e] === hash && this.stateIds[e] === stateId) {
        const base = e * words;
        let same = true;
        for (let w = 0; w < words; w++) {
          if (this.bits[base + w] !== bits[w]) { same = false; break; }
        }
        if (same) return false;
      }
      i = (i + 1) & this.mask;
    }
    if (this.count === this.capacity) {
      this.grow();
      return this.add(bits, hash, stateId);
    }
    const e = this.count++;
    this.hashes[e] = hash;
    this.stateIds[e] = stateId;
    this.bits.set(bits, e * words);
    this.slots[i] = e + 1;
    return true;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    const hashes = new Int32Array(cap);
    hashes.set(this.hashes);
    const stateIds = new Int32Array(cap);
    stateIds.set(this.stateIds);
    const bits = new Uint32Array(cap * this.words);
    bits.set(this.bits);
    const slots = new Int32Array(cap * 2);
    const mask = cap * 2 - 1;
    for (let e = 0; e < this.count; e++) {
      let i = hashes[e]! & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e + 1;
    }
    this.capacity = cap;
    this.hashes = hashes;
    this.stateIds = stateIds;
    this.bits = bits;
    this.slots = slots;
    this.mask = mask;
  }
}
