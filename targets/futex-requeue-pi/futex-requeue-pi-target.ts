import type { Cell, Instance, Prim, SetupEnv, Target, ThreadApi, Workload } from '../../harness';
import { describeFx } from './fx-describe';
import { FUTEX_TID_MASK, TASK_H, TASK_NAMES, TASK_O, TASK_P, createFxState, taskName, type FxState } from './fx-state';
import { pthreadCondSignal, pthreadCondWait, pthreadMutexLock, pthreadMutexUnlock } from './fx-user';
import { FX_VARIANTS, fxFixesFor } from './fx-variants';
import type { RequeueFixes } from './fx-requeue';

/**
 * Linux FUTEX_WAIT_REQUEUE_PI / FUTEX_CMP_REQUEUE_PI with rt_mutex lock stealing, 2.6.31
 * era (seed 003; seeds-rendezvous-futex-perf.md section 2). One thread per task, the
 * minimal configuration of notes 2.9 with a condition flag so that no wait can miss its signal:
 *   O (prio 20): lock M; flag = 1; unlock M; cond_signal(CV); lock M; unlock M
 *   P (prio 30): lock M; unlock M
 *   H (prio 10): lock M; while (!flag) cond_wait(CV, M); unlock M
 * CV and M hash to different buckets (hb1, hb2). The workload is fixed: the op lists only
 * size it (3 threads, 1 op each). History: mutex-condvar (lock, unlock, wait, signal).
 *
 * Explored schedule counts (asserted in futex-requeue-pi.test.ts): landed, dfs K=2 under sc:
 * 11648 schedules, exhausted, no finding; under tso dfs K=1: 4440 (K=2: 317083, exhausted
 * clean in a manual run of about a minute); plus default 2000, random 1000, PCT 1000 runs (sc)
 * and random 500 (tso), every history linearizable against mutex-condvar.
 */
export function futexRequeuePiTarget(): Target {
  return {
    name: 'futex-requeue-pi',
    summary: 'Linux requeue-PI condvar vs rt_mutex lock steal (2009): WARN pid != pi_state->owner, wait_lock leaked, and the two fixes',
    variants: FX_VARIANTS,
    workload: {
      threads: { min: 3, max: 3, default: 3 },
      opsPerThread: { min: 1, max: 1, default: 1 },
      opKinds: ['scenario'],
    },
    spec: 'mutex-condvar',
    maxSteps: 2500,
    setup(env: SetupEnv, variant: string, workload: Workload): Instance {
      const fx = fxFixesFor(variant);
      if (fx === undefined) throw new Error(`futex-requeue-pi: unknown variant '${variant}' (have ${FX_VARIANTS.map((v) => v.name).join(', ')})`);
      if (workload.ops.length !== 3) throw new Error(`futex-requeue-pi: the scenario has exactly 3 tasks (O, P, H), got ${workload.ops.length} threads`);
      const s = createFxState(env.mem);
      const flag = env.mem.cell('cond_flag', 0);
      // describe()/invariant() run outside any thread: they read committed memory through a thread's peek (free).
      const ctx: FxCtx = { s, fx, flag, peeker: undefined };
      const peek = (c: Cell): number => (ctx.peeker === undefined ? 0 : ctx.peeker.peek(c));
      const programs = [(t: ThreadApi) => taskO(t, ctx), (t: ThreadApi) => taskP(t, ctx), (t: ThreadApi) => taskH(t, ctx)];
      return {
        threads: [TASK_O, TASK_P, TASK_H].map((i) => ({ name: TASK_NAMES[i], body: programs[i] })),
        invariant: () => quiescentCheck(s, peek),
        atEnd: () => endCheck(s, peek),
        describe: () => describeFx(s, peek),
      };
    },
  };
}

// Generator functions live at module level (targets/classic/README.md "Code shape (speed)"):
// one created per execution gets its own hidden class and makes every `yield*` of it uncached.

