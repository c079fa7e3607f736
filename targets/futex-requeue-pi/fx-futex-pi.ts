import type { Prim, ThreadApi } from '../../harness';
import { rtMutexLock, rtMutexUnlock } from './fx-rtmutex';
import {
  EDEADLK, EINVAL, ESRCH, FUTEX_OWNER_DIED, FUTEX_TID_MASK, FUTEX_WAITERS, TASK_NAMES, lockName, taskName, tidOf,
  type FutexQ, type FxState,
} from './fx-state';

/** Drop a pi_state reference; the last one frees it (rt_mutex_proxy_unlock). */
export function putPiState(s: FxState): void {
  s.pi.refcount--;
  if (s.pi.refcount <= 0) {
    s.pi.refcount = 0;
    s.pi.exists = false;
    s.rt.owner = 0;
    s.rt.pending = false;
  }
}

/**
 * lookup_pi_state (hb2.lock held): attach to the pi_state of a task queued on M, checking
 * that the futex word's TID names pi_state->owner ("WARN_ON(pid != pi_state->owner->pid)",
 * mainline: -EINVAL); else allocate one owned by the TID (notes 2.4). Check C1.
 */
export function* lookupPiState(t: ThreadApi, s: FxState, pid: number): Prim<number> {
  const q = s.chain2.find((x) => x.key === 'M');
  if (q !== undefined) {
    if (!q.piState) return EINVAL;
    if (s.awaitingFixup >= 0 && s.awaitingFixup !== t.id && pid === t.peek(s.piOwner)) {
      // Notes 2.8 (Peter's first hypothesis): M was taken for the waiter but its fix-up has
      // not run; word and pi_state still both name the previous owner: legitimate, no report.
      t.at(`lookup_pi_state: READ(pi_state->owner): old owner ${taskName(pid)} in both, ${TASK_NAMES[s.awaitingFixup]} awaits its fix-up (notes 2.8 window)`);
    } else {
      t.at('lookup_pi_state: READ(pi_state->owner) (hb2.lock held)');
    }
    const owner = yield* t.readOnce(s.piOwner);
    if (pid !== 0 && owner !== 0 && pid !== owner) {
      const fixer = s.where.findIndex((w) => w.startsWith('fixup_pi_state_owner'));
      t.WARN_ON(true, `lookup_pi_state: pid != pi_state->owner->pid: the futex word names ${taskName(pid)} but pi_state->owner is ${taskName(owner)}, read under hb2.lock` +
        (fixer >= 0 ? ` while ${TASK_NAMES[fixer]} is between the two halves of fixup_pi_state_owner (${s.where[fixer]})` : ''));
      return EINVAL;
    }
    s.pi.refcount++;
    return 0;
  }
  if (pid === 0) return ESRCH;
  t.BUG_ON(s.pi.exists, `lookup_pi_state: a second pi_state for M (the existing one has ${s.pi.refcount} references)`);
  s.pi.exists = true;
  s.pi.refcount = 1;
  s.rt.owner = pid;
  s.rt.pending = false;
  t.at(`lookup_pi_state: alloc pi_state, owner = ${taskName(pid)}`);
  yield* t.writeOnce(s.piOwner, pid);
  return 0;
}

/**
 * futex_lock_pi_atomic(M, hb2, task) (hb2.lock held): 1 = took M for `task`, 0 = M is owned
 * and a pi_state reference was taken, < 0 = error.
 */
export function* futexLockPiAtomic(t: ThreadApi, s: FxState, task: number): Prim<number> {
  const tid = tidOf(task);
  for (;;) {
    t.at(`futex_lock_pi_atomic: cmpxchg(M, 0, ${taskName(tid)})`);
    const cur = yield* t.cmpxchg(s.uvalM, 0, tid);
    if (cur === 0) return 1;
    if ((cur & FUTEX_TID_MASK) === tid) {
      t.BUG_ON(true, `futex_lock_pi_atomic: ${taskName(tid)} already owns M (-EDEADLK)`);
      return EDEADLK;
    }
    let nv = (cur | FUTEX_WAITERS) >>> 0;
    const take = (cur & FUTEX_TID_MASK) === 0; // owner died / 0|WAITERS: take it over
    if (take) nv = (nv & ~FUTEX_TID_MASK) | tid;
    if (nv !== cur) {
      t.at('futex_lock_pi_atomic: cmpxchg(M, uval, uval | FUTEX_WAITERS)');
      if ((yield* t.cmpxchg(s.uvalM, cur, nv)) !== cur) continue;
    }
    if (take) return 1;
    return yield* lookupPiState(t, s, cur & FUTEX_TID_MASK);
  }
}

/**
 * fixup_pi_state_owner (q.lock_ptr held): step A rewrites the futex word to the new owner,
 * step B then sets pi_state->owner. Between the two the pair is inconsistent; only the lock
 * that lookup_pi_state also takes (hb2) makes that invisible (notes 2.6).
 */
export function* fixupPiStateOwner(t: ThreadApi, s: FxState, q: FutexQ): Prim<void> {
  const tid = tidOf(t.id);
  s.where[t.id] = `fixup_pi_state_owner step A (holding ${lockName(s, q.lockPtr)})`;
  t.at('fixup_pi_state_owner: READ(M)');
  let uval = yield* t.readOnce(s.uvalM);
  for (;;) {
    const nv = ((uval & FUTEX_OWNER_DIED) | FUTEX_WAITERS | tid) >>> 0;
    t.at(`fixup_pi_state_owner: cmpxchg(M, uval, ${taskName(tid)} | FUTEX_WAITERS) (holding ${lockName(s, q.lockPtr)})`);
    const cur = yield* t.cmpxchg(s.uvalM, uval, nv);
    if (cur === uval) break;
    uval = cur;
  }
  s.where[t.id] = `fixup_pi_state_owner between step A and step B (M already names ${taskName(tid)}, holding ${lockName(s, q.lockPtr)})`;
  t.at(`fixup_pi_state_owner: pi_state->owner = ${taskName(tid)}`);
  yield* t.writeOnce(s.piOwner, tid);
  if (s.awaitingFixup === t.id) s.awaitingFixup = -1;
  s.where[t.id] = 'fixup done';
}

