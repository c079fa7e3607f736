import type { Prim, ThreadApi } from '../../harness';
import { cpuFunctionCall, taskFunctionCall, type RemoteFn } from './pf-ipi';
import { ESRCH, RUNNING, TASK_T, WAKING, type PfState } from './pf-state';

/** One version of perf_install_in_context and the function its IPI runs. */
export interface InstallProtocol {
  install(t: ThreadApi, s: PfState): Prim<void>;
  remote: RemoteFn;
}

/** add_event_to_ctx (ctx->lock held): the event is in the context, not programmed anywhere. */
function addEventToCtx(t: ThreadApi, s: PfState): void {
  s.nrEvents++;
  t.assert(s.nrEvents === 1, `P-ONCE: the event was added to the context ${s.nrEvents} times`);
}

/** ctx_resched on this cpu where T is current: program the context's events. */
function ctxResched(t: ThreadApi, s: PfState): void {
  s.pmu[t.id] = true;
  s.taskCtx[t.id] = true;
}

function* lockCtx(t: ThreadApi, s: PfState, where: string): Prim<void> {
  t.irqDisable();
  t.at(`${where}: raw_spin_lock_irq(&ctx->lock)`);
  yield* t.spinLock(s.ctxLock);
}

function* unlockCtx(t: ThreadApi, s: PfState, where: string): Prim<void> {
  t.at(`${where}: raw_spin_unlock_irq(&ctx->lock)`);
  yield* t.spinUnlock(s.ctxLock);
  t.irqEnable();
}

/** v4.9 __perf_install_in_context: insert; program only if T is current here; -ESRCH if T is not on this cpu. */
function* remoteV49(t: ThreadApi, s: PfState): Prim<number> {
  const c = t.id;
  t.at('__perf_install_in_context: raw_spin_lock(&ctx->lock)');
  yield* t.spinLock(s.ctxLock);
  let ret = 0;
  t.at('__perf_install_in_context: task_cpu(ctx->task) != smp_processor_id()?');
  if ((yield* t.readOnce(s.taskCpu)) !== c) {
    ret = ESRCH;
  } else {
    t.at('__perf_install_in_context: activate = (ctx->task == current)');
    const activate = (yield* t.readOnce(s.curr[c])) === TASK_T;
    addEventToCtx(t, s);
    if (activate) ctxResched(t, s);
  }
  t.at('__perf_install_in_context: raw_spin_unlock(&ctx->lock)');
  yield* t.spinUnlock(s.ctxLock);
  return ret;
}

/**
 * v4.9 perf_install_in_context (notes 3.4 P0): IPI the cpu of T unconditionally and retry
 * forever. With T blocked on an offline cpu every call is -ENXIO: a livelock holding
 * get_online_cpus(), so the cpu cannot come back (PF-A).
 */
export function v49Protocol(): InstallProtocol {
  return {
    remote: remoteV49,
    *install(t, s) {
      for (;;) {
        s.retries++;
        t.at('perf_install_in_context: cpu_function_call(task_cpu(T), __perf_install_in_context)');
        const c = yield* t.readOnce(s.taskCpu);
        if ((yield* cpuFunctionCall(t, s, c)) === 0) return;
        s.where[t.id] = `perf_install_in_context retry loop (iteration ${s.retries}; cpu${c} offline)`;
        yield* lockCtx(t, s, 'perf_install_in_context (TOMBSTONE check)');
        yield* unlockCtx(t, s, 'perf_install_in_context: goto again');
      }
    },
  };
}

/**
 * Peter's Dec-7 hack (notes 3.4 P1): when the IPI fails, decide under T->pi_lock from
 * T->state whether T runs. A task that is INTERRUPTIBLE but still current (about to sleep,
 * and the sleep may be cancelled) is taken for "not running": the event is added but never
 * programmed while T keeps running (PF-C).
 */
