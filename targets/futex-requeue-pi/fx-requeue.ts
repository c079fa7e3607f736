import type { Prim, ThreadApi } from '../../harness';
import { fixupPiStateOwner, futexLockPiAtomic, putPiState } from './fx-futex-pi';
import { rtMutexFinishProxyLock, rtMutexStartProxyLock } from './fx-rtmutex';
import { schedule, wakeTicket, wakeUpProcess } from './fx-sched';
import { EAGAIN, EWOULDBLOCK, TASK_NAMES, lockName, taskName, tidOf, type FutexQ, type FxState } from './fx-state';

/** The two patches of August 2009 (notes 2.5). */
export interface RequeueFixes {
  /** PATCH 1/2: requeue_pi_wake_futex sets q->lock_ptr = &hb2->lock. */
  readonly updateLockPtr: boolean;
  /** PATCH 2/2: rt_mutex_start_proxy_lock drops wait_lock on the acquired path. */
  readonly unlockWaitLock: boolean;
}

/** requeue_pi_wake_futex: the requeuer took M for q's task; wake it. */
function* requeuePiWakeFutex(t: ThreadApi, s: FxState, q: FutexQ, fx: RequeueFixes): Prim<void> {
  q.key = 'M';
  const i = s.chain1.indexOf(q);
  if (i >= 0) s.chain1.splice(i, 1);
  q.rtWaiter = false;
  if (fx.updateLockPtr) q.lockPtr = s.hb2;
  if (q.piState) s.awaitingFixup = q.task;
  t.at(`requeue_pi_wake_futex(${TASK_NAMES[q.task]}): q->lock_ptr = ${lockName(s, q.lockPtr)}; wake_up_state`);
  yield* wakeUpProcess(t, s, q.task);
}

/**
 * futex_wait_requeue_pi(CV, val, M) by the waiter: queue on hb1, sleep; on return it holds
 * M, either taken for it by the requeuer (fix-up of pi_state->owner under q->lock_ptr) or
 * after being requeued onto M's rt_mutex (finish_proxy_lock, then fix-up under hb2).
 */
export function* futexWaitRequeuePi(t: ThreadApi, s: FxState, val: number): Prim<number> {
  s.inSyscall++;
  const q: FutexQ = { task: t.id, key: 'CV', lockPtr: s.hb1, rtWaiter: true, piState: false };
  t.at('futex_wait_requeue_pi: spin_lock(&hb1->lock)');
  s.where[t.id] = 'futex_wait_requeue_pi: spin_lock(&hb1->lock)';
  yield* t.spinLock(s.hb1);
  t.at('futex_wait_requeue_pi: READ(CV) == val?');
  if ((yield* t.readOnce(s.uvalCV)) !== val) {
    yield* t.spinUnlock(s.hb1);
    s.inSyscall--;
    return EWOULDBLOCK;
  }
  s.chain1.push(q);
  const ticket = wakeTicket(t, s);
  t.at('futex_wait_requeue_pi: queue_me on hb1, spin_unlock(&hb1->lock)');
  s.where[t.id] = 'futex_wait_requeue_pi: sleeping on CV (queued on hb1)';
  yield* t.spinUnlock(s.hb1);
  t.at('futex_wait_requeue_pi: schedule()');
  yield* schedule(t, s, ticket);
  const me = tidOf(t.id);
  if (!q.rtWaiter) {
    // The requeuer acquired M on our behalf (free, or stolen from a pending owner).
    if (q.piState) {
      t.at('futex_wait_requeue_pi: READ(q.pi_state->owner) != current?');
      if ((yield* t.readOnce(s.piOwner)) !== me) {
        t.at(`futex_wait_requeue_pi: spin_lock(q.lock_ptr = ${lockName(s, q.lockPtr)})`);
        s.where[t.id] = `futex_wait_requeue_pi: spin_lock(q.lock_ptr = ${lockName(s, q.lockPtr)})`;
        yield* t.spinLock(q.lockPtr);
        yield* fixupPiStateOwner(t, s, q);
        t.at(`futex_wait_requeue_pi: spin_unlock(${lockName(s, q.lockPtr)})`);
        yield* t.spinUnlock(q.lockPtr);
      }
      putPiState(s);
    }
    s.awaitingFixup = -1;
  } else {
    yield* rtMutexFinishProxyLock(t, s);
    t.at(`futex_wait_requeue_pi: spin_lock(q.lock_ptr = ${lockName(s, q.lockPtr)})`);
    s.where[t.id] = `futex_wait_requeue_pi: spin_lock(q.lock_ptr = ${lockName(s, q.lockPtr)})`;
    yield* t.spinLock(q.lockPtr);
    t.at('futex_wait_requeue_pi: READ(pi_state->owner)');
    if ((yield* t.readOnce(s.piOwner)) !== me) yield* fixupPiStateOwner(t, s, q);
    const i = s.chain2.indexOf(q);
    if (i >= 0) s.chain2.splice(i, 1);
    putPiState(s);
    t.at(`futex_wait_requeue_pi: unqueue_me_pi, spin_unlock(${lockName(s, q.lockPtr)})`);
    yield* t.spinUnlock(q.lockPtr);
  }
  s.inSyscall--;
  return 0;
}

