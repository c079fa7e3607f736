import type { Cell, CellAllocator, ValueFormatter } from './cell';
import { PoolState } from './pool-state';

/** Mask of a full 32-bit word (as an unsigned number). */
export const FULL_MASK = 0xffffffff;

/**
 * The cell allocator of one execution: hands out 32-bit words (and masked 8/16-bit views of
 * them) during a target's setup and remembers their initial values, names and formatters.
 * The memory model is then built from `initialWords()`. Cells are frozen plain data.
 */
export class WordCellAllocator implements CellAllocator {
  private readonly initial: number[] = [];
  private readonly names: string[] = [];
  private readonly formats: (ValueFormatter | undefined)[] = [];
  private readonly wordCells: Cell[] = [];
  /** Node pools created by the setup (the runtime builds its heap monitor from them). */
  readonly pools: PoolState<string>[] = [];

  cell(name: string, initial = 0, format?: ValueFormatter): Cell {
    if (!Number.isFinite(initial)) throw new RangeError(`cell ${name}: initial value ${initial} is not a number`);
    const addr = this.initial.length;
    this.initial.push(initial >>> 0);
    this.names.push(name);
    this.formats.push(format);
    const c: Cell = Object.freeze({ addr, shift: 0, bits: 32, mask: FULL_MASK, name });
    this.wordCells.push(c);
    return c;
  }

  array(name: string, n: number, initial = 0, format?: ValueFormatter): Cell[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`array ${name}: length ${n} is not a natural number`);
    const out: Cell[] = [];
    for (let i = 0; i < n; i++) out.push(this.cell(`${name}[${i}]`, initial, format));
    return out;
  }

  pool<F extends string>(name: string, size: number, fields: Readonly<Record<F, number>>): PoolState<F> {
    const p = new PoolState<F>(this, name, size, fields);
    this.pools.push(p as unknown as PoolState<string>);
    return p;
  }

  view(word: Cell, shift: number, bits: 8 | 16, name: string): Cell {
    if (word.bits !== 32 || word.addr < 0 || word.addr >= this.initial.length) {
      throw new RangeError(`view ${name}: base must be a full word of this allocator`);
    }
    if (bits !== 8 && bits !== 16) throw new RangeError(`view ${name}: bits must be 8 or 16, got ${bits}`);
    if (!Number.isInteger(shift) || shift < 0 || shift + bits > 32) {
      throw new RangeError(`view ${name}: shift ${shift} with ${bits} bits does not fit in a 32-bit word`);
    }
    const mask = ((((1 << bits) - 1) << shift) >>> 0);
    return Object.freeze({ addr: word.addr, shift, bits, mask, name });
  }

  /** Number of words allocated so far. */
  get wordCount(): number {
    return this.initial.length;
  }

  /** Initial memory image (a copy). */
  initialWords(): Uint32Array {
    const init = this.initial;
    const out = new Uint32Array(init.length);
    for (let i = 0; i < init.length; i++) out[i] = init[i];
    return out;
  }

  /** The full-word cell at `addr`. */
  wordCell(addr: number): Cell {
    return this.wordCells[addr];
  }

  /** Formatter registered for the word at `addr`, if any. */
  formatterOf(addr: number): ValueFormatter | undefined {
    return this.formats[addr];
  }

  /** Name of the word at `addr`. */
  wordName(addr: number): string {
    return this.names[addr] ?? `word[${addr}]`;
  }
}
