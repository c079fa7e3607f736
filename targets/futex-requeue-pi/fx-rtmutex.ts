import type { Prim, ThreadApi } from '../../harness';
import { schedule, wakeTicket, wakeUpProcess } from './fx-sched';
import { TASK_PRIO, taskName, taskOfTid, tidOf, type FxState } from './fx-state';

/**
 * pi_state->pi_mutex, the 2009 rt_mutex: an unlock hands the lock to the top waiter as a
 * PENDING owner, which a strictly more important task may steal until the pending owner runs
 * (notes 2.3). Owner, pending flag and waiter list are protected by wait_lock. Priority
 * boosting is not modelled (static priorities); only stealing depends on priority.
 */

function tryToSteal(s: FxState, task: number): boolean {
  if (!s.rt.pending) return false;
  if (s.rt.owner === tidOf(task)) return true;
  return TASK_PRIO[task] < TASK_PRIO[taskOfTid(s.rt.owner)];
}

/** try_to_take_rt_mutex (wait_lock held). */
function tryTake(s: FxState, task: number): boolean {
  if (s.rt.owner !== 0 && !tryToSteal(s, task)) return false;
  s.rt.owner = tidOf(task);
  s.rt.pending = false;
  dequeue(s, task);
  return true;
}

function enqueue(s: FxState, task: number): void {
  if (s.rt.waiters.includes(task)) return;
  let i = 0;
  while (i < s.rt.waiters.length && TASK_PRIO[s.rt.waiters[i]] <= TASK_PRIO[task]) i++;
  s.rt.waiters.splice(i, 0, task);
}

function dequeue(s: FxState, task: number): void {
  const i = s.rt.waiters.indexOf(task);
  if (i >= 0) s.rt.waiters.splice(i, 1);
}

/** The slow-path wait loop shared by rt_mutex_lock and rt_mutex_finish_proxy_lock (wait_lock held on entry and exit). */
function* waitLoop(t: ThreadApi, s: FxState, fn: string): Prim<void> {
  while (!tryTake(s, t.id)) {
    enqueue(s, t.id); // (re-)enqueue: the pending ownership handed to us may have been stolen
    const ticket = wakeTicket(t, s);
    t.at(`${fn}: spin_unlock(wait_lock)`);
    s.where[t.id] = `${fn}: blocked on pi_mutex (owner ${taskName(s.rt.owner)}${s.rt.pending ? ', pending' : ''})`;
    yield* t.spinUnlock(s.waitLock);
    t.at(`${fn}: schedule()`);
    yield* schedule(t, s, ticket);
    t.at(`${fn}: woken, spin_lock(&lock->wait_lock)`);
    s.where[t.id] = `${fn}: spin_lock(&pi_mutex.wait_lock)`;
    yield* t.spinLock(s.waitLock);
  }
}

/** rt_mutex_lock(&pi_state->pi_mutex) by the current task, slow path only. */
export function* rtMutexLock(t: ThreadApi, s: FxState): Prim<void> {
  t.at('rt_mutex_lock: spin_lock(&lock->wait_lock)');
  s.where[t.id] = 'rt_mutex_lock: spin_lock(&pi_mutex.wait_lock)';
  yield* t.spinLock(s.waitLock);
  yield* waitLoop(t, s, 'rt_mutex_slowlock');
  t.at('rt_mutex_lock: spin_unlock(&lock->wait_lock) (owner)');
  yield* t.spinUnlock(s.waitLock);
}

/** rt_mutex_finish_proxy_lock: the requeued waiter completes the acquisition started for it. */
export function* rtMutexFinishProxyLock(t: ThreadApi, s: FxState): Prim<void> {
  t.at('rt_mutex_finish_proxy_lock: spin_lock(&lock->wait_lock)');
  s.where[t.id] = 'rt_mutex_finish_proxy_lock: spin_lock(&pi_mutex.wait_lock)';
  yield* t.spinLock(s.waitLock);
  yield* waitLoop(t, s, 'rt_mutex_finish_proxy_lock');
  t.at('rt_mutex_finish_proxy_lock: spin_unlock(&lock->wait_lock)');
  yield* t.spinUnlock(s.waitLock);
}

/** rt_mutex_unlock: no waiters -> free; else the top waiter becomes the PENDING owner and is woken. */
export function* rtMutexUnlock(t: ThreadApi, s: FxState): Prim<void> {
  t.at('rt_mutex_unlock: spin_lock(&lock->wait_lock)');
  s.where[t.id] = 'rt_mutex_unlock: spin_lock(&pi_mutex.wait_lock)';
  yield* t.spinLock(s.waitLock);
  const next = s.rt.waiters.shift();
  if (next === undefined) {
    s.rt.owner = 0;
    s.rt.pending = false;
  } else {
    s.rt.owner = tidOf(next);
    s.rt.pending = true;
    t.at(`rt_mutex_unlock: wakeup_next_waiter (${taskName(tidOf(next))} becomes pending owner)`);
    yield* wakeUpProcess(t, s, next);
  }
  t.at('rt_mutex_unlock: spin_unlock(&lock->wait_lock)');
  yield* t.spinUnlock(s.waitLock);
}

/**
 * rt_mutex_start_proxy_lock(lock, waiter, task), called by the requeuer for `task`.
 * Returns 1 when it took the lock for `task` (free, or STOLEN from a pending owner); the
 * original returns on that path with wait_lock still held ("[PATCH 2/2][RT] Avoid deadlock
 * in rt_mutex_start_proxy_lock()" adds the unlock): `unlockOnAcquire`.
 */
export function* rtMutexStartProxyLock(t: ThreadApi, s: FxState, task: number, unlockOnAcquire: boolean): Prim<number> {
  t.at(`rt_mutex_start_proxy_lock(${taskName(tidOf(task))}): spin_lock(&lock->wait_lock)`);
  s.where[t.id] = 'rt_mutex_start_proxy_lock: spin_lock(&pi_mutex.wait_lock)';
  yield* t.spinLock(s.waitLock);
  if (s.rt.owner === 0 || tryToSteal(s, task)) {
    const stolenFrom = s.rt.owner;
    s.rt.owner = tidOf(task);
    s.rt.pending = false;
    t.at(`rt_mutex_start_proxy_lock: acquired for ${taskName(tidOf(task))}${stolenFrom !== 0 ? ` (stolen from pending owner ${taskName(stolenFrom)})` : ''}`);
    if (unlockOnAcquire) yield* t.spinUnlock(s.waitLock);
    return 1;
  }
  enqueue(s, task);
  t.at('rt_mutex_start_proxy_lock: waiter enqueued, spin_unlock(&lock->wait_lock)');
  yield* t.spinUnlock(s.waitLock);
  return 0;
}
