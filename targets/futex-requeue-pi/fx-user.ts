import type { Prim, ThreadApi } from '../../harness';
import { futexLockPi, futexUnlockPi } from './fx-futex-pi';
import { futexCmpRequeuePi, futexWaitRequeuePi, type RequeueFixes } from './fx-requeue';
import { EAGAIN, EWOULDBLOCK, TASK_NAMES, taskName, tidOf, type FxState } from './fx-state';

/**
 * The glibc side (notes 2.2, simplified): a PI pthread mutex on the futex word M and a
 * condition variable whose wait queue is the futex CV. Lock: cmpxchg(M, 0, tid) fast path,
 * else futex_lock_pi. Unlock: cmpxchg(M, tid, 0), else futex_unlock_pi. Each records a
 * history operation for the mutex-condvar spec and the critical-section occupancy.
 */

/** Kernel side of pthread_mutex_lock without the history record (also used by cond_wait). */
function* mutexLockInner(t: ThreadApi, s: FxState): Prim<void> {
  const tid = tidOf(t.id);
  t.at('pthread_mutex_lock: cmpxchg(M, 0, tid)');
  s.where[t.id] = 'pthread_mutex_lock';
  if ((yield* t.cmpxchg(s.uvalM, 0, tid)) !== 0) {
    const r = yield* futexLockPi(t, s);
    // C2: an error here reaches a correct program, which would run its critical section unlocked.
    t.assert(r === 0, `pthread_mutex_lock(M) by ${TASK_NAMES[t.id]} failed with ${r} (futex_lock_pi on a consistent program)`);
  }
  enter(t, s);
}

function enter(t: ThreadApi, s: FxState): void {
  t.enterCritical('M');
  s.holder = tidOf(t.id);
  s.where[t.id] = 'user space, holding M';
}

function* mutexUnlockInner(t: ThreadApi, s: FxState): Prim<void> {
  const tid = tidOf(t.id);
  t.at('pthread_mutex_unlock: cmpxchg(M, tid, 0)');
  s.where[t.id] = 'pthread_mutex_unlock';
  const old = yield* t.cmpxchg(s.uvalM, tid, 0);
  // Same step as the release (or as entering futex_unlock_pi, which hands M over later).
  t.exitCritical('M');
  s.holder = 0;
  if (old !== tid) {
    const r = yield* futexUnlockPi(t, s);
    t.assert(r === 0, `pthread_mutex_unlock(M) by ${TASK_NAMES[t.id]} failed with ${r}`);
  }
  s.where[t.id] = 'user space';
}

/** pthread_mutex_lock(M). */
export function* pthreadMutexLock(t: ThreadApi, s: FxState): Prim<void> {
  t.invoke('lock');
  yield* mutexLockInner(t, s);
  t.ok();
}

/** pthread_mutex_unlock(M). */
export function* pthreadMutexUnlock(t: ThreadApi, s: FxState): Prim<void> {
  t.invoke('unlock');
  yield* mutexUnlockInner(t, s);
  t.ok();
}

/**
 * pthread_cond_wait(CV, M), caller holds M: sample the sequence, release M, then
 * futex_wait_requeue_pi; on return M is held again. -EWOULDBLOCK (a signal came in between)
 * is a spurious wake-up: lock M the ordinary way.
 */
export function* pthreadCondWait(t: ThreadApi, s: FxState): Prim<void> {
  t.invoke('wait');
  t.at('pthread_cond_wait: READ(cond->futex)');
  const seq = yield* t.readOnce(s.uvalCV);
  yield* mutexUnlockInner(t, s);
  const r = yield* futexWaitRequeuePi(t, s, seq);
  if (r === EWOULDBLOCK) {
    yield* mutexLockInner(t, s);
  } else {
    t.assert(r === 0, `futex_wait_requeue_pi returned ${r}`);
    enter(t, s);
  }
  t.ok();
}

/** pthread_cond_signal(CV): bump the sequence, then FUTEX_CMP_REQUEUE_PI(nr_wake 1, nr_requeue 0). Does not need M. */
export function* pthreadCondSignal(t: ThreadApi, s: FxState, fx: RequeueFixes): Prim<void> {
  t.invoke('signal');
  for (;;) {
    t.at('pthread_cond_signal: atomic_inc(cond->futex)');
    const cmpval = (yield* t.fetchAdd(s.uvalCV, 1)) + 1;
    const r = yield* futexCmpRequeuePi(t, s, cmpval, 0, fx);
    if (r !== EAGAIN) {
      t.assert(r >= 0, `futex_cmp_requeue_pi returned ${r} (holder ${taskName(s.holder)})`);
      break;
    }
  }
  s.where[t.id] = 'user space';
  t.ok();
}
