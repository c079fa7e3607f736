import type { Prim, ThreadApi } from '../../harness';
import type { InstallProtocol } from './pf-install';
import { CTX, HOTPLUG_WRITER, type PfState } from './pf-state';

/** An idle cpu with irqs on (takes install IPIs) until sys_perf_event_open returned. */
export function* pfIdle(t: ThreadApi, s: PfState): Prim<void> {
  t.at('idle (irqs on)');
  yield* t.waitUntil(s.done, (v) => v === 1 && s.ipisOutstanding === 0, 'sys_perf_event_open done');
}

/**
 * sys_perf_event_open(pid = T) on the installer's cpu (notes 3.3): get_online_cpus(),
 * publish T->perf_event_ctxp (S1), mutex_lock(&ctx->mutex) (a fence or not, per the knob),
 * perf_install_in_context of the variant, then the unlocks. Records one `install` operation.
 */
export function* sysPerfEventOpen(t: ThreadApi, s: PfState, proto: InstallProtocol): Prim<void> {
  t.invoke('install');
  s.where[t.id] = 'sys_perf_event_open: get_online_cpus()';
  for (;;) {
    t.at('sys_perf_event_open: get_online_cpus()');
    const v = yield* t.waitUntil(s.hotplug, (x) => (x & HOTPLUG_WRITER) === 0, 'no hotplug writer');
    if ((yield* t.cmpxchg(s.hotplug, v, v + 1)) === v) break;
  }
  t.at('find_get_context: T->perf_event_ctxp = ctx');
  yield* t.writeOnce(s.ctxp, CTX);
  t.at('sys_perf_event_open: mutex_lock(&ctx->mutex)');
  yield* t.spinLock(s.ctxMutex);
  s.where[t.id] = 'perf_install_in_context';
  yield* proto.install(t, s);
  s.installed = true;
  s.where[t.id] = 'perf_install_in_context returned';
  t.at('sys_perf_event_open: mutex_unlock(&ctx->mutex)');
  yield* t.spinUnlock(s.ctxMutex);
  t.at('sys_perf_event_open: put_online_cpus()');
  yield* t.fetchAdd(s.hotplug, -1);
  t.ok();
  yield* t.writeOnce(s.done, 1);
  s.where[t.id] = 'returned to user space';
}
