import type { Cell } from './cell';

/**
 * One cpu's store buffer under arm64-lite: stores in program order, any of which may commit
 * ahead of older ones unless something orders them (store-store reordering, ARMv8 B2.3):
 *  - an older store to the same 32-bit word (per-location coherence, CoWW);
 *  - `need`: every store with a sequence number below it must have committed first. A plain
 *    store after an smp_wmb gets need = the stores issued before that barrier
 *    ([W]; po; [dmb.st]; po; [W]); a release store gets need = its own number (po; [L]).
 * Entries are parallel arrays in program order, removed from the middle by shifting (buffers
 * hold a handful of stores); the committable ones are cached until the buffer changes.
 */
export class WeakStoreBuffer {
  private readonly cells: Cell[] = [];
  private readonly values: number[] = [];
  private readonly seqs: number[] = [];
  private readonly needs: number[] = [];
  private readonly releases: boolean[] = [];
  private len = 0;
  /** Stores issued so far (the next store's sequence number). */
  issued = 0;
  /** Committable entry indexes, oldest first; valid while !dirty. */
  private readonly ready: number[] = [];
  private readyLen = 0;
  private dirty = false;

  get size(): number {
    return this.len;
  }

  /** Stores committed in program order without a gap: all stores below this number are in memory. */
  committedPrefix(): number {
    return this.len === 0 ? this.issued : this.seqs[0];
  }

  push(cell: Cell, placed: number, need: number, release: boolean): void {
    const i = this.len++;
    this.cells[i] = cell;
    this.values[i] = placed;
    this.seqs[i] = this.issued++;
    this.needs[i] = need;
    this.releases[i] = release;
    this.dirty = true;
  }

  cellAt(i: number): Cell {
    return this.cells[i];
  }

  valueAt(i: number): number {
    return this.values[i];
  }

  isRelease(i: number): boolean {
    return this.releases[i];
  }

  /** Remove entry `i` (it was committed). */
  removeAt(i: number): void {
    const n = this.len - 1;
    for (let j = i; j < n; j++) {
      this.cells[j] = this.cells[j + 1];
      this.values[j] = this.values[j + 1];
      this.seqs[j] = this.seqs[j + 1];
      this.needs[j] = this.needs[j + 1];
      this.releases[j] = this.releases[j + 1];
    }
    this.len = n;
    this.dirty = true;
  }

  /** Number of entries that may commit now (slot 0 is always the oldest entry). */
  readyCount(): number {
    if (this.dirty) this.recompute();
    return this.readyLen;
  }

  /** Entry index of committable slot `slot` (oldest first). */
  readyIndex(slot: number): number {
    if (this.dirty) this.recompute();
    if (slot < 0 || slot >= this.readyLen) throw new RangeError(`arm64-lite: no committable store in slot ${slot} (${this.readyLen} committable)`);
    return this.ready[slot];
  }

  /** Index of the newest entry for word `addr`, or -1. */
  newestFor(addr: number): number {
    for (let i = this.len - 1; i >= 0; i--) if (this.cells[i].addr === addr) return i;
    return -1;
  }

  /** Index of the newest release store, or -1. */
  newestRelease(): number {
    for (let i = this.len - 1; i >= 0; i--) if (this.releases[i]) return i;
    return -1;
  }

  /** Index of the newest entry issued before sequence number `seq`, or -1. */
  newestBefore(seq: number): number {
    for (let i = this.len - 1; i >= 0; i--) if (this.seqs[i] < seq) return i;
    return -1;
  }

  /** Overlay the entries for word `addr` on `word`, oldest first; `covered` gets the union of their masks. */
  forward(addr: number, word: number): number {
    for (let i = 0; i < this.len; i++) {
      const c = this.cells[i];
      if (c.addr === addr) word = ((word & ~c.mask) | this.values[i]) >>> 0;
    }
    return word;
  }

  /** Union of the masks of the entries for word `addr` (0 when none). */
  maskFor(addr: number): number {
    let m = 0;
    for (let i = 0; i < this.len; i++) if (this.cells[i].addr === addr) m |= this.cells[i].mask;
    return m >>> 0;
  }

  private recompute(): void {
    const oldest = this.len === 0 ? 0 : this.seqs[0];
    let k = 0;
    for (let i = 0; i < this.len; i++) {
      if (i > 0 && this.needs[i] > oldest) continue;
      const a = this.cells[i].addr;
      let blocked = false;
      for (let j = 0; j < i; j++) {
        if (this.cells[j].addr === a) {
          blocked = true;
          break;
        }
      }
      if (!blocked) this.ready[k++] = i;
    }
    this.readyLen = k;
    this.dirty = false;
  }
}
