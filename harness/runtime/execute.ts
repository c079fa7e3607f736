/**
 * # The execution engine: steps and decisions
 *
 * `runExecution` runs ONE execution of a target variant for one workload and returns its
 * outcome as data (verdict, finding, history, decision log, optional trace and coverage).
 *
 * **Threads.** Every thread of the instance is a generator over `ThreadApi`. Each primitive
 * (`readOnce`, `cmpxchg`, `waitUntil`, `pvWait`, ...) records the thread's pending request and
 * yields once: that yield is the preemption point. When the scheduler picks the thread, the
 * generator resumes, the primitive's effect happens atomically, and the thread's local code
 * runs on to its next primitive. So one step = one primitive effect + the free local code after
 * it. Before the first step every thread is primed up to its first primitive (no step).
 *
 * **Options.** At each step the runtime lists the options in the canonical order of
 * strategy.ts: runnable threads cyclically starting at the current one (option 0 = keep running
 * the current thread, or the next runnable one), then one `flush` per cpu with buffered stores
 * (tso), then one `ipi` per cpu that can take a pending IPI now. A thread is runnable when it is
 * not blocked in the kernel (pv_wait halt, futex, sleep) and, for `waitUntil`, when its
 * predicate holds for the value it would read. An IPI is deliverable to a cpu whose irqs are on
 * and which is at a preemption point (running, spinning, or idle after its body returned); a
 * cpu blocked in pv_wait / futex_wait / sleep takes it only after it is woken (an interrupt
 * would otherwise be a spurious wake-up, which hides lost wake-ups: seeds-qspinlock.md 2.4).
 * The handler runs as nested steps of that cpu's thread with irqs off; on return irqs are
 * restored and a vector raised again meanwhile is delivered afterwards (coalesced sends: one).
 * Delivery is an explicit option, also for the running cpu, so that the strategy explores how
 * long an IPI stays pending (and an early delivery costs a preemption like an early flush).
 *
 * **Decisions.** With exactly one option the runtime takes it without asking and logs nothing.
 * Otherwise it asks `strategy.choose(point)` and appends the answer to the decision log.
 * `t.choose(n)` asks a ValuePoint when n > 1 (logged too). The answer HAND_OVER (-1) is
 * logged and ends the strategy's prefix; reaching `maxSteps` ends it too.
 *
 * **Preemptions** (issue 13 item 5): a switch away from a thread that could have continued,
 * wherever it happens: an option other than 0 at a choice point while the current thread is
 * runnable, or a fair-continuation pick that leaves a runnable current thread (an early flush or
 * IPI delivery counts too). Leaving a spinning thread is a free yield: its last step was a
 * `cpuRelax`, or it ran SPIN_RUN_STEPS steps in a row at choice points (the engine tells the
 * strategy through `SchedulingPoint.currentSpinning`). A hang judged by the fair window counts
 * up to its last progress event: the switches that only watch it stand still are not part of it. The point objects and their
 * option arrays are reused from step to step: strategies must not keep them.
 *
 * **Fair continuation.** After the prefix, a round-robin over slots (cpu 0..n-1: take a
 * deliverable IPI else step the thread if runnable; then flush slots for cpu 0..n-1) runs the
 * execution on. It is a deterministic function of the state, so replaying the logged prefix
 * reproduces the whole execution. Value choices answer 0 there.
 *
 * **Verdicts.** violation (BUG_ON / WARN_ON / assert, Instance.invariant after every step,
 * Instance.atEnd once everything returned, critical-section occupancy); crash (target code
 * threw); deadlock (no option at all while some thread is unfinished: nothing runnable, no
 * buffered store, no deliverable IPI); hang (in the fair continuation: no progress event for
 * `fairWindow` steps, or spin quiescence, see oracle/liveness-monitor.ts); inconclusive (the
 * continuation ran its own bound of maxSteps + fairWindow steps with progress still
 * happening, so a hang after late progress is still judged); ok. Starvation by an unfair
 * prefix is never reported because hangs are only judged under the fair continuation. A state
 * where every unfinished thread spins in waitUntil is a deadlock (nothing can run): its stuck
 * threads are reported as 'spinning'.
 *
 * **Memory.** The runtime sees only the MemoryModel interface (memory/memory-model.ts) built
 * by createMemoryModel: `sc`, or `tso` with per-cpu FIFO store buffers. Knobs decide which
 * kernel operations drain the issuing cpu's buffer (spin_lock acquire, spin_unlock, ipiSend,
 * pv_wait/pv_kick); RMWs, smp_mb, smp_store_mb, seq_cst stores and futex calls always drain.
 *
 * **Time.** History call/ret and trace rows use the 1-based number of the step in which they
 * happened; 0 = during priming. The driver (explore) calls strategy.beginExecution /
 * endExecution around this function; runExecution only calls `choose`.
 */
import { WordCellAllocator } from '../memory/cell-allocator';
import { isAsync } from '../target/any-target';
import type { SetupEnv } from '../target/target';
import type { ExecutionOptions } from './execution-options';
import { Execution } from './execution';
import { HarnessFault } from './harness-fault';
import type { ExecutionOutcome } from './outcome';
import { TargetError } from '../target/target-error';
import { errorLocation } from '../target/error-location';
import { formatWorkload } from '../target/workload-args';
import type { IpiHandler } from './thread-api';

/** Run one execution to a verdict. Throws only HarnessFault (bad options or decisions). */
export function runExecution(opts: ExecutionOptions): ExecutionOutcome {
  if (isAsync(opts.target)) throw new HarnessFault('bad-options', `runExecution runs generator targets; '${opts.target.name}' is an async target (use executeTarget)`);
  const target = opts.target;
  const alloc = new WordCellAllocator();
  const handlers: (readonly [number, IpiHandler])[] = [];
  const env: SetupEnv = {
    mem: alloc,
    memory: opts.memory,
    knobs: opts.knobs,
    onIpi(vector: number, handler: IpiHandler): void {
      handlers.push([vector, handler]);
    },
  };
  let ex: Execution;
  try {
    const instance = target.setup(env, opts.variant, opts.workload);
    ex = new Execution(opts, alloc, instance, handlers);
  } catch (e) {
    if (e instanceof HarnessFault || e instanceof TargetError) throw e;
    // a setup that throws is a mistake in the target (issue 8 "Bad input"), not a crash of the lock
    throw new TargetError(`target '${opts.target.name}', variant '${opts.variant}': setup threw ${errorText(e)} for the workload ${formatWorkload(opts.workload)}`);
  }
  ex.run();
  const outcome = ex.outcome();
  // cut the model's handles (t) from the execution: see ThreadContext.detach
  for (const th of ex.threads) th.detach();
  return outcome;
}

/** `TypeError: boom (at locks/lock.ts:12:7)`: the error and the first frame of the target's code. */
function errorText(e: unknown): string {
  if (typeof e !== 'object' || e === null || typeof (e as Error).message !== 'string') return String(e);
  const err = e as Error;
  const at = errorLocation(err.stack ?? '');
  return `${err.name}: ${err.message.split('\n')[0]}${at !== undefined ? ` (at ${at})` : ''}`;
}
