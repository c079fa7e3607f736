import type { Cell } from './cell';

/**
 * One cpu's FIFO store buffer (x86-TSO). Entries are `(cell, value)` where `value` is already
 * shifted into the cell's position and masked, so a load of any view of the word can apply
 * the entries for its address in FIFO order: `w = (w & ~mask) | value` (seeds-qspinlock.md 2.1).
 * Parallel arrays with a head index: no allocation per store once warmed up.
 */
export class StoreBuffer {
  private readonly cells: Cell[] = [];
  private readonly values: number[] = [];
  private head = 0;
  /** One past the newest entry; slots beyond it are stale and reused (no length changes). */
  private tail = 0;

  get size(): number {
    return this.tail - this.head;
  }

  push(cell: Cell, placed: number): void {
    this.cells[this.tail] = cell;
    this.values[this.tail] = placed;
    this.tail++;
  }

  /** Overlay the buffered stores for word `addr` on `word`, oldest first. */
  forward(addr: number, word: number): number {
    const cells = this.cells;
    const values = this.values;
    for (let i = this.head; i < this.tail; i++) {
      const c = cells[i];
      if (c.addr === addr) word = ((word & ~c.mask) | values[i]) >>> 0;
    }
    return word;
  }

  /** Do the buffered entries for word `addr` together cover every bit of `mask` (a load of that view reads no memory)? */
  covers(addr: number, mask: number): boolean {
    const cells = this.cells;
    let m = 0;
    for (let i = this.head; i < this.tail; i++) if (cells[i].addr === addr) m |= cells[i].mask;
    return ((m & mask) >>> 0) === mask >>> 0;
  }

  /** Index (relative to the head) of the newest entry for `addr`, or -1. */
  newestFor(addr: number): number {
    const cells = this.cells;
    for (let i = this.tail - 1; i >= this.head; i--) if (cells[i].addr === addr) return i - this.head;
    return -1;
  }

  oldestCell(): Cell {
    return this.cells[this.head];
  }

  oldestValue(): number {
    return this.values[this.head];
  }

  /** Drop the oldest entry (after it was committed). */
  shift(): void {
    this.head++;
    if (this.head === this.tail) {
      this.head = 0;
      this.tail = 0;
    }
  }

  /** Entries oldest first, for reports. */
  entries(): { cell: Cell; placed: number }[] {
    const out: { cell: Cell; placed: number }[] = [];
    for (let i = this.head; i < this.tail; i++) out.push({ cell: this.cells[i], placed: this.values[i] });
    return out;
  }
}
