import { expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';
import { isZero } from './predicates';

const fmtLock = (v: number): string => (v === 0 ? '0 (free)' : `${v} (held)`);

/**
 * Test-and-test-and-set: spin on plain reads (cache-local) until the word reads 0, then try
 * the xchg; `checkResult` false is the bug. Generators are module-level (a per-execution
 * generator function costs a fresh hidden class and uncached `yield*`); the builder binds the cell.
 */
function* ttasLock(t: ThreadApi, l: Cell, checkResult: boolean) {
  for (;;) {
    t.at('ttas: test');
    yield* t.waitUntil(l, isZero, '== 0 (free)');
    t.at('ttas: test-and-set');
    const old = yield* t.xchg(l, 1);
    // BUG (blind-xchg): "we just saw it free, so our xchg took it" - but another cpu
    // may have taken it between the read and the xchg.
    if (old === 0 || !checkResult) return;
  }
}

function* ttasUnlock(t: ThreadApi, l: Cell) {
  yield* t.smp_store_release(l, 0);
}

function* ttasTrylock(t: ThreadApi, l: Cell, checkResult: boolean) {
  t.at('ttas: test');
  if ((yield* t.readOnce(l)) !== 0) return false;
  t.at('ttas: test-and-set');
  const old = yield* t.xchg(l, 1);
  return old === 0 || !checkResult;
}

function ttas(l: Cell, checkResult: boolean): MutexImpl {
  return {
    lock: (t) => ttasLock(t, l, checkResult),
    unlock: (t) => ttasUnlock(t, l),
    trylock: (t) => ttasTrylock(t, l, checkResult),
  };
}

const BUILDERS = {
  correct: (l: Cell) => ttas(l, true),
  'blind-xchg': (l: Cell) => ttas(l, false),
};

/** Test-and-test-and-set spinlock. */
export const ttasTarget: Target = {
  name: 'ttas',
  summary: 'test-and-test-and-set spinlock: spin on reads, then xchg',
  variants: [
    { name: 'correct', summary: 'wait until the word reads 0, then xchg; retry when the xchg returned 1', expect: expectation('clean') },
    {
      name: 'blind-xchg',
      summary: 'BUG: ignores the xchg result after seeing the word free: two cpus that both saw 0 both enter',
      expect: expectation('violation'),
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock', 'trylock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const l = env.mem.cell('ttas.lock', 0, fmtLock);
    const impl = pickVariant('ttas', variant, BUILDERS)(l);
    return mutexInstance(env, workload, { ...impl, describe: (peek) => [`ttas.lock = ${fmtLock(peek(l))}`] }, { target: 'ttas' });
  },
};
