import type { Cell, ValueFormatter } from './cell';
import type { NodeCells, NodePool } from './node-pool';

/** What the pool needs from the allocator that creates it (a word per field and node). */
export interface PoolWords {
  cell(name: string, initial?: number, format?: ValueFormatter): Cell;
}

/**
 * One node pool of one execution (created by the cell allocator during setup): the node
 * cells, which nodes are live, the LIFO free list, and who freed each node (for the
 * use-after-free and double-free messages). The runtime's heap monitor performs alloc and
 * free through it; targets see it as a {@link NodePool}.
 */
export class PoolState<F extends string> implements NodePool<F> {
  readonly fields: readonly F[];
  /** The pool's allocator word: alloc and free are events on it (POR dependencies, traces). */
  readonly control: Cell;
  /** Address of the first node word; node h's words are base + (h-1)*fields.length + k. */
  readonly base: number;
  readonly formatHandle: ValueFormatter;
  private readonly nodes: NodeCells<F>[] = [];
  private readonly live: Uint8Array;
  /** Free handles, the next one to hand out last (LIFO). */
  private readonly free: number[] = [];
  /** Per handle: thread that freed it last (-1 = never), step and location of that free. */
  readonly freedBy: Int32Array;
  readonly freedStep: Int32Array;
  readonly freedAt: string[];
  private liveNodes = 0;
  /** Set by the runtime once the threads start: allocAtSetup is then a mistake of the model. */
  running = false;

  constructor(words: PoolWords, readonly name: string, readonly size: number, initial: Readonly<Record<F, number>>) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`pool ${name}: size must be a positive integer, got ${size}`);
    const fields = Object.keys(initial) as F[];
    if (fields.length === 0) throw new RangeError(`pool ${name}: give at least one field, e.g. { next: 0 }`);
    this.fields = Object.freeze(fields);
    this.formatHandle = (v) => (v === 0 ? 'NULL' : v >= 1 && v <= size ? `${name}#${v}` : `${v} (not a ${name} node)`);
    this.control = words.cell(`${name}.allocator`, 0);
    this.base = this.control.addr + 1;
    this.nodes.push(undefined as unknown as NodeCells<F>); // handle 0 = NULL
    for (let h = 1; h <= size; h++) {
      const cells = {} as Record<F, Cell>;
      for (const f of fields) cells[f] = words.cell(`${name}[${h}].${f}`, initial[f]);
      this.nodes.push(Object.freeze(cells));
    }
    this.live = new Uint8Array(size + 1);
    this.freedBy = new Int32Array(size + 1).fill(-1);
    this.freedStep = new Int32Array(size + 1);
    this.freedAt = new Array<string>(size + 1).fill('');
    for (let h = size; h >= 1; h--) this.free.push(h);
  }

  node(handle: number): NodeCells<F> {
    if (handle === 0) throw new TypeError(`NULL dereference: node 0 of pool '${this.name}'`);
    const n = Number.isInteger(handle) && handle > 0 && handle <= this.size ? this.nodes[handle] : undefined;
    if (n === undefined) throw new RangeError(`wild pointer: ${String(handle)} is no node of pool '${this.name}' (1..${this.size})`);
    return n;
  }

  isLive(handle: number): boolean {
    return this.live[handle] === 1;
  }

  liveCount(): number {
    return this.liveNodes;
  }

  allocAtSetup(): number {
    if (this.running) throw new Error(`pool ${this.name}: allocAtSetup() while threads run (use yield* t.alloc(pool))`);
    const h = this.take();
    if (h === 0) throw new RangeError(`pool ${this.name}: allocAtSetup() beyond its ${this.size} nodes`);
    return h;
  }

  /** Hand out the most recently freed node (0 when every node is live). */
  take(): number {
    const h = this.free.pop();
    if (h === undefined) return 0;
    this.live[h] = 1;
    this.liveNodes++;
    return h;
  }

  /** Give node `h` back (the caller checked it is live); the free list is LIFO. */
  release(h: number, thread: number, step: number, location: string): void {
    this.live[h] = 0;
    this.liveNodes--;
    this.freedBy[h] = thread;
    this.freedStep[h] = step;
    this.freedAt[h] = location;
    this.free.push(h);
  }

  /** The handle whose words include `addr`, or 0 when `addr` is no node word of this pool. */
  handleOf(addr: number): number {
    const k = addr - this.base;
    if (k < 0 || k >= this.size * this.fields.length) return 0;
    return Math.floor(k / this.fields.length) + 1;
  }

  /** Word addresses of node `h`. */
  wordsOf(h: number): { readonly first: number; readonly count: number } {
    return { first: this.base + (h - 1) * this.fields.length, count: this.fields.length };
  }
}
