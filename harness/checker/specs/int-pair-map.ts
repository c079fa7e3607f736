import { mix32 } from '../hash-mix';

/**
 * Map from a pair of non-negative int32 keys to an int32 value, open addressing over one
 * Int32Array (key a, key b, value per slot). Used for memo tables in hot loops, where a
 * JS Map would box composite keys into heap numbers.
 */
export class IntPairMap {
  private table: Int32Array;
  private mask: number;
  private count = 0;

  constructor(initialSlots = 1024) {
    this.table = new Int32Array(initialSlots * 3).fill(-1);
    this.mask = initialSlots - 1;
  }

  /** Bytes of the table. */
  get bytes(): number {
    return this.table.byteLength;
  }

  /** Value for (a, b), or -1 when absent. */
  get(a: number, b: number): number {
    const t = this.table, mask = this.mask;
    let i = mix32(Math.imul(a, 0x9e3779b1) ^ b) & mask;
    for (;;) {
      const k = 3 * i;
      const ka = t[k]!;
      if (ka === -1) return -1;
      if (ka === a && t[k + 1] === b) return t[k + 2]!;
      i = (i + 1) & mask;
    }
  }

  /** Set (a, b) -> value (value >= 0). */
  set(a: number, b: number, value: number): void {
    if (2 * (this.count + 1) > this.mask + 1) this.grow();
    const t = this.table, mask = this.mask;
    let i = mix32(Math.imul(a, 0x9e3779b1) ^ b) & mask;
    for (;;) {
      const k = 3 * i;
      if (t[k] === -1) { t[k] = a; t[k + 1] = b; t[k + 2] = value; this.count++; return; }
      if (t[k] === a && t[k + 1] === b) { t[k + 2] = value; return; }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2).fill(-1);
    this.mask = (this.mask + 1) * 2 - 1;
    this.count = 0;
    for (let k = 0; k < old.length; k += 3) if (old[k] !== -1) this.set(old[k]!, old[k + 1]!, old[k + 2]!);
  }
}
