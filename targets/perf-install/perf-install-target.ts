import type { Cell, Instance, Prim, SetupEnv, Target, ThreadApi, Workload } from '../../harness';
import { csdHandler } from './pf-ipi';
import { cancelSleep, prepareSleep, switchIn, switchOut, tryToWakeUp } from './pf-sched';
import { describePf, progCheck } from './pf-report';
import { pfIdle, sysPerfEventOpen } from './pf-threads';
import { CPU_OFFLINE, HOTPLUG_WRITER, IPI_CALL_FUNC, NCPUS, createPfState, type PfState } from './pf-state';
import { PF_VARIANTS, pfProtocolFor, pfSchedBarrierFor } from './pf-variants';

/**
 * Linux perf_install_in_context() against cpu hotplug and task wake-up (seed 004,
 * seeds-rendezvous-futex-perf.md section 3). Start state (after the PF-A prefix): T blocked
 * with task_cpu(T) = 1, cpu1 offline. Threads:
 *   cpu0: sys_perf_event_open(T): get_online_cpus, T->perf_event_ctxp = ctx, mutex_lock(ctx->mutex), perf_install_in_context, unlocks
 *   cpu1: cpu_up(1) (hotplug write lock, waits for readers), then idle with irqs on
 *   cpu2: maybe (choice) a signal wakes T here; T runs, prepares to sleep, and either sleeps or has the sleep cancelled
 * Checks: P-PROG (invariant: once installed and ctx->lock is free with no install IPI in flight,
 * the event is programmed on the cpu where T fully runs), P-ONCE, P-WHERE; liveness by the
 * engine (the v4.9 retry loop makes no progress). No history spec (assertions only).
 *
 * Explored schedule counts (asserted in perf-install.test.ts): dfs K=2 under sc, exhausted,
 * clean: landed 16983 schedules, landed-no-mb 16521. Under tso, landed dfs K=1 is 51891
 * schedules (exhausted clean in a manual run; the test covers the first 4000). Default 1500 +
 * PCT 500 runs are clean for landed (sc, tso, tso with acquire-only locks) and landed-no-mb
 * (sc, tso with fencing locks).
 */
export function perfInstallTarget(): Target {
  return {
    name: 'perf-install',
    summary: 'Linux perf_install_in_context vs cpu hotplug and wake-up (v4.9 livelock, Dec-7 hack, landed fix with and without smp_mb)',
    variants: PF_VARIANTS,
    workload: {
      threads: { min: 3, max: 3, default: 3 },
      opsPerThread: { min: 1, max: 1, default: 1 },
      opKinds: ['install'],
    },
    maxSteps: 1200,
    setup(env: SetupEnv, variant: string, workload: Workload): Instance {
      const found = pfProtocolFor(variant);
      if (found === undefined) throw new Error(`perf-install: unknown variant '${variant}' (have ${PF_VARIANTS.map((v) => v.name).join(', ')})`);
      if (workload.ops.length !== NCPUS) throw new Error(`perf-install: the scenario has exactly ${NCPUS} cpus, got ${workload.ops.length} threads`);
      const proto = found;
      const s = createPfState(env.mem, 'offline', pfSchedBarrierFor(variant));
      // describe()/invariant() run outside any thread: they read committed memory through a thread's peek (free).
      const ctx: PfCtx = { s, peeker: undefined };
      const peek = (c: Cell): number => (ctx.peeker === undefined ? 0 : ctx.peeker.peek(c));
      env.onIpi(IPI_CALL_FUNC, (t) => csdHandler(t, s, proto.remote));
      const installer = (t: ThreadApi) => {
        ctx.peeker ??= t;
        return sysPerfEventOpen(t, s, proto);
      };

      return {
        threads: [
          { name: 'cpu0', body: installer },
          { name: 'cpu1', body: (t: ThreadApi) => hotplug(t, ctx) },
          { name: 'cpu2', body: (t: ThreadApi) => runner(t, ctx) },
        ],
        invariant: () => progCheck(s, peek),
        atEnd: () => progCheck(s, peek) ?? (s.nrEvents === 1 ? undefined : `P-ONCE: the context holds ${s.nrEvents} events after the install returned`),
        describe: () => describePf(s, peek),
      };
    },
  };
}

// Generator functions live at module level (targets/classic/README.md "Code shape (speed)"):
// one created per execution gets its own hidden class and makes every `yield*` of it uncached.

/** Per-execution state the threads share. */
interface PfCtx {
  readonly s: PfState;
  /** The first thread to run: invariant()/describe() peek committed memory through it. */
  peeker: ThreadApi | undefined;
}

/** cpu1: cpu_up(1) under the hotplug write lock, then idle with irqs on. */
function* hotplug(t: ThreadApi, ctx: PfCtx): Prim<void> {
  const s = ctx.s;
  ctx.peeker ??= t;
  s.where[1] = 'offline; cpu_up(1) waiting for cpu_hotplug_lock (write)';
  for (;;) {
    t.at('cpu_up(1): cpus_write_lock: wait for get_online_cpus() readers');
    yield* t.waitUntil(s.hotplug, (x) => x === 0, 'cpu_hotplug_lock free (no reader, no writer)');
    if ((yield* t.cmpxchg(s.hotplug, 0, HOTPLUG_WRITER)) === 0) break;
  }
  t.at('cpu_up(1): set_cpu_online(1, true)');
  yield* t.writeOnce(s.online[CPU_OFFLINE], 1);
  t.at('cpu_up(1): cpus_write_unlock');
  yield* t.fetchAndNot(s.hotplug, HOTPLUG_WRITER);
  s.where[1] = 'online, idle';
  yield* pfIdle(t, s);
}

/** cpu2: maybe a signal wakes T here; T runs, prepares to sleep, and sleeps or has the sleep cancelled. */
function* runner(t: ThreadApi, ctx: PfCtx): Prim<void> {
  const s = ctx.s;
  ctx.peeker ??= t;
  t.at('cpu2: does a signal wake T during the install?');
  if ((yield* t.choose(2, 'signal wakes T')) === 1 && (yield* tryToWakeUp(t, s))) {
    yield* switchIn(t, s);
    yield* prepareSleep(t, s);
    t.at('T: sleep cancelled (condition already true) or schedule()?');
    if ((yield* t.choose(2, 'sleep cancelled')) === 1) {
      yield* cancelSleep(t, s);
      s.where[2] = 'running T (sleep was cancelled)';
    } else {
      yield* switchOut(t, s);
    }
  }
  yield* pfIdle(t, s);
}
