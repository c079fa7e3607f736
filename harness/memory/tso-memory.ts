import type { AccessSink } from './access-sink';
import type { Cell } from './cell';
import type { MemoryModel } from './memory-model';
import { StoreBuffer } from './store-buffer';
import { fieldOf, placeField, withField } from './word-bits';

/**
 * x86-TSO: one FIFO store buffer per cpu. A load forwards the own buffered stores for its word
 * (masked, oldest first, so the newest wins byte by byte); plain stores are buffered; RMWs and
 * fences drain the own buffer; committing the oldest entry of a cpu is a scheduler choice
 * (ARCHITECTURE.md "Memory models", seeds-qspinlock.md 2.1).
 */
export class TsoMemory implements MemoryModel {
  readonly name = 'tso' as const;
  private readonly words: Uint32Array;
  private readonly buffers: StoreBuffer[] = [];
  private pending = 0;
  private readonly pendingCpus: number[] = [];
  /** Per cpu: stores committed so far (history returns wait on it, see Execution.ok). */
  private readonly committed: number[] = [];
  /** Reused result of flushOldest (callers must copy what they keep). */
  private readonly flushed: { cell: Cell; value: number } = { cell: undefined as unknown as Cell, value: 0 };
  private sink: AccessSink | null = null;

  /** Takes ownership of `words` (the initial image; not copied). */
  constructor(words: Uint32Array, cpus: number) {
    this.words = words;
    for (let i = 0; i < cpus; i++) {
      this.buffers.push(new StoreBuffer());
      this.committed.push(0);
    }
  }

  load(cpu: number, cell: Cell): number {
    const a = cell.addr;
    const b = this.buffers[cpu];
    // a load served entirely by the own buffer reads no memory: others' stores cannot change
    // it, but committing the own store it reads would (a store of another cpu may land after it)
    if (this.sink !== null) {
      if (b.size === 0 || !b.covers(a, cell.mask)) this.sink.readWord(a);
      if (b.size !== 0 && b.newestFor(a) >= 0) this.sink.readBuffer(cpu);
    }
    const w = b.size === 0 ? this.words[a] : b.forward(a, this.words[a]);
    return fieldOf(w, cell);
  }

  store(cpu: number, cell: Cell, value: number): void {
    if (this.sink !== null) this.sink.writeBuffer(cpu);
    this.buffers[cpu].push(cell, placeField(cell, value));
    this.pending++;
  }

  /**
   * Atomic RMW on memory. With `drain` (x86 LOCK) the whole own buffer is committed first.
   * Without it (acquire-only RMW, knob lockAcquireIsFence = false) only the prefix of the own
   * buffer up to the newest entry for the same word is committed, so that the RMW never sees
   * memory older than the cpu's own program order on that word (per-location coherence).
   */
  rmw(cpu: number, cell: Cell, update: (old: number) => number, drain: boolean): number {
    const b = this.buffers[cpu];
    if (b.size > 0) {
      if (drain) this.drain(cpu);
      else {
        const k = b.newestFor(cell.addr);
        for (let i = 0; i <= k; i++) this.commitOldest(cpu);
      }
    }
    const a = cell.addr;
    if (this.sink !== null) this.sink.writeWord(a);
    const w = this.words[a];
    const old = fieldOf(w, cell);
    this.words[a] = withField(w, cell, update(old));
    return old;
  }

  drain(cpu: number): void {
    const b = this.buffers[cpu];
    while (b.size > 0) this.commitOldest(cpu);
  }

  peek(cell: Cell): number {
    if (this.sink !== null) this.sink.readWord(cell.addr);
    return fieldOf(this.words[cell.addr], cell);
  }

  /** Ascending cpus with buffered stores. The array is reused: valid until the next call. */
  cpusWithPendingStores(): readonly number[] {
    const out = this.pendingCpus;
    out.length = 0;
    if (this.pending === 0) return out;
    for (let i = 0; i < this.buffers.length; i++) if (this.buffers[i].size > 0) out.push(i);
    return out;
  }

  /** Commit the oldest store of `cpu`. The result object is reused: copy what you keep. */
  flushOldest(cpu: number): { cell: Cell; value: number } {
    const b = this.buffers[cpu];
    if (b.size === 0) throw new Error(`tso: flush of cpu${cpu} whose store buffer is empty`);
    const c = b.oldestCell();
    this.flushed.cell = c;
    this.flushed.value = (b.oldestValue() & c.mask) >>> c.shift;
    this.commitOldest(cpu);
    return this.flushed;
  }

  flushSlots(cpu: number): number {
    return this.buffers[cpu].size === 0 ? 0 : 1;
  }

  /** Only slot 0 exists under tso (FIFO buffers). */
  flushSlot(cpu: number, slot: number): { cell: Cell; value: number } {
    if (slot !== 0) throw new Error(`tso: flush slot ${slot} of cpu${cpu} (a FIFO buffer only flushes its oldest store)`);
    return this.flushOldest(cpu);
  }

  quiescent(): boolean {
    return this.pending === 0;
  }

  bufferedCount(cpu: number): number {
    return this.buffers[cpu].size;
  }

  committedCount(cpu: number): number {
    return this.committed[cpu];
  }

  /** Buffered entries of `cpu`, oldest first, as (cell, field value): for hang reports. */
  bufferedStores(cpu: number): { cell: Cell; value: number }[] {
    return this.buffers[cpu].entries().map((e) => ({ cell: e.cell, value: (e.placed & e.cell.mask) >>> e.cell.shift }));
  }

  setAccessSink(sink: AccessSink | null): void {
    this.sink = sink;
  }

  committableWords(cpu: number): readonly number[] {
    const b = this.buffers[cpu];
    return b.size === 0 ? [] : [b.oldestCell().addr];
  }

  private commitOldest(cpu: number): void {
    const b = this.buffers[cpu];
    const c = b.oldestCell();
    const a = c.addr;
    if (this.sink !== null) this.sink.commitWord(cpu, a);
    this.words[a] = ((this.words[a] & ~c.mask) | b.oldestValue()) >>> 0;
    b.shift();
    this.pending--;
    this.committed[cpu]++;
  }
}
