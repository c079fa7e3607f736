import type { Cell, CellAllocator } from '../../harness';

/** Futex word bits (kernel FUTEX_WAITERS / FUTEX_OWNER_DIED, renumbered: only their meaning matters). */
export const FUTEX_WAITERS = 0x40000000;
export const FUTEX_OWNER_DIED = 0x20000000;
export const FUTEX_TID_MASK = 0x0fffffff;

export const EINVAL = -22;
export const EAGAIN = -11;
export const EWOULDBLOCK = -11;
export const ESRCH = -3;
export const EDEADLK = -35;

/** Task roles of the minimal configuration (notes 2.9): index = thread id, tid = index + 1. */
export const TASK_O = 0;
export const TASK_P = 1;
export const TASK_H = 2;
export const TASK_NAMES = ['O', 'P', 'H'] as const;
/** Static priorities, smaller = more important: H steals from the pending owner P (notes 2.6). */
export const TASK_PRIO = [20, 30, 10] as const;

export const tidOf = (task: number): number => task + 1;
export const taskOfTid = (tid: number): number => tid - 1;
export const taskName = (tid: number): string => (tid === 0 ? 'none' : (TASK_NAMES[tid - 1] ?? `tid${tid}`));

/** A futex_q: a task queued on a hash bucket (notes 2.2). JS data protected by its hb lock. */
export interface FutexQ {
  readonly task: number;
  key: 'CV' | 'M';
  /** &hb1.lock or &hb2.lock: the lock that protects this q (and its pi_state fix-up). */
  lockPtr: Cell;
  /** Still has its rt_mutex_waiter to use (false once the requeuer took M on its behalf). */
  rtWaiter: boolean;
  /** Holds a reference on the (single) pi_state of M. */
  piState: boolean;
}

/** Shared state of one execution: futex words and locks are cells; lists are JS under their locks. */
export interface FxState {
  /** uaddr2: the PI pthread mutex word M. */
  readonly uvalM: Cell;
  /** uaddr1: cond->futex, the condvar sequence word CV. */
  readonly uvalCV: Cell;
  /** hb1 = bucket(CV), hb2 = bucket(M): distinct buckets (the same bucket hides the bug). */
  readonly hb1: Cell;
  readonly hb2: Cell;
  /** pi_state->pi_mutex.wait_lock. */
  readonly waitLock: Cell;
  /** pi_state->owner (tid, 0 = NULL). */
  readonly piOwner: Cell;
  /** Per-task wake-up counter: schedule() = futex-wait on it, wake_up_process() = bump + wake. */
  readonly wake: readonly Cell[];
  readonly chain1: FutexQ[];
  readonly chain2: FutexQ[];
  /** The pi_state of M (there is at most one). */
  readonly pi: { exists: boolean; refcount: number };
  /** pi_state->pi_mutex: owner tid, pending-owner flag, waiters (task ids, priority order). */
  readonly rt: { owner: number; pending: boolean; waiters: number[] };
  /** Ghost: where each task is (for reports). */
  readonly where: string[];
  /** Ghost: the task that holds M at user level (returned from lock / cond_wait), tid or 0. */
  holder: number;
  /** Ghost: tasks currently inside a futex syscall on M or CV. */
  inSyscall: number;
  /** Ghost: task for which the requeuer took M (with a pi_state) and which has not fixed up ownership yet, or -1. */
  awaitingFixup: number;
  /** Ghost: events worth a line in reports (e.g. a syscall returned holding a spinlock, check C5). */
  readonly notes: string[];
}

function uvalFormat(v: number): string {
  const tid = v & FUTEX_TID_MASK;
  let s = tid === 0 ? '0' : taskName(tid);
  if (v & FUTEX_WAITERS) s += '|WAITERS';
  if (v & FUTEX_OWNER_DIED) s += '|OWNER_DIED';
  return `${s} (0x${v.toString(16)})`;
}

/** Allocate the futex words, locks and empty kernel lists; M and CV start free / 0. */
export function createFxState(mem: CellAllocator): FxState {
  const lockFmt = (v: number): string => (v === 0 ? 'unlocked' : `held by ${TASK_NAMES[v - 1] ?? v}`);
  return {
    uvalM: mem.cell('M (futex word)', 0, uvalFormat),
    uvalCV: mem.cell('CV (cond->futex)', 0),
    hb1: mem.cell('hb1.lock', 0, lockFmt),
    hb2: mem.cell('hb2.lock', 0, lockFmt),
    waitLock: mem.cell('pi_mutex.wait_lock', 0, lockFmt),
    piOwner: mem.cell('pi_state->owner', 0, taskName),
    wake: TASK_NAMES.map((n) => mem.cell(`${n}.wakeups`, 0)),
    chain1: [],
    chain2: [],
    pi: { exists: false, refcount: 0 },
    rt: { owner: 0, pending: false, waiters: [] },
    where: TASK_NAMES.map(() => 'user space'),
    holder: 0,
    inSyscall: 0,
    awaitingFixup: -1,
    notes: [],
  };
}

/** Name of an hb lock cell for messages. */
export function lockName(s: FxState, c: Cell): string {
  return c === s.hb1 ? 'hb1.lock' : c === s.hb2 ? 'hb2.lock' : c.name;
}
