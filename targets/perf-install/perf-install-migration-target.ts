import type { Cell, Instance, Prim, SetupEnv, Target, ThreadApi, VariantSpec, Workload } from '../../harness';
import { csdHandler } from './pf-ipi';
import { describePf, progCheck } from './pf-report';
import { pullTask, switchIn } from './pf-sched';
import { CPU_OFFLINE, IPI_CALL_FUNC, NCPUS, createPfState, type PfState } from './pf-state';
import { pfIdle, sysPerfEventOpen } from './pf-threads';
import { pfProtocolFor } from './pf-variants';

const VARIANTS: readonly VariantSpec[] = [
  {
    name: 'v4.9',
    summary: "v4.9 while T migrates from cpu1 to cpu2 during the install IPI (Peter's \"another problem\"): ctx->lock serialises the IPI and T's switch-in: clean (negative test)",
    expect: { sc: 'clean', tso: 'clean' },
  },
  {
    name: 'landed',
    summary: 'the landed fix in the same migration scenario: clean',
    expect: { sc: 'clean', tso: 'clean' },
  },
];

/**
 * PF-B (seeds-rendezvous-futex-perf.md 3.5), a regression test that must stay green: T is
 * queued (runnable, not current) on cpu1; cpu0 installs; cpu2 pulls T with only the rq locks
 * and switches it in, while the install IPI to cpu1 may be running with irqs off. "Right cpu
 * with irqs disabled" pins nothing, but ctx->lock orders the insert against T's switch-in, so
 * the event is programmed whenever T runs. Same checks as perf-install.
 */
export function perfInstallMigrationTarget(): Target {
  return {
    name: 'perf-install-migration',
    summary: 'perf_install_in_context while the task migrates between cpus (PF-B, expected clean)',
    variants: VARIANTS,
    workload: {
      threads: { min: 3, max: 3, default: 3 },
      opsPerThread: { min: 1, max: 1, default: 1 },
      opKinds: ['install'],
    },
    maxSteps: 1200,
    setup(env: SetupEnv, variant: string, workload: Workload): Instance {
      const found = VARIANTS.some((v) => v.name === variant) ? pfProtocolFor(variant) : undefined;
      if (found === undefined) throw new Error(`perf-install-migration: unknown variant '${variant}' (have ${VARIANTS.map((v) => v.name).join(', ')})`);
      if (workload.ops.length !== NCPUS) throw new Error(`perf-install-migration: the scenario has exactly ${NCPUS} cpus, got ${workload.ops.length} threads`);
      const proto = found;
      const s = createPfState(env.mem, 'queued');
      // describe()/invariant() run outside any thread: they read committed memory through a thread's peek (free).
      let peeker: ThreadApi | undefined;
      const peek = (c: Cell): number => (peeker === undefined ? 0 : peeker.peek(c));
      env.onIpi(IPI_CALL_FUNC, (t) => csdHandler(t, s, proto.remote));
      return {
        threads: [
          {
            name: 'cpu0',
            body: (t: ThreadApi) => {
              peeker ??= t;
              return sysPerfEventOpen(t, s, proto);
            },
          },
          { name: 'cpu1', body: (t: ThreadApi) => pfIdle(t, s) },
          { name: 'cpu2', body: (t: ThreadApi) => migrator(t, s) },
        ],
        invariant: () => progCheck(s, peek),
        atEnd: () => progCheck(s, peek) ?? (s.nrEvents === 1 ? undefined : `P-ONCE: the context holds ${s.nrEvents} events after the install returned`),
        describe: () => describePf(s, peek),
      };
    },
  };
}

/**
 * cpu2: pull T from cpu1 with only the rq locks, switch it in, then idle. Module level
 * (targets/classic/README.md "Code shape (speed)").
 */
function* migrator(t: ThreadApi, s: PfState): Prim<void> {
  yield* pullTask(t, s, CPU_OFFLINE);
  yield* switchIn(t, s);
  yield* pfIdle(t, s);
}
