import type { Cell } from '../../harness/memory/cell';
import type { Prim, ThreadApi } from '../../harness/runtime/thread-api';

/** Committed value of a cell (ghost read for reports; no step). */
export type Peek = (c: Cell) => number;

/**
 * A mutual-exclusion lock model as the classic lock workload drives it. Each method is the
 * lock's own code; the workload wraps it with the history (`acquire` / `release` /
 * `try-acquire`), the critical-section occupancy check and the shared counter.
 * Per-thread state (an MCS node, a CLH node, a ticket) lives in the object, indexed by
 * `t.id`: one object per execution, never shared.
 */
export interface MutexImpl {
  lock(t: ThreadApi): Prim<void>;
  unlock(t: ThreadApi): Prim<void>;
  /** Present when the lock has a trylock (one attempt, true when taken). */
  trylock?(t: ThreadApi): Prim<boolean>;
  /** Lock state decoded for hang / deadlock reports. */
  describe?(peek: Peek): string[];
}

/** A reader-writer lock model as the rwlock workload drives it. */
export interface RwLockImpl {
  readLock(t: ThreadApi): Prim<void>;
  readUnlock(t: ThreadApi): Prim<void>;
  writeLock(t: ThreadApi): Prim<void>;
  writeUnlock(t: ThreadApi): Prim<void>;
  describe?(peek: Peek): string[];
}