/**
 * futex_requeue(CV, M, nr_wake = 1, nr_requeue, cmpval, requeue_pi = 1) by the signaller
 * (notes 2.4): with both hb locks held, try to take M for the top waiter; otherwise attach
 * to M's pi_state and start a proxy lock for each waiter (which may STEAL M from a pending
 * owner), or move it to hb2.
 */
export function* futexCmpRequeuePi(t: ThreadApi, s: FxState, cmpval: number, nrRequeue: number, fx: RequeueFixes): Prim<number> {
  s.inSyscall++;
  t.at('futex_requeue: double_lock_hb: spin_lock(&hb1->lock)');
  s.where[t.id] = 'futex_requeue: spin_lock(&hb1->lock)';
  yield* t.spinLock(s.hb1);
  t.at('futex_requeue: double_lock_hb: spin_lock(&hb2->lock)');
  s.where[t.id] = 'futex_requeue: spin_lock(&hb2->lock) (holding hb1.lock)';
  yield* t.spinLock(s.hb2);
  let cnt = 0;
  let ret = 0;
  let lookupRef = false;
  t.at('futex_requeue: READ(CV) == cmpval?');
  if ((yield* t.readOnce(s.uvalCV)) !== cmpval) {
    ret = EAGAIN;
  } else {
    const top = s.chain1.find((q) => q.key === 'CV');
    if (top !== undefined) {
      t.at(`futex_proxy_trylock_atomic(${TASK_NAMES[top.task]})`);
      const r = yield* futexLockPiAtomic(t, s, top.task);
      if (r === 1) {
        yield* requeuePiWakeFutex(t, s, top, fx);
        cnt = 1;
      } else if (r === 0) {
        lookupRef = true;
      } else {
        ret = r;
      }
    }
    for (const q of ret < 0 ? [] : s.chain1.filter((x) => x.key === 'CV')) {
      if (cnt - 1 >= nrRequeue) break;
      cnt++;
      t.BUG_ON(!s.pi.exists, 'futex_requeue: requeue_pi without a pi_state');
      q.piState = true;
      s.pi.refcount++;
      const r = yield* rtMutexStartProxyLock(t, s, q.task, fx.unlockWaitLock);
      if (r === 1) {
        yield* requeuePiWakeFutex(t, s, q, fx);
        continue;
      }
      // requeue_futex: move q to hb2, now protected by hb2.lock
      s.chain1.splice(s.chain1.indexOf(q), 1);
      s.chain2.push(q);
      q.lockPtr = s.hb2;
      q.key = 'M';
      t.at(`futex_requeue: requeue_futex(${TASK_NAMES[q.task]}) to M (q->lock_ptr = hb2.lock)`);
    }
  }
  if (lookupRef) putPiState(s);
  t.at('futex_requeue: double_unlock_hb: spin_unlock(&hb1->lock)');
  yield* t.spinUnlock(s.hb1);
  t.at('futex_requeue: double_unlock_hb: spin_unlock(&hb2->lock)');
  yield* t.spinUnlock(s.hb2);
  s.inSyscall--;
  if (t.peek(s.waitLock) === t.id + 1) {
    s.notes.push(`C5: ${taskName(tidOf(t.id))} returned to user space from FUTEX_CMP_REQUEUE_PI still holding pi_mutex.wait_lock (rt_mutex_start_proxy_lock took the lock for the waiter and kept wait_lock)`);
  }
  return ret < 0 ? ret : cnt;
}