export function dec7Protocol(): InstallProtocol {
  return {
    remote: remoteV49,
    *install(t, s) {
      for (;;) {
        s.retries++;
        t.at('perf_install_in_context: cpu_function_call(task_cpu(T), __perf_install_in_context)');
        const c = yield* t.readOnce(s.taskCpu);
        if ((yield* cpuFunctionCall(t, s, c)) === 0) return;
        yield* lockCtx(t, s, 'perf_install_in_context (TOMBSTONE check)');
        yield* unlockCtx(t, s, 'perf_install_in_context');
        t.irqDisable();
        t.at('perf_install_in_context: raw_spin_lock_irq(&T->pi_lock)');
        yield* t.spinLock(s.piLock);
        t.at('perf_install_in_context: READ(T->state) (RUNNING or WAKING?)');
        const st = yield* t.readOnce(s.tState);
        if (st !== RUNNING && st !== WAKING) {
          t.at('perf_install_in_context: T not running: raw_spin_lock(&ctx->lock); add_event_to_ctx');
          yield* t.spinLock(s.ctxLock);
          addEventToCtx(t, s);
          yield* t.spinUnlock(s.ctxLock);
          yield* t.spinUnlock(s.piLock);
          t.irqEnable();
          return;
        }
        t.at('perf_install_in_context: raw_spin_unlock_irq(&T->pi_lock); cond_resched()');
        yield* t.spinUnlock(s.piLock);
        t.irqEnable();
        yield* t.cpuRelax();
      }
    },
  };
}

/** task_curr(T): READ(rq[task_cpu(T)]->curr) == T. */
function* taskCurr(t: ThreadApi, s: PfState): Prim<boolean> {
  t.at('task_curr(T): READ(task_cpu(T))');
  const c = yield* t.readOnce(s.taskCpu);
  t.at(`task_curr(T): READ(rq[${c}]->curr) == T?`);
  return (yield* t.readOnce(s.curr[c])) === TASK_T;
}

/** v4.10 __perf_install_in_context: reprogram if T is current here; -ESRCH if T runs elsewhere. */
function* remoteLanded(t: ThreadApi, s: PfState): Prim<number> {
  const c = t.id;
  t.at('__perf_install_in_context: raw_spin_lock(&ctx->lock)');
  yield* t.spinLock(s.ctxLock);
  t.at('__perf_install_in_context: reprogram = (ctx->task == current)');
  const reprogram = (yield* t.readOnce(s.curr[c])) === TASK_T;
  let ret = 0;
  if (!reprogram && (yield* taskCurr(t, s))) {
    ret = ESRCH;
  } else {
    addEventToCtx(t, s);
    if (reprogram) ctxResched(t, s);
  }
  t.at('__perf_install_in_context: raw_spin_unlock(&ctx->lock)');
  yield* t.spinUnlock(s.ctxLock);
  return ret;
}

/**
 * The landed fix, 63cae12bce98 (notes 3.4 P2): smp_mb(), task_function_call; on failure,
 * under ctx->lock, retry if task_curr(T), else add the event (T's next switch-in programs it
 * under the same lock). `mb` false = P2-nomb (Will's question, PF-D).
 */
export function landedProtocol(mb: boolean): InstallProtocol {
  return {
    remote: remoteLanded,
    *install(t, s) {
      if (mb) {
        t.at('perf_install_in_context: smp_mb() (orders the ctxp store before the task_cpu load)');
        yield* t.smp_mb();
      }
      for (;;) {
        s.retries++;
        if ((yield* taskFunctionCall(t, s)) === 0) return;
        yield* lockCtx(t, s, 'perf_install_in_context');
        if (yield* taskCurr(t, s)) {
          yield* unlockCtx(t, s, 'perf_install_in_context: task_curr, goto again');
          continue;
        }
        t.at('perf_install_in_context: T not running: add_event_to_ctx');
        addEventToCtx(t, s);
        yield* unlockCtx(t, s, 'perf_install_in_context');
        return;
      }
    },
  };
}
