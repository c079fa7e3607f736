import { checkOpKinds, expectation, pickVariant, sameOpCount } from '../../harness';
import type { Cell, Instance, SetupEnv, Target, ThreadApi, ThreadSpec, Workload } from '../../harness';

/** Per-execution state: the barrier words and each thread's local sense. */
interface Barrier {
  readonly parties: number;
  readonly count: Cell;
  readonly sense: Cell;
  readonly local: number[];
  readonly reverse: boolean;
}

const senseIs = [(v: number): boolean => v === 0, (v: number): boolean => v === 1];

/** One `await`: arrive, then wait until the last party flips the global sense. */
function* arrive(t: ThreadApi, b: Barrier) {
  // sense reversal (Hensgen, Finkel & Manber 1988): each round waits for the opposite sense
  const my = b.reverse ? 1 - b.local[t.id]! : 1;
  b.local[t.id] = my;
  t.at('barrier: arrive');
  const pos = yield* t.fetchAdd(b.count, 1);
  if (pos === b.parties - 1) {
    t.at('barrier: last, release');
    yield* t.writeOnce(b.count, 0);
    yield* t.smp_store_release(b.sense, my);
    return;
  }
  t.at('barrier: wait');
  yield* t.waitUntil(b.sense, senseIs[my]!, `sense == ${my}`);
}

function* party(t: ThreadApi, b: Barrier, rounds: number) {
  for (let r = 0; r < rounds; r++) {
    t.invoke('await');
    yield* arrive(t, b);
    // no arrival index as output: the spec places an arrival at the call, the fetchAdd comes later
    t.ok();
  }
  t.at('done');
}

function barrierInstance(env: SetupEnv, workload: Workload, reverse: boolean): Instance {
  checkOpKinds('sense-barrier', workload, ['await']);
  const b: Barrier = {
    parties: workload.ops.length,
    count: env.mem.cell('barrier.count'),
    sense: env.mem.cell('barrier.sense'),
    local: new Array<number>(workload.ops.length).fill(0),
    reverse,
  };
  const threads: ThreadSpec[] = workload.ops.map((ops, i) => ({ name: `cpu${i}`, body: (t: ThreadApi) => party(t, b, ops.length) }));
  return { threads };
}

const BUILDERS = { correct: true, 'no-reversal': false };

/**
 * A centralised sense-reversing barrier whose parties are the workload's threads: the spec
 * follows the thread count (`barrier:N`, Target.spec as a function of the workload) and every
 * thread runs the same number of rounds (a `sameOpCount` constraint: a thread with an extra
 * round would wait forever for parties that never come, which is no bug of the barrier).
 * `no-reversal` always waits for sense 1: from the second round on the sense already reads 1,
 * so a party leaves before the others arrived. Its bug needs two rounds, which its hint says
 * (the generator favours one operation per thread); the fuzzer finds it without the hint too.
 */
export const senseBarrierTarget: Target = {
  name: 'sense-barrier',
  summary: 'sense-reversing barrier of all threads (spec barrier:N from the workload, rounds constrained)',
  variants: [
    { name: 'correct', summary: 'each round waits for the opposite sense', expect: expectation('clean') },
    {
      name: 'no-reversal',
      summary: 'BUG: every round waits for sense 1, so the second round does not wait at all',
      expect: expectation('violation'),
      hint: { opsPerThread: 2 },
    },
  ],
  workload: {
    threads: { min: 2, max: 3, default: 2 },
    opsPerThread: { min: 1, max: 3, default: 1 },
    opKinds: ['await'],
    constraints: [sameOpCount('every thread runs the same number of rounds')],
  },
  spec: (w) => `barrier:${w.ops.length}`,
  setup(env, variant, workload) {
    return barrierInstance(env, workload, pickVariant('sense-barrier', variant, BUILDERS));
  },
};
