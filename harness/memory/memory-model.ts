import type { AccessSink } from './access-sink';
import type { Cell } from './cell';

/**
 * The memory models the runtime offers, in the order `--memory all` runs them. The one list:
 * CLI flags, replay tokens, corpus entries, reports and `lockstep list` read it from here.
 * - `sc`: sequential consistency.
 * - `tso`: x86-TSO (per-cpu FIFO store buffers).
 * - `arm64-lite`: ARMv8 without load buffering and dependency ordering (arm64-lite-memory.ts,
 *   docs/memory-models.md).
 */
export const MEMORY_MODELS = Object.freeze(['sc', 'tso', 'arm64-lite'] as const);

/** Name of a memory model (one of MEMORY_MODELS). */
export type MemoryModelName = (typeof MEMORY_MODELS)[number];

/** True when `x` names a memory model. */
export function isMemoryModelName(x: unknown): x is MemoryModelName {
  return typeof x === 'string' && (MEMORY_MODELS as readonly string[]).includes(x);
}

/**
 * Knobs of the weak models: which kernel operations are full barriers for the issuing cpu
 * (drain its store buffer; under arm64-lite also order its later loads) (seeds-rendezvous-
 * futex-perf.md 0.2, seeds-qspinlock.md 2.1). Under `sc` they have no effect.
 */
export interface MemoryKnobs {
  /**
   * spin_lock / mutex_lock acquire RMW is a full barrier (x86 LOCK). Default true under tso;
   * false under arm64-lite, where it is an acquire (LDAXR/CASA), as it is when false under tso (PF-D).
   */
  lockAcquireIsFence: boolean;
  /** spin_unlock is a full barrier. Default false (a plain store under tso, a release store under arm64-lite). */
  unlockIsFence: boolean;
  /** ipiSend drains the sender's buffer before the IPI becomes pending. Default true (x86 xAPIC; arm64 Linux has a dsb before the GIC write). */
  ipiSendIsFence: boolean;
  /** pv_wait / pv_kick drain the caller's buffer (hypercalls serialise). Default true. */
  pvCallIsFence: boolean;
}

/** Knob values of sc and tso when neither the variant nor the user sets one (x86: locked RMWs and IPIs fence, unlock is a plain store). */
export const DEFAULT_MEMORY_KNOBS: Readonly<MemoryKnobs> = Object.freeze({
  lockAcquireIsFence: true,
  unlockIsFence: false,
  ipiSendIsFence: true,
  pvCallIsFence: true,
});

/** Knob defaults of arm64-lite: a lock acquire is an acquire, not a full barrier. */
const ARM64_LITE_KNOBS: Readonly<MemoryKnobs> = Object.freeze({ ...DEFAULT_MEMORY_KNOBS, lockAcquireIsFence: false });

/** Knob defaults of `model` (a run merges: these < the variant's knobs < the user's). */
export function defaultMemoryKnobs(model: MemoryModelName): Readonly<MemoryKnobs> {
  return model === 'arm64-lite' ? ARM64_LITE_KNOBS : DEFAULT_MEMORY_KNOBS;
}

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
  /**
   * Flush options of `cpu`: stores that may commit now (0 = empty buffer; tso: 1, the oldest;
   * arm64-lite: every store nothing holds back, slot 0 = the oldest).
   */
  flushSlots(cpu: number): number;
  /** Commit the store of flush slot `slot` of `cpu` (slot 0 = flushOldest). */
  flushSlot(cpu: number, slot: number): { cell: Cell; value: number };
  /** True when no store buffer holds anything. */
  quiescent(): boolean;
  /** Stores of `cpu` from its oldest uncommitted one on (the buffer's size under tso); 0 iff nothing is buffered. */
  bufferedCount(cpu: number): number;
  /** k such that the first k stores of `cpu` have all been committed (monotonic; 0 under sc, where stores never wait). */
  committedCount(cpu: number): number;
  /**
   * Report every access from now on to `sink` (null = stop): partial-order reduction builds
   * its dependency relation from these (access-sink.ts says what each report means). `peek`
   * reports a read too (a ghost read of committed memory by model code or an invariant).
   */
  setAccessSink(sink: AccessSink | null): void;
  /**
   * Words of the stores of `cpu` that a flush could commit next (tso: the oldest buffered one;
   * empty when its buffer is): the lookahead of a flush that never ran, for partial-order reduction.
   */
  committableWords(cpu: number): readonly number[];
}
