import type { Prim, ThreadApi } from '../../harness';
import { EAGAIN, ENXIO, ESRCH, IPI_CALL_FUNC, TASK_T, type PfState, type RemoteCall } from './pf-state';

/** The function a csd runs on the target cpu (the variant's __perf_install_in_context). */
export type RemoteFn = (t: ThreadApi, s: PfState) => Prim<number>;

/**
 * smp_call_function_single(c, remote_function, data, wait = 1) from the installer (notes 3.3):
 * an offline target returns -ENXIO with no IPI and NO barrier of any kind; otherwise the csd
 * is queued with a fully ordered RMW (llist_add), the IPI sent, and the caller spins on csd.done.
 */
export function* smpCallFunctionSingle(t: ThreadApi, s: PfState, c: number, call: RemoteCall): Prim<number> {
  t.at(`smp_call_function_single(cpu${c}): READ(cpu_online(${c}))`);
  if ((yield* t.readOnce(s.online[c])) === 0) return ENXIO;
  s.call = call;
  t.at(`smp_call_function_single(cpu${c}): csd_lock; llist_add(&csd, &call_single_queue[${c}])`);
  yield* t.writeOnce(s.csdDone, 0);
  yield* t.xchg(s.csdQueue[c], 1);
  t.at(`smp_call_function_single(cpu${c}): arch_send_call_function_single_ipi`);
  yield* t.ipiSend(c, IPI_CALL_FUNC);
  s.ipisOutstanding++;
  s.where[t.id] = `waiting for the IPI on cpu${c} (csd_lock_wait)`;
  t.at(`smp_call_function_single(cpu${c}): csd_lock_wait`);
  yield* t.waitUntil(s.csdDone, (v) => v === 1, 'csd.done');
  return 0;
}

/**
 * The IPI handler: flush_smp_call_function_queue -> remote_function(data) on this cpu, with the
 * variant's `fn`. A module-level generator bound per execution by an arrow (targets/classic/README.md
 * "Code shape (speed)").
 */
export function* csdHandler(t: ThreadApi, s: PfState, fn: RemoteFn): Prim<void> {
  const c = t.id;
  t.at('flush_smp_call_function_queue: llist_del_all');
  yield* t.xchg(s.csdQueue[c], 0);
  const call = s.call!;
  const prev = s.where[c];
  s.where[c] = 'in the install IPI (irqs off)';
  yield* remoteFunction(t, s, call, fn);
  t.at('csd_unlock: smp_store_release(&csd.done)');
  yield* t.smp_store_release(s.csdDone, 1);
  s.ipisOutstanding--;
  s.where[c] = prev;
}

/** remote_function: for a task call, run only if T is on this cpu and current here. */
function* remoteFunction(t: ThreadApi, s: PfState, call: RemoteCall, fn: RemoteFn): Prim<void> {
  const c = t.id;
  if (call.task) {
    t.at('remote_function: READ(task_cpu(T)) == this cpu?');
    if ((yield* t.readOnce(s.taskCpu)) !== c) return; // ret stays -EAGAIN
    call.ret = ESRCH;
    t.at('remote_function: T == current?');
    if ((yield* t.readOnce(s.curr[c])) !== TASK_T) return;
  }
  call.ret = yield* fn(t, s);
}

/** cpu_function_call(c, fn): run fn on cpu c; -ENXIO when c is offline (v4.9's only tool). */
export function* cpuFunctionCall(t: ThreadApi, s: PfState, c: number): Prim<number> {
  const call: RemoteCall = { task: false, ret: ENXIO };
  const r = yield* smpCallFunctionSingle(t, s, c, call);
  return r !== 0 ? r : call.ret;
}

/** task_function_call(T, fn): retry while T moves (-EAGAIN); -ESRCH when T is not running; -ENXIO when its cpu is offline. */
export function* taskFunctionCall(t: ThreadApi, s: PfState): Prim<number> {
  for (;;) {
    t.at('task_function_call: READ(task_cpu(T))');
    const c = yield* t.readOnce(s.taskCpu);
    const call: RemoteCall = { task: true, ret: EAGAIN };
    let r = yield* smpCallFunctionSingle(t, s, c, call);
    if (r === 0) r = call.ret;
    if (r !== EAGAIN) return r;
  }
}
