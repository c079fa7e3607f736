import type { AccessSink } from './access-sink';
import type { Cell } from './cell';
import type { MemoryModel } from './memory-model';
import { fieldOf, withField } from './word-bits';

const NO_CPUS: readonly number[] = Object.freeze([]);

/** Sequential consistency: every access hits memory at once; there are no store buffers. */
export class ScMemory implements MemoryModel {
  readonly name = 'sc' as const;
  private readonly words: Uint32Array;
  private sink: AccessSink | null = null;

  /** Takes ownership of `words` (the initial image; not copied). */
  constructor(words: Uint32Array) {
    this.words = words;
  }

  load(_cpu: number, cell: Cell): number {
    if (this.sink !== null) this.sink.readWord(cell.addr);
    return fieldOf(this.words[cell.addr], cell);
  }

  store(_cpu: number, cell: Cell, value: number): void {
    const a = cell.addr;
    if (this.sink !== null) this.sink.writeWord(a);
    this.words[a] = withField(this.words[a], cell, value);
  }

  rmw(_cpu: number, cell: Cell, update: (old: number) => number, _drain: boolean): number {
    const a = cell.addr;
    if (this.sink !== null) this.sink.writeWord(a);
    const w = this.words[a];
    const old = fieldOf(w, cell);
    this.words[a] = withField(w, cell, update(old));
    return old;
  }

  drain(_cpu: number): void {}

  peek(cell: Cell): number {
    if (this.sink !== null) this.sink.readWord(cell.addr);
    return fieldOf(this.words[cell.addr], cell);
  }

  cpusWithPendingStores(): readonly number[] {
    return NO_CPUS;
  }

  flushOldest(cpu: number): { cell: Cell; value: number } {
    throw new Error(`sc memory has no store buffer (flush of cpu${cpu} requested)`);
  }

  flushSlots(): number {
    return 0;
  }

  flushSlot(cpu: number): { cell: Cell; value: number } {
    return this.flushOldest(cpu);
  }

  quiescent(): boolean {
    return true;
  }

  bufferedCount(): number {
    return 0;
  }

  committedCount(): number {
    return 0;
  }

  setAccessSink(sink: AccessSink | null): void {
    this.sink = sink;
  }

  committableWords(): readonly number[] {
    return NO_CPUS;
  }
}
