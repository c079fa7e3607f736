import type { Cell } from '../memory/cell';
import type { Prim, ThreadApi } from '../runtime/thread-api';

/** Committed value of a cell (ghost read for reports; no step). */
export type Peek = (c: Cell) => number;

/**
 * A mutual-exclusion lock model as the mutex workload ({@link mutexInstance}) drives it. Each
 * method is the lock's own code, a generator over the ThreadApi whose every shared access is
 * one `yield*` of a primitive; the workload wraps it with the history (`acquire` / `release`
 * / `try-acquire`), the critical-section occupancy check and the shared counter.
 * Per-thread state (an MCS node, a CLH node, a ticket) lives in the object, indexed by
 * `t.id`: one object per execution, never shared.
 *
 * @example
 * ```ts
 * const word = env.mem.cell('lock.word', 0);
 * const impl: MutexImpl = {
 *   *lock(t) { while ((yield* t.cmpxchg(word, 0, 1)) !== 0) yield* t.waitUntil(word, (v) => v === 0); },
 *   *unlock(t) { yield* t.store(word, 0, 'release'); },
 * };
 * ```
 */
export interface MutexImpl {
  /** Take the lock (returns once held). */
  lock(t: ThreadApi): Prim<void>;
  /** Release the lock. */
  unlock(t: ThreadApi): Prim<void>;
  /** Present when the lock has a trylock (one attempt, true when taken). */
  trylock?(t: ThreadApi): Prim<boolean>;
  /** Lock state decoded for hang / deadlock reports. */
  describe?(peek: Peek): string[];
}

/** A reader-writer lock model as the rwlock workload ({@link rwlockInstance}) drives it. */
export interface RwLockImpl {
  readLock(t: ThreadApi): Prim<void>;
  readUnlock(t: ThreadApi): Prim<void>;
  writeLock(t: ThreadApi): Prim<void>;
  writeUnlock(t: ThreadApi): Prim<void>;
  describe?(peek: Peek): string[];
}

/**
 * A counting semaphore model as the semaphore workload ({@link semaphoreInstance}) drives it:
 * at most `permits` threads between a successful acquire and their release.
 */
export interface SemaphoreImpl {
  /** down / P: take a permit, waiting while none is available. */
  acquire(t: ThreadApi): Prim<void>;
  /** up / V: give the permit back. */
  release(t: ThreadApi): Prim<void>;
  /** Present when the semaphore has a try-acquire (one attempt, true when a permit was taken). */
  tryAcquire?(t: ThreadApi): Prim<boolean>;
  /** Permits available now, read from committed memory: checked against the initial count at the end. */
  available?(peek: Peek): number;
  describe?(peek: Peek): string[];
}

/**
 * A barrier model as the barrier workload ({@link barrierInstance}) drives it: a thread's
 * `await` returns only once every party has arrived in the same round, and everything the
 * parties wrote before arriving is visible to each of them after it returns.
 */
export interface BarrierImpl {
  /** Arrive and wait for the others (one round of the cyclic barrier). */
  await(t: ThreadApi): Prim<void>;
  describe?(peek: Peek): string[];
}
