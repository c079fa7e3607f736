import type { Cell } from './cell';

/** Names of the memory models the runtime offers. Later: a release/acquire model for ARM. */
export type MemoryModelName = 'sc' | 'tso';

/**
 * Knobs of the TSO model: which kernel operations also drain the issuing cpu's store buffer
 * (seeds-rendezvous-futex-perf.md 0.2, seeds-qspinlock.md 2.1). Under `sc` they have no effect.
 */
export interface MemoryKnobs {
  /** spin_lock / mutex_lock acquire RMW drains the buffer (x86 LOCK). Default true; false = acquire-only (PF-D). */
  lockAcquireIsFence: boolean;
  /** spin_unlock drains the buffer. Default false (a plain store). */
  unlockIsFence: boolean;
  /** ipiSend drains the sender's buffer before the IPI becomes pending. Default true (x86 xAPIC). */
  ipiSendIsFence: boolean;
  /** pv_wait / pv_kick drain the caller's buffer (hypercalls serialise). Default true. */
  pvCallIsFence: boolean;
}

/** Knob values when neither the variant nor the user sets one (x86: locked RMWs and IPIs fence, unlock is a plain store). */
export const DEFAULT_MEMORY_KNOBS: Readonly<MemoryKnobs> = Object.freeze({
  lockAcquireIsFence: true,
  unlockIsFence: false,
  ipiSendIsFence: true,
  pvCallIsFence: true,
});

/**
 * A memory model: where loads read from and when stores become visible. One instance per
 * execution (no shared state). Values are unsigned 32-bit numbers; a view's value is the
 * unshifted field (`(word & mask) >>> shift`).
 */
export interface MemoryModel {
  readonly name: MemoryModelName;
  /** Value of `cell` as cpu `cpu` sees it (own newest buffered store forwarded under tso). */
  load(cpu: number, cell: Cell): number;
  /** A plain store by `cpu` (buffered under tso). */
  store(cpu: number, cell: Cell, value: number): void;
  /** Atomic read-modify-write on memory; `drain` = also drain cpu's buffer first (x86 LOCK). Returns the old value. */
  rmw(cpu: number, cell: Cell, update: (old: number) => number, drain: boolean): number;
  /** Drain all of `cpu`'s buffered stores to memory (smp_mb, RMW, serialising calls). */
  drain(cpu: number): void;
  /** Committed memory, bypassing every buffer (for invariants and ghost checks, not a step). */
  peek(cell: Cell): number;
  /** Cpus whose store buffer is not empty, ascending (the flush choices). Empty under sc. */
  cpusWithPendingStores(): readonly number[];
  /** Commit the oldest buffered store of `cpu`; returns what was written (for the trace). */
  flushOldest(cpu: number): { cell: Cell; value: number };
  /** True when no store buffer holds anything. */
  quiescent(): boolean;
  /** Stores of `cpu` still buffered (0 under sc). */
  bufferedCount(cpu: number): number;
  /** Stores of `cpu` committed to memory so far (monotonic; 0 under sc, where stores never wait). */
  committedCount(cpu: number): number;
}
