import type { Cell } from '../memory/cell';
import type { PoolState } from '../memory/pool-state';

/** Who is doing something, for the messages (the accessing or freeing thread). */
export interface HeapActor {
  readonly id: number;
  readonly name: string;
  readonly location: string;
}

const at = (location: string): string => (location === '' ? '' : ` (at '${location}')`);

/**
 * The node pools of one execution (node-pool.ts) and the checks on them: which words belong
 * to a node that is not allocated (one byte per word, so the runtime's access check is one
 * array read), allocation (LIFO reuse), free, and the messages of use-after-free, double free
 * and invalid free. Messages name the cell, the accessing thread and step, and the thread,
 * step and program point of the free, like KASAN's reports. Created only for executions
 * whose setup made a pool: others pay one null check per access.
 */
export class HeapMonitor {
  /** 1 for each word of a node that is not allocated now. */
  readonly freedWord: Uint8Array;

  constructor(readonly pools: readonly PoolState<string>[], words: number, private readonly threadName: (id: number) => string) {
    this.freedWord = new Uint8Array(words);
    for (const p of pools) {
      p.running = true;
      for (let h = 1; h <= p.size; h++) if (!p.isLive(h)) this.mark(p, h, 1);
    }
  }

  /** Whether `pool` is a pool of this execution (a model must not keep pools across executions). */
  owns(pool: unknown): pool is PoolState<string> {
    return this.pools.includes(pool as PoolState<string>);
  }

  /** The violation message of `th` accessing `cell` (a word of a node that is not allocated) with `op`. */
  accessMessage(th: HeapActor, cell: Cell, op: string, step: number): string {
    for (const p of this.pools) {
      const h = p.handleOf(cell.addr);
      if (h === 0) continue;
      const who = `${th.name} ${op} ${cell.name} at step ${step}${at(th.location)}`;
      if (p.freedBy[h] < 0) return `access to an unallocated node: ${who}; ${p.name}#${h} was never allocated`;
      return `use-after-free: ${who}; ${p.name}#${h} was freed by ${this.threadName(p.freedBy[h])} at step ${p.freedStep[h]}${at(p.freedAt[h])}`;
    }
    return `use-after-free: ${th.name} ${op} ${cell.name} at step ${step}`;
  }

  /** Allocate a node of `pool`: its handle, or a message when every node is allocated. */
  alloc(pool: PoolState<string>): number | string {
    const h = pool.take();
    if (h === 0) return `pool '${pool.name}' exhausted: all ${pool.size} nodes are allocated (a leak, or a pool too small for the workload)`;
    this.mark(pool, h, 0);
    return h;
  }

  /** Free node `h` of `pool` by `th` at `step`: undefined when fine (free(NULL) is a no-op), else the violation. */
  free(pool: PoolState<string>, h: number, th: HeapActor, step: number): string | undefined {
    if (h === 0) return undefined;
    const who = `${th.name} frees ${String(h)} at step ${step}${at(th.location)}`;
    if (!(Number.isInteger(h) && h >= 1 && h <= pool.size)) return `invalid free: ${who}, which is no node of pool '${pool.name}' (1..${pool.size})`;
    if (!pool.isLive(h)) {
      if (pool.freedBy[h] < 0) return `invalid free: ${who}; ${pool.name}#${h} was never allocated`;
      return `double free: ${who}; ${pool.name}#${h} was already freed by ${this.threadName(pool.freedBy[h])} at step ${pool.freedStep[h]}${at(pool.freedAt[h])}`;
    }
    pool.release(h, th.id, step, th.location);
    this.mark(pool, h, 1);
    return undefined;
  }

  private mark(pool: PoolState<string>, h: number, v: number): void {
    const { first, count } = pool.wordsOf(h);
    for (let k = 0; k < count; k++) this.freedWord[first + k] = v;
  }
}
