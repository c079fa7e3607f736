import type { Cell, CellAllocator } from '../../harness';

/** Task states (notes 3.2). */
export const RUNNING = 0;
export const INTERRUPTIBLE = 1;
export const SLEEPING = 2;
export const WAKING = 3;
export const STATE_NAMES = ['RUNNING', 'INTERRUPTIBLE', 'SLEEPING', 'WAKING'] as const;

/** Value of curr[c] / perf_event_ctxp: 0 = idle / NULL, 1 = the task T / its context. */
export const TASK_T = 1;
export const CTX = 1;
/** cpu_hotplug_lock: reader count in the low bits, writer bit. */
export const HOTPLUG_WRITER = 0x100;

export const ENXIO = -6;
export const ESRCH = -3;
export const EAGAIN = -11;

/** IPI vector of the smp_call_function_single csd. */
export const IPI_CALL_FUNC = 2;

/** CPUs of the minimal configuration (notes 3.7): installer, T's offline cpu, the cpu T may run on. */
export const CPU_INSTALLER = 0;
export const CPU_OFFLINE = 1;
export const CPU_RUN = 2;
export const NCPUS = 3;

/** The csd a smp_call_function_single carries (struct remote_function_call). */
export interface RemoteCall {
  /** task_function_call: the task (T) to check; cpu_function_call: null. */
  readonly task: boolean;
  ret: number;
}

/** Shared memory (cells) and ghost/kernel state (JS, mutated under the locks that protect it). */
export interface PfState {
  readonly online: readonly Cell[];
  readonly curr: readonly Cell[];
  readonly taskCpu: Cell;
  readonly tState: Cell;
  readonly ctxp: Cell;
  readonly hotplug: Cell;
  readonly ctxLock: Cell;
  readonly ctxMutex: Cell;
  readonly piLock: Cell;
  readonly rqLock: readonly Cell[];
  readonly csdQueue: readonly Cell[];
  readonly csdDone: Cell;
  readonly done: Cell;
  /** ctx->nr_events (under ctx->lock). */
  nrEvents: number;
  /** PMU[c]: the event is programmed on cpu c (cpu-local hardware state). */
  readonly pmu: boolean[];
  /** cpuctx[c]->task_ctx == ctx. */
  readonly taskCtx: boolean[];
  /** Ghost: cpu on which T completed its switch-in and still runs, or -1. */
  fullyRunning: number;
  /** Ghost: cpu on which T is current (switch-in begun, switch-out not finished), or -1. */
  currentOn: number;
  /** Ghost: perf_install_in_context returned. */
  installed: boolean;
  /** Ghost: install IPIs sent and not yet completed. */
  ipisOutstanding: number;
  /** Ghost: iterations of the installer's retry loop. */
  retries: number;
  /** The csd in flight. */
  call: RemoteCall | undefined;
  /** Ghost: where each cpu is, for reports. */
  readonly where: string[];
  /**
   * What `smp_mb__before_spinlock()` is in __schedule: 'mb' (x86, where the rq->lock RMW is a
   * full barrier anyway; arm64 and PowerPC defined it so) or 'wmb' (the generic default of
   * that era, smp_wmb()).
   */
  readonly schedBarrier: 'mb' | 'wmb';
}

/**
 * Initial state. `offline` (PF-A prefix): T blocked on cpu1, cpu1 offline. `queued` (PF-B):
 * T runnable on cpu1's runqueue but not current, cpu1 online. T has no perf context yet.
 */
export function createPfState(mem: CellAllocator, start: 'offline' | 'queued' = 'offline', schedBarrier: 'mb' | 'wmb' = 'mb'): PfState {
  const queued = start === 'queued';
  const taskFmt = (v: number): string => (v === TASK_T ? 'T' : 'idle');
  return {
    online: [mem.cell('online[0]', 1), mem.cell('online[1]', queued ? 1 : 0), mem.cell('online[2]', 1)],
    curr: [0, 1, 2].map((c) => mem.cell(`rq[${c}]->curr`, 0, taskFmt)),
    taskCpu: mem.cell('task_cpu(T)', CPU_OFFLINE),
    tState: mem.cell('T->state', queued ? RUNNING : SLEEPING, (v) => STATE_NAMES[v] ?? String(v)),
    ctxp: mem.cell('T->perf_event_ctxp', 0, (v) => (v === CTX ? 'ctx' : 'NULL')),
    hotplug: mem.cell('cpu_hotplug_lock', 0, (v) => `${v & 0xff} readers${v & HOTPLUG_WRITER ? ', writer' : ''}`),
    ctxLock: mem.cell('ctx->lock', 0, lockFmt),
    ctxMutex: mem.cell('ctx->mutex', 0, lockFmt),
    piLock: mem.cell('T->pi_lock', 0, lockFmt),
    rqLock: [0, 1, 2].map((c) => mem.cell(`rq[${c}]->lock`, 0, lockFmt)),
    csdQueue: [0, 1, 2].map((c) => mem.cell(`call_single_queue[${c}]`, 0)),
    csdDone: mem.cell('csd.done', 0),
    done: mem.cell('sys_perf_event_open done', 0),
    nrEvents: 0,
    pmu: [false, false, false],
    taskCtx: [false, false, false],
    fullyRunning: -1,
    currentOn: -1,
    installed: false,
    ipisOutstanding: 0,
    retries: 0,
    call: undefined,
    where: ['', queued ? 'idle (T queued on this runqueue)' : 'offline', 'idle'],
    schedBarrier,
  };
}

function lockFmt(v: number): string {
  return v === 0 ? 'unlocked' : `held by cpu${v - 1}`;
}
