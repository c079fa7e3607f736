import type { NodePool } from './node-pool';

/**
 * A shared-memory location as a model sees it.
 *
 * Memory is an array of 32-bit words. A `Cell` names one word (`bits = 32`) or a masked
 * view of it (8- or 16-bit, at `shift`), so that the qspinlock word can take byte and
 * half-word stores and a 16-bit xchg on the tail half (seeds-qspinlock.md, 2.1).
 * Cells are created by the target's setup through `SetupEnv.mem`; they are plain data.
 */
export interface Cell {
  /** Index of the 32-bit word in memory. */
  readonly addr: number;
  /** Bit offset of this view inside the word (0 for a full word). */
  readonly shift: number;
  /** Width of this view: 8, 16 or 32. */
  readonly bits: 8 | 16 | 32;
  /** Mask of the view inside the word, already shifted (0xffffffff for a full word). */
  readonly mask: number;
  /** Name shown in traces, e.g. `lock.val` or `node[1].locked`. */
  readonly name: string;
}

/** How a value of a word is shown in traces and hang reports (e.g. qspinlock (tail,pending,locked)). */
export type ValueFormatter = (value: number) => string;

/** Memory orders of the C11/kernel vocabulary; sc and tso treat all but seq_cst stores alike. */
export type MemoryOrder = 'relaxed' | 'acquire' | 'release' | 'seq_cst';

/** Allocation of cells during a target's setup. */
export interface CellAllocator {
  /**
   * A pool of `size` nodes whose fields are 32-bit words with the given initial values, e.g.
   * `pool('qnode', 4, { next: 0, locked: 0 })`; threads allocate and free its nodes while they
   * run (`t.alloc`, `t.free`), with use-after-free and double-free detection (node-pool.ts).
   */
  pool<F extends string>(name: string, size: number, fields: Readonly<Record<F, number>>): NodePool<F>;
  /** A fresh 32-bit word with an initial value. */
  cell(name: string, initial?: number, format?: ValueFormatter): Cell;
  /** `n` fresh words named `name[0]`..`name[n-1]`. */
  array(name: string, n: number, initial?: number, format?: ValueFormatter): Cell[];
  /** A masked 8/16-bit view of a word: `view(lockWord, 8, 8, 'lock.pending')`. */
  view(word: Cell, shift: number, bits: 8 | 16, name: string): Cell;
}
