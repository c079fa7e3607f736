import type { Cell } from '../../harness';
import { CTX, HOTPLUG_WRITER, STATE_NAMES, type PfState } from './pf-state';

/** P-PROG (notes 3.8): at a quiescent point the event is programmed wherever T fully runs. */
export function progCheck(s: PfState, peek: (c: Cell) => number): string | undefined {
  if (!s.installed || s.ipisOutstanding > 0 || peek(s.ctxLock) !== 0) return undefined;
  const c = s.fullyRunning;
  if (c < 0 || s.pmu[c]) return undefined;
  return `P-PROG: perf_install_in_context returned and T runs on cpu${c}, but the event is not programmed on PMU[${c}] (events are only programmed at T's next switch-in)`;
}

/** Report lines: cpus, T, the context and PMUs, the hotplug lock, where each cpu is. */
export function describePf(s: PfState, peek: (c: Cell) => number): string[] {
  const hp = peek(s.hotplug);
  return [
    `online = [${s.online.map((c) => peek(c)).join(', ')}]; rq->curr = [${s.curr.map((c) => (peek(c) === 1 ? 'T' : 'idle')).join(', ')}]`,
    `T: state ${STATE_NAMES[peek(s.tState)] ?? peek(s.tState)}, task_cpu ${peek(s.taskCpu)}, perf_event_ctxp ${peek(s.ctxp) === CTX ? 'ctx' : 'NULL'}, ${s.fullyRunning >= 0 ? `running on cpu${s.fullyRunning}` : 'not running'}`,
    `ctx: nr_events ${s.nrEvents}; PMU = [${s.pmu.map((p, c) => `cpu${c}: ${p ? '{e}' : '{}'}`).join(', ')}]`,
    `cpu_hotplug_lock: ${hp & 0xff} reader(s)${hp & HOTPLUG_WRITER ? ', writer' : ''}; installer retries: ${s.retries}`,
    ...s.where.map((w, c) => `cpu${c}: ${w}`),
  ];
}
