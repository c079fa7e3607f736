import { checkOpKinds, expectation, pickVariant } from '../../harness';
import type { Cell, Instance, SetupEnv, Target, ThreadApi, ThreadSpec, Workload } from '../../harness';

/** One of the two spinlocks, with the key its history operations carry. */
interface Lock {
  readonly key: string;
  readonly cell: Cell;
}

/** Per-execution state. */
interface Pair {
  readonly a: Lock;
  readonly b: Lock;
  /** Every thread takes `a` first (lock ordering) instead of its own first lock. */
  readonly ordered: boolean;
  readonly counter: Cell;
  sections: number;
  peek: ((c: Cell) => number) | undefined;
}

/**
 * Take both locks: the first one blocking, the second by trylock; on failure release the
 * first, relax and retry ("after you"). Every attempt is recorded in the history (acquire,
 * try-acquire, release by key), as a model that logs what the code does would: each failed
 * attempt returns, which the default progress rule would count as progress.
 */
function* both(t: ThreadApi, p: Pair, first: Lock, second: Lock) {
  for (;;) {
    t.at('take first');
    t.invoke('acquire', undefined, first.key);
    yield* t.spinLock(first.cell);
    t.ok();
    t.at('try second');
    t.invoke('try-acquire', undefined, second.key);
    const got = yield* t.spinTrylock(second.cell);
    t.ok(got);
    if (got) break;
    t.at('back off');
    t.invoke('release', undefined, first.key);
    yield* t.spinUnlock(first.cell);
    t.ok();
    yield* t.cpuRelax();
  }
  // the only real progress: the operation as a whole succeeded (Target.progress 'explicit')
  t.progress('took both locks');
  t.at('critical section');
  t.enterCritical('pair');
  p.sections++;
  const v = yield* t.readOnce(p.counter);
  yield* t.writeOnce(p.counter, v + 1);
  t.exitCritical('pair');
  t.at('release both');
  for (const l of [second, first]) {
    t.invoke('release', undefined, l.key);
    yield* t.spinUnlock(l.cell);
    t.ok();
  }
}

function* worker(t: ThreadApi, p: Pair, ops: readonly string[]) {
  p.peek ??= (c) => t.peek(c);
  // odd threads start from the other lock, unless the variant orders the locks
  const mine = p.ordered || t.id % 2 === 0 ? [p.a, p.b] : [p.b, p.a];
  for (let k = 0; k < ops.length; k++) yield* both(t, p, mine[0]!, mine[1]!);
  t.at('done');
}

function pairInstance(env: SetupEnv, workload: Workload, ordered: boolean): Instance {
  checkOpKinds('polite-locks', workload, ['both']);
  const p: Pair = {
    a: { key: 'A', cell: env.mem.cell('lock.A') },
    b: { key: 'B', cell: env.mem.cell('lock.B') },
    ordered,
    counter: env.mem.cell('data.counter'),
    sections: 0,
    peek: undefined,
  };
  const threads: ThreadSpec[] = workload.ops.map((ops, i) => ({ name: `cpu${i}`, body: (t: ThreadApi) => worker(t, p, ops) }));
  return {
    threads,
    atEnd: () => {
      const got = p.peek?.(p.counter) ?? 0;
      return got === p.sections ? undefined : `lost update: data.counter = ${got} after ${p.sections} critical sections`;
    },
    describe: () => (p.peek === undefined ? [] : [`lock.A = ${p.peek(p.a.cell)}, lock.B = ${p.peek(p.b.cell)}`]),
  };
}

const BUILDERS = { ordered: true, polite: false };

/**
 * Two spinlocks taken together with "after you" back-off. With opposite lock orders two cpus
 * can take one lock each, fail the other, back off and retry in lockstep forever: a livelock
 * (the reason for lock ordering, or randomised back-off). Every attempt is recorded as an
 * operation, so the target declares its progress explicitly (`progress: 'explicit'`,
 * `t.progress()` once both locks are held); under the default rule the returns of the failed
 * attempts would count as progress and the hang oracle would never see the livelock.
 */
export const politeLocksTarget: Target = {
  name: 'polite-locks',
  summary: 'two spinlocks taken with trylock and back-off (a livelock recorded inside a retry loop)',
  variants: [
    { name: 'ordered', summary: 'every cpu takes lock A first: no livelock', expect: expectation('clean') },
    {
      name: 'polite',
      summary: 'BUG: odd cpus take B first; both back off and retry in lockstep forever (livelock)',
      expect: expectation('hang'),
    },
  ],
  workload: { threads: { min: 2, max: 3, default: 2 }, opsPerThread: { min: 1, max: 2, default: 1 }, opKinds: ['both'] },
  spec: 'mutex',
  progress: 'explicit',
  maxSteps: 400,
  setup(env, variant, workload) {
    return pairInstance(env, workload, pickVariant('polite-locks', variant, BUILDERS));
  },
};