/** Per-execution state the three tasks share. */
interface FxCtx {
  readonly s: FxState;
  readonly fx: RequeueFixes;
  /** The condition flag (under M). */
  readonly flag: Cell;
  /** The first task to run: invariant()/describe() peek committed memory through it. */
  peeker: ThreadApi | undefined;
}

/** O (prio 20): lock M; flag = 1; unlock M; cond_signal(CV); lock M; unlock M. */
function* taskO(t: ThreadApi, ctx: FxCtx): Prim<void> {
  const s = ctx.s;
  ctx.peeker ??= t;
  yield* pthreadMutexLock(t, s);
  t.at('O: flag = 1 (under M)');
  yield* t.writeOnce(ctx.flag, 1);
  yield* pthreadMutexUnlock(t, s);
  yield* pthreadCondSignal(t, s, ctx.fx);
  yield* pthreadMutexLock(t, s);
  yield* pthreadMutexUnlock(t, s);
  s.where[t.id] = 'exited';
}

/** P (prio 30): lock M; unlock M. */
function* taskP(t: ThreadApi, ctx: FxCtx): Prim<void> {
  const s = ctx.s;
  ctx.peeker ??= t;
  yield* pthreadMutexLock(t, s);
  yield* pthreadMutexUnlock(t, s);
  s.where[t.id] = 'exited';
}

/** H (prio 10): lock M; while (!flag) cond_wait(CV, M); unlock M. */
function* taskH(t: ThreadApi, ctx: FxCtx): Prim<void> {
  const s = ctx.s;
  ctx.peeker ??= t;
  yield* pthreadMutexLock(t, s);
  for (;;) {
    t.at('H: READ(flag) (under M)');
    if ((yield* t.readOnce(ctx.flag)) !== 0) break;
    yield* pthreadCondWait(t, s);
  }
  yield* pthreadMutexUnlock(t, s);
  s.where[t.id] = 'exited';
}

/**
 * C3 (notes 2.10): with no task inside a futex syscall, the user-level holder, the futex
 * word and (if any) pi_state->owner and the rt_mutex owner agree. Never checked inside a
 * syscall: the requeue-to-fix-up window is legitimate there (notes 2.8).
 */
function quiescentCheck(s: FxState, peek: (c: Cell) => number): string | undefined {
  if (s.inSyscall > 0) return undefined;
  const tid = peek(s.uvalM) & FUTEX_TID_MASK;
  if (tid !== s.holder) return `C3: M is held by ${taskName(s.holder)} at user level but the futex word names ${taskName(tid)}`;
  if (s.pi.exists && s.holder !== 0) {
    const owner = peek(s.piOwner);
    if (owner !== s.holder || s.rt.owner !== s.holder || s.rt.pending) {
      return `C3: M is held by ${taskName(s.holder)} but pi_state->owner is ${taskName(owner)} and the rt_mutex owner ${taskName(s.rt.owner)}${s.rt.pending ? ' (pending)' : ''}`;
    }
  }
  return undefined;
}

/** End of run: M free, no queued futex_q, no pi_state left, no spinlock leaked (C3, C5). */
function endCheck(s: FxState, peek: (c: Cell) => number): string | undefined {
  const c3 = quiescentCheck(s, peek);
  if (c3 !== undefined) return c3;
  if (peek(s.uvalM) !== 0) return `C3: every task unlocked M but the futex word is 0x${peek(s.uvalM).toString(16)}`;
  if (s.chain1.length + s.chain2.length > 0) return 'futex_q left queued after every task returned';
  for (const [c, n] of [[s.hb1, 'hb1.lock'], [s.hb2, 'hb2.lock'], [s.waitLock, 'pi_mutex.wait_lock']] as const) {
    if (peek(c) !== 0) return `C5: ${n} still held by ${TASK_NAMES[peek(c) - 1]} after every task returned to user space`;
  }
  if (s.pi.exists) return `pi_state leaked (refcount ${s.pi.refcount})`;
  return undefined;
}
