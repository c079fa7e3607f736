import type { Cell, ValueFormatter } from './cell';

/** The cells of one node of a pool: one 32-bit word per field, e.g. `{ next: Cell; locked: Cell }`. */
export type NodeCells<F extends string> = { readonly [K in F]: Cell };

/**
 * A pool of fixed-size nodes that threads allocate and free while they run (`t.alloc(pool)`,
 * `t.free(pool, node)`): the queue nodes of MCS/CLH-style locks, the entries of a lock-free
 * stack. Created at setup with `env.mem.pool(name, size, fields)`.
 *
 * A node is named by a *handle*, a number 1..size (0 is NULL) that models store in cells like
 * a pointer, so that a recycled node compares equal to its old self: that is where ABA bugs
 * live. Freed nodes are handed out again most-recently-freed first (LIFO, as per-cpu allocator
 * caches do), which makes reuse, and so ABA, as likely as possible. An access to a field of a
 * freed node is a violation (use-after-free) naming the cell, the thread and step that freed
 * it and the thread that accessed it; freeing a freed node is a violation (double free).
 * Allocation does not initialise the fields (like kmalloc): a node keeps what its previous
 * user left, and the model initialises it as the C code does.
 */
export interface NodePool<F extends string = string> {
  readonly name: string;
  /** Number of nodes; handles are 1..size. */
  readonly size: number;
  /** Field names, in the order their words were allocated. */
  readonly fields: readonly F[];
  /**
   * The cells of node `handle`. Throws for NULL (0) or a number that is no node of this pool,
   * as a wild pointer dereference would crash the C code (the run is a `crash` finding). Free
   * of charge (no step): only the accesses made through the cells are steps.
   */
  node(handle: number): NodeCells<F>;
  /** Ghost (no step): whether node `handle` is allocated now. */
  isLive(handle: number): boolean;
  /** Ghost (no step): how many nodes are allocated now (e.g. a leak check in Instance.atEnd). */
  liveCount(): number;
  /**
   * Allocate a node during setup, before any thread runs (e.g. the dummy node a CLH tail
   * points to at first). Returns its handle.
   */
  allocAtSetup(): number;
  /** Formats a cell value holding a handle of this pool: `NULL`, `qnode#2`. */
  readonly formatHandle: ValueFormatter;
}
