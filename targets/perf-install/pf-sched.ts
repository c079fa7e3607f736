import type { Prim, ThreadApi } from '../../harness';
import { CTX, INTERRUPTIBLE, RUNNING, SLEEPING, TASK_T, WAKING, type PfState } from './pf-state';

/**
 * The scheduler side (notes 3.3): context switches with the perf hooks, and
 * try_to_wake_up. cpuctx->lock is left out: it is only taken on its own cpu with irqs off,
 * where no install IPI can interleave.
 */

/** perf_event_context_sched_in(c, ctx): program the context's events if it has any (under ctx->lock). */
function* perfCtxSchedIn(t: ThreadApi, s: PfState): Prim<void> {
  const c = t.id;
  if (s.taskCtx[c]) return;
  t.at('perf_event_context_sched_in: raw_spin_lock(&ctx->lock)');
  yield* t.spinLock(s.ctxLock);
  if (s.nrEvents > 0) {
    s.pmu[c] = true;
    s.taskCtx[c] = true;
  }
  t.at(`perf_event_context_sched_in: nr_events ${s.nrEvents}${s.nrEvents > 0 ? ', event programmed' : ''}; raw_spin_unlock(&ctx->lock)`);
  yield* t.spinUnlock(s.ctxLock);
}

/** __schedule() + finish_task_switch on cpu `t.id`: T becomes current (full barrier before the rq->curr store, none after). */
export function* switchIn(t: ThreadApi, s: PfState): Prim<void> {
  const c = t.id;
  t.irqDisable();
  s.where[c] = 'switching T in';
  t.at('__schedule: smp_mb__before_spinlock(); raw_spin_lock(&rq->lock)');
  if (s.schedBarrier === 'mb') yield* t.smp_mb();
  else yield* t.smp_wmb();
  yield* t.spinLock(s.rqLock[c]);
  t.at('__schedule: rq->curr = T');
  yield* t.writeOnce(s.curr[c], TASK_T);
  s.currentOn = c;
  yield* t.spinUnlock(s.rqLock[c]);
  t.at('perf_event_task_sched_in: READ(T->perf_event_ctxp)');
  if ((yield* t.readOnce(s.ctxp)) === CTX) yield* perfCtxSchedIn(t, s);
  s.fullyRunning = c;
  s.where[c] = 'running T';
  t.irqEnable();
}

/** schedule() by T on cpu `t.id`: perf sched-out, then T leaves the cpu (dequeued if not RUNNING). */
export function* switchOut(t: ThreadApi, s: PfState): Prim<void> {
  const c = t.id;
  t.irqDisable();
  s.fullyRunning = -1;
  s.where[c] = 'switching T out';
  if (s.taskCtx[c]) {
    t.at('perf_event_task_sched_out: raw_spin_lock(&ctx->lock)');
    yield* t.spinLock(s.ctxLock);
    s.pmu[c] = false;
    s.taskCtx[c] = false;
    t.at('perf_event_task_sched_out: event unprogrammed; raw_spin_unlock(&ctx->lock)');
    yield* t.spinUnlock(s.ctxLock);
  }
  t.at('__schedule: raw_spin_lock(&rq->lock)');
  yield* t.spinLock(s.rqLock[c]);
  yield* t.writeOnce(s.curr[c], 0);
  s.currentOn = -1;
  if ((yield* t.readOnce(s.tState)) !== RUNNING) {
    t.at('__schedule: deactivate_task (T->state = SLEEPING)');
    yield* t.writeOnce(s.tState, SLEEPING);
  }
  yield* t.spinUnlock(s.rqLock[c]);
  t.assert(!s.pmu[c], `P-WHERE: the event is still programmed on PMU[${c}] after T left cpu${c}`);
  s.where[c] = 'idle';
  t.irqEnable();
}

/** try_to_wake_up(T) from cpu `t.id`, placing T on this cpu's runqueue. Returns true when T must be switched in here. */
export function* tryToWakeUp(t: ThreadApi, s: PfState): Prim<boolean> {
  const c = t.id;
  t.at('try_to_wake_up(T): raw_spin_lock_irqsave(&T->pi_lock)');
  yield* t.spinLock(s.piLock);
  const st = yield* t.readOnce(s.tState);
  if (st === RUNNING || s.currentOn >= 0) {
    // still on a cpu (e.g. INTERRUPTIBLE before schedule()): just mark it running
    if (st !== RUNNING) yield* t.writeOnce(s.tState, RUNNING);
    yield* t.spinUnlock(s.piLock);
    return false;
  }
  t.at('try_to_wake_up: T->state = TASK_WAKING; set_task_cpu(T, this cpu)');
  yield* t.writeOnce(s.tState, WAKING);
  yield* t.writeOnce(s.taskCpu, c);
  t.at('ttwu_queue: activate_task on this rq; T->state = TASK_RUNNING');
  yield* t.spinLock(s.rqLock[c]);
  yield* t.writeOnce(s.tState, RUNNING);
  yield* t.spinUnlock(s.rqLock[c]);
  yield* t.spinUnlock(s.piLock);
  return true;
}

/** set_current_state(TASK_INTERRUPTIBLE) by T. */
export function* prepareSleep(t: ThreadApi, s: PfState): Prim<void> {
  t.at('T: set_current_state(TASK_INTERRUPTIBLE)');
  yield* t.writeOnce(s.tState, INTERRUPTIBLE);
}

/** The sleep is cancelled (condition already true / signal): T->state = RUNNING, no context switch. */
export function* cancelSleep(t: ThreadApi, s: PfState): Prim<void> {
  t.at('T: sleep cancelled, __set_current_state(TASK_RUNNING), keeps running (no context switch)');
  yield* t.writeOnce(s.tState, RUNNING);
}

/** load_balance / pull_task on cpu `t.id`: migrate the queued T from cpu `from` (rq locks only, no IPI to `from`). */
export function* pullTask(t: ThreadApi, s: PfState, from: number): Prim<void> {
  const c = t.id;
  t.at(`load_balance: double_rq_lock(rq[${from}], rq[${c}])`);
  yield* t.spinLock(s.rqLock[Math.min(from, c)]);
  yield* t.spinLock(s.rqLock[Math.max(from, c)]);
  t.at(`pull_task: set_task_cpu(T, ${c})`);
  yield* t.writeOnce(s.taskCpu, c);
  yield* t.spinUnlock(s.rqLock[Math.max(from, c)]);
  yield* t.spinUnlock(s.rqLock[Math.min(from, c)]);
}
