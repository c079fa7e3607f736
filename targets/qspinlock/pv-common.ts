import type { Prim, ThreadApi } from '../../harness';
import { Q_LOCKED_PENDING_MASK, Q_LOCKED_VAL, Q_PENDING_VAL } from './lock-word';
import type { QLock, QspinWorld } from './qspin-world';

/**
 * pv_queued_spin_steal_lock (seeds-qspinlock.md 4.3): a newcomer takes the lock byte even
 * with waiters queued, as long as nobody holds it and pending (the head spinning) is clear.
 */
export function* pvStealLock(t: ThreadApi, _w: QspinWorld, l: QLock): Prim<boolean> {
  t.at('pv_queued_spin_steal_lock');
  const v = yield* t.readOnce(l.val);
  if ((v & Q_LOCKED_PENDING_MASK) !== 0) return false;
  return (yield* t.cmpxchg(l.locked, 0, Q_LOCKED_VAL, 'acquire')) === 0;
}

/** trylock_clear_pending: (*,1,0) -> (*,0,1) with a 16-bit cmpxchg when the lock byte is free. */
export function* trylockClearPending(t: ThreadApi, l: QLock): Prim<boolean> {
  if ((yield* t.readOnce(l.locked)) !== 0) return false;
  return (yield* t.cmpxchg(l.lockedPending, Q_PENDING_VAL, Q_LOCKED_VAL, 'acquire')) === Q_PENDING_VAL;
}

/** The head's exit of pv_wait_head_or_lock: the lock word with LOCKED set. */
export function* gotlock(t: ThreadApi, l: QLock): Prim<number> {
  return ((yield* t.readOnce(l.val)) | Q_LOCKED_VAL) >>> 0;
}