/** futex_lock_pi(M) by the current task: returns 0 holding M, or an error. */
export function* futexLockPi(t: ThreadApi, s: FxState): Prim<number> {
  s.inSyscall++;
  t.at('futex_lock_pi: spin_lock(&hb2->lock)');
  s.where[t.id] = 'futex_lock_pi: spin_lock(&hb2->lock)';
  yield* t.spinLock(s.hb2);
  const r = yield* futexLockPiAtomic(t, s, t.id);
  if (r !== 0) {
    t.at('futex_lock_pi: spin_unlock(&hb2->lock)');
    yield* t.spinUnlock(s.hb2);
    s.inSyscall--;
    return r === 1 ? 0 : r;
  }
  const q: FutexQ = { task: t.id, key: 'M', lockPtr: s.hb2, rtWaiter: false, piState: true };
  s.chain2.push(q);
  t.at('futex_lock_pi: queue_me, spin_unlock(&hb2->lock)');
  yield* t.spinUnlock(s.hb2);
  yield* rtMutexLock(t, s); // hb lock NOT held: the legitimate window (notes 2.8)
  t.at('futex_lock_pi: spin_lock(q.lock_ptr)');
  s.where[t.id] = 'futex_lock_pi: spin_lock(q.lock_ptr = hb2.lock)';
  yield* t.spinLock(q.lockPtr);
  t.at('futex_lock_pi: READ(pi_state->owner)');
  if ((yield* t.readOnce(s.piOwner)) !== tidOf(t.id)) yield* fixupPiStateOwner(t, s, q);
  s.chain2.splice(s.chain2.indexOf(q), 1);
  putPiState(s);
  t.at('futex_lock_pi: unqueue_me_pi, spin_unlock(q.lock_ptr)');
  yield* t.spinUnlock(q.lockPtr);
  s.inSyscall--;
  return 0;
}

/**
 * wake_futex_pi (hb2.lock held): hand M to the top waiter of pi_mutex (or the queued task),
 * futex word first, pi_state->owner second, both under pi_mutex.wait_lock; then rt_mutex_unlock.
 */
function* wakeFutexPi(t: ThreadApi, s: FxState, q: FutexQ, uval: number): Prim<number> {
  if (!q.piState) return EINVAL;
  t.at('wake_futex_pi: READ(pi_state->owner)');
  const owner = yield* t.readOnce(s.piOwner);
  if (owner !== tidOf(t.id)) {
    t.WARN_ON(true, `wake_futex_pi: pi_state->owner is ${taskName(owner)}, not the unlocking ${TASK_NAMES[t.id]} (-EINVAL from pthread_mutex_unlock)`);
    return EINVAL;
  }
  t.at('wake_futex_pi: spin_lock(&pi_state->pi_mutex.wait_lock)');
  s.where[t.id] = 'wake_futex_pi: spin_lock(&pi_mutex.wait_lock) (holding hb2.lock)';
  yield* t.spinLock(s.waitLock);
  const next = s.rt.waiters[0] ?? q.task;
  const nv = (tidOf(next) | FUTEX_WAITERS) >>> 0;
  t.at(`wake_futex_pi: cmpxchg(M, uval, ${taskName(tidOf(next))} | FUTEX_WAITERS)`);
  const cur = yield* t.cmpxchg(s.uvalM, uval, nv);
  t.BUG_ON(cur !== uval, `wake_futex_pi: futex word changed under hb2.lock (${cur.toString(16)} != ${uval.toString(16)})`);
  t.at(`wake_futex_pi: pi_state->owner = ${taskName(tidOf(next))}`);
  yield* t.writeOnce(s.piOwner, tidOf(next));
  t.at('wake_futex_pi: spin_unlock(&pi_state->pi_mutex.wait_lock)');
  yield* t.spinUnlock(s.waitLock);
  yield* rtMutexUnlock(t, s);
  return 0;
}

/** futex_unlock_pi(M) by the owner. */
export function* futexUnlockPi(t: ThreadApi, s: FxState): Prim<number> {
  s.inSyscall++;
  const tid = tidOf(t.id);
  t.at('futex_unlock_pi: spin_lock(&hb2->lock)');
  s.where[t.id] = 'futex_unlock_pi: spin_lock(&hb2->lock)';
  yield* t.spinLock(s.hb2);
  t.at(`futex_unlock_pi: cmpxchg(M, ${taskName(tid)}, 0)`);
  const uval = yield* t.cmpxchg(s.uvalM, tid, 0);
  let r = 0;
  if (uval !== tid) {
    t.assert((uval & FUTEX_TID_MASK) === tid, `futex_unlock_pi by ${TASK_NAMES[t.id]} but M names ${taskName(uval & FUTEX_TID_MASK)} (-EPERM)`);
    const q = s.chain2.find((x) => x.key === 'M');
    if (q !== undefined) {
      r = yield* wakeFutexPi(t, s, q, uval);
    } else {
      t.at('futex_unlock_pi: unlock_futex_pi: cmpxchg(M, uval, 0)');
      yield* t.cmpxchg(s.uvalM, uval, uval & FUTEX_OWNER_DIED);
    }
  }
  t.at('futex_unlock_pi: spin_unlock(&hb2->lock)');
  yield* t.spinUnlock(s.hb2);
  s.inSyscall--;
  return r;
}
