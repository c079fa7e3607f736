/**
 * The committed writes of every 32-bit word under arm64-lite, each with its timestamp: its
 * position in the single global commit order (0 = the initial value). This is the memory of
 * a view-based model (Pulte et al., "Promising-ARM/RISC-V", PLDI 2019): a load may read any
 * write of its word that is not older than the bound the reading cpu's views impose.
 * Writes below every cpu's bound can never be read again and are dropped.
 */
export class CommitHistory {
  /** Per word: timestamps and whole-word values, oldest first, from `base` on. */
  private readonly ts: number[][] = [];
  private readonly vals: number[][] = [];
  private readonly base: number[] = [];
  /** Readable length of a word's history at which pruning is tried next. */
  private readonly pruneAt: number[] = [];
  /** Timestamp of the newest commit (0 before any). */
  clock = 0;

  constructor(initial: Uint32Array) {
    for (let a = 0; a < initial.length; a++) {
      this.ts.push([0]);
      this.vals.push([initial[a]]);
      this.base.push(0);
      this.pruneAt.push(8);
    }
  }

  /** Append a write of the whole word `addr`; returns its timestamp. */
  append(addr: number, word: number): number {
    const t = ++this.clock;
    this.ts[addr].push(t);
    this.vals[addr].push(word);
    return t;
  }

  /** Index of the newest write of `addr` with timestamp <= `bound` (never below the pruned base). */
  indexAtOrBefore(addr: number, bound: number): number {
    const ts = this.ts[addr];
    const lo = this.base[addr];
    let i = ts.length - 1;
    while (i > lo && ts[i] > bound) i--;
    return i;
  }

  /** One past the newest index of `addr`. */
  end(addr: number): number {
    return this.ts[addr].length;
  }

  tsAt(addr: number, i: number): number {
    return this.ts[addr][i];
  }

  valueAt(addr: number, i: number): number {
    return this.vals[addr][i];
  }

  /** Timestamp of the newest write of `addr`. */
  newestTs(addr: number): number {
    const ts = this.ts[addr];
    return ts[ts.length - 1];
  }

  /** True when the readable part of `addr`'s history is long enough to try pruning. */
  wantsPrune(addr: number): boolean {
    return this.ts[addr].length - this.base[addr] > this.pruneAt[addr];
  }

  /** Drop the writes of `addr` below index `keepFrom` (the lowest index any cpu can still read). */
  prune(addr: number, keepFrom: number): void {
    const ts = this.ts[addr];
    const vals = this.vals[addr];
    if (keepFrom > this.base[addr]) this.base[addr] = keepFrom;
    // compact once the dead prefix outgrows the live part (indexes shift: callers re-derive them)
    const b = this.base[addr];
    if (b > 64 && b > ts.length - b) {
      ts.splice(0, b);
      vals.splice(0, b);
      this.base[addr] = 0;
    }
    this.pruneAt[addr] = Math.max(8, 2 * (ts.length - this.base[addr]));
  }
}
