import type { Instance, Prim, SetupEnv, Target, ThreadApi, ThreadSpec, Workload } from '../../harness';
import { rvAtEnd } from './rv-checks';
import type { RvKinds, RvProtocol } from './rv-protocol';
import { describeRvState } from './rv-describe';
import { createRvState, IPI_RENDEZVOUS, NOBAR, NULLFN, type RvState } from './rv-state';
import { RV_VARIANTS, rvProtocolFor } from './rv-variants';

/** Operation kinds: which of setup/action/teardown are real functions (1), NULL or NOBAR. */
export const RV_OP_KINDS: Readonly<Record<string, RvKinds>> = {
  /** setup NULL, action A_k, teardown NULL: exit barrier without a teardown function. */
  'rendezvous-null-teardown': [NULLFN, 1, NULLFN],
  /** setup NULL, action A_k, teardown T_k (uses arg_k): both barriers active (notes 1.2). */
  rendezvous: [NULLFN, 1, 1],
  /** setup S_k, action A_k, teardown T_k. */
  'rendezvous-setup': [1, 1, 1],
  /** no setup or exit barrier (the initiator itself waits for smp_rv_waiters[2]). */
  'rendezvous-no-barriers': [NOBAR, 1, NOBAR],
};

/**
 * FreeBSD smp_rendezvous() (seed 002; seeds-rendezvous-futex-perf.md section 1).
 * Threads are cpu0..cpuN-1; `ops[i]` lists the rendezvous cpu i initiates (on all cpus);
 * a cpu with no ops only takes IPI_RENDEZVOUS while idle with irqs on.
 * Canonical workload: `{ ops: [['rendezvous','rendezvous'], []] }` (2 cpus, 2 back-to-back calls).
 *
 * Explored schedule counts (canonical workload; asserted in smp-rendezvous.test.ts):
 * landed, dfs K=2: 930 schedules (sc), 1976 (tso); dfs K=3 sc: 14252; all exhausted, no finding.
 * Plus random and PCT, 300 runs each under sc and tso on the default (two-initiator) workload.
 */
export function smpRendezvousTarget(): Target {
  return {
    name: 'smp-rendezvous',
    summary: 'FreeBSD smp_rendezvous (2011): exit-barrier hang with irqs off, argument use-after-free, and the landed 4-counter fix',
    variants: RV_VARIANTS,
    workload: {
      threads: { min: 2, max: 4, default: 2 },
      opsPerThread: { min: 0, max: 3, default: 2 },
      opKinds: Object.keys(RV_OP_KINDS),
    },
    spec: 'rendezvous',
    maxSteps: 3000,
    setup(env: SetupEnv, variant: string, workload: Workload): Instance {
      const proto = rvProtocolFor(variant);
      if (proto === undefined) throw new Error(`smp-rendezvous: unknown variant '${variant}' (have ${RV_VARIANTS.map((v) => v.name).join(', ')})`);
      const ncpus = workload.ops.length;
      const kindsPerCpu = workload.ops.map((ops) =>
        ops.map((op) => {
          const k = RV_OP_KINDS[op];
          if (k === undefined) throw new Error(`smp-rendezvous: unknown operation '${op}' (have ${Object.keys(RV_OP_KINDS).join(', ')})`);
          return k;
        }),
      );
      const total = kindsPerCpu.reduce((a, ops) => a + ops.length, 0);
      const initiators = kindsPerCpu.filter((ops) => ops.length > 0).length;
      const s = createRvState(env.mem, ncpus, total, initiators, proto.results === true);
      // describe() runs outside any thread: it reads committed memory through a thread's peek (free, no step).
      const ctx: RvCtx = { s, proto, initiators, handled: new Int32Array(ncpus), peeker: undefined };
      env.onIpi(IPI_RENDEZVOUS, (t: ThreadApi) => rvIpiHandler(t, ctx));
      const threads: ThreadSpec[] = kindsPerCpu.map((ops, cpu) => ({
        name: `cpu${cpu}`,
        body: (t: ThreadApi) => cpuThread(t, ctx, ops, cpu),
      }));
      return {
        threads,
        atEnd: () => rvAtEnd(s),
        describe: () => (ctx.peeker === undefined ? [] : describeRvState(s, (c) => ctx.peeker!.peek(c))),
      };
    },
  };
}

// Generator functions live at module level (targets/classic/README.md "Code shape (speed)"):
// one created per execution gets its own hidden class and makes every `yield*` of it uncached.

/** Per-execution state the cpu threads and the IPI handler share. */
interface RvCtx {
  readonly s: RvState;
  readonly proto: RvProtocol;
  readonly initiators: number;
  /** Ghost: id of the last call whose IPI this cpu has handled. */
  readonly handled: Int32Array;
  /** The first thread to run: describe() peeks committed memory through it. */
  peeker: ThreadApi | undefined;
}

/** IPI_RENDEZVOUS: smp_rendezvous_action for the last call sent to this cpu. */
function* rvIpiHandler(t: ThreadApi, ctx: RvCtx): Prim<void> {
  const s = ctx.s;
  const k = s.lastSent[t.id];
  s.current[t.id] = k;
  yield* ctx.proto.action(t, s);
  ctx.handled[t.id] = k;
}

/** cpu `cpu`: initiate its rendezvous in order, then idle with irqs on until every call is handled. */
function* cpuThread(t: ThreadApi, ctx: RvCtx, ops: readonly RvKinds[], cpu: number): Prim<void> {
  const { s, proto, initiators, handled } = ctx;
  if (ctx.peeker === undefined) ctx.peeker = t;
  for (let i = 0; i < ops.length; i++) {
    yield* proto.rendezvous(t, s, ops[i]);
    t.ok();
  }
  if (ops.length > 0) {
    t.at('initiator done');
    yield* t.fetchAdd(s.finished, 1);
  }
  t.at('idle (irqs on)');
  yield* t.waitUntil(s.finished, (v) => v >= initiators && handled[cpu] === s.lastSent[cpu], 'every initiator done and no IPI_RENDEZVOUS outstanding');
}
