import { expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';
import { isZero } from './predicates';

/** Lock word formatter: 0 = free, 1 = held. */
const fmtTas = (v: number): string => (v === 0 ? '0 (free)' : `${v} (held)`);

/** Unlock shared by every variant: a release store of 0 (x86 `movb $0`). */
function* tasUnlock(t: ThreadApi, l: Cell) {
  yield* t.smp_store_release(l, 0);
}

/**
 * The retry loop after a failed RMW. A failed xchg(l, 1) writes 1 over 1 and a failed
 * cmpxchg writes nothing, so spinning on them until the word reads 0 behaves exactly like
 * waiting for 0 and then retrying once: modelled as one waitUntil step so that exhaustive
 * search stays finite (seeds-qspinlock.md 2.5).
 */
function* spinWhileHeld(t: ThreadApi, l: Cell) {
  t.at('tas: spin');
  yield* t.waitUntil(l, isZero, '== 0 (free)');
  t.at('tas: retry');
}

// Generators are module-level and the builders bind the cell with arrow wrappers: a
// generator function created per execution gets a fresh prototype and hidden class on its
// first call, which keeps the execution alive until a full GC and leaves `yield*` uncached.

function* xchgLock(t: ThreadApi, l: Cell) {
  t.at('tas: xchg');
  while ((yield* t.xchg(l, 1)) !== 0) yield* spinWhileHeld(t, l);
}

function* xchgTrylock(t: ThreadApi, l: Cell) {
  return (yield* t.xchg(l, 1)) === 0;
}

/** Test-and-set with xchg: spin while the old value was 1. */
function xchgTas(l: Cell): MutexImpl {
  return {
    lock: (t) => xchgLock(t, l),
    unlock: (t) => tasUnlock(t, l),
    trylock: (t) => xchgTrylock(t, l),
  };
}

function* cmpxchgLock(t: ThreadApi, l: Cell) {
  t.at('tas: cmpxchg');
  while ((yield* t.cmpxchg(l, 0, 1)) !== 0) yield* spinWhileHeld(t, l);
}

function* cmpxchgTrylock(t: ThreadApi, l: Cell) {
  return (yield* t.cmpxchg(l, 0, 1)) === 0;
}

/** Test-and-set with cmpxchg(0 -> 1). */
function cmpxchgTas(l: Cell): MutexImpl {
  return {
    lock: (t) => cmpxchgLock(t, l),
    unlock: (t) => tasUnlock(t, l),
    trylock: (t) => cmpxchgTrylock(t, l),
  };
}

function* checkThenSetLock(t: ThreadApi, l: Cell) {
  t.at('tas: check');
  yield* t.waitUntil(l, isZero, '== 0 (free)');
  t.at('tas: set');
  yield* t.writeOnce(l, 1);
}

function* checkThenSetTrylock(t: ThreadApi, l: Cell) {
  t.at('tas: check');
  if ((yield* t.readOnce(l)) !== 0) return false;
  t.at('tas: set');
  yield* t.writeOnce(l, 1);
  return true;
}

/**
 * BUG: check-then-set. The test and the set are two steps: two threads can both read 0
 * before either writes 1, and both enter.
 */
function checkThenSet(l: Cell): MutexImpl {
  return {
    lock: (t) => checkThenSetLock(t, l),
    unlock: (t) => tasUnlock(t, l),
    trylock: (t) => checkThenSetTrylock(t, l),
  };
}

const BUILDERS = { xchg: xchgTas, cmpxchg: cmpxchgTas, 'check-then-set': checkThenSet };

/** Test-and-set spinlock. */
export const tasTarget: Target = {
  name: 'tas',
  summary: 'test-and-set spinlock (xchg / cmpxchg) and the check-then-set race',
  variants: [
    { name: 'xchg', summary: 'lock = xchg(l, 1) until it returns 0; unlock = release store of 0', expect: expectation('clean') },
    { name: 'cmpxchg', summary: 'lock = cmpxchg(l, 0, 1) until it succeeds', expect: expectation('clean') },
    {
      name: 'check-then-set',
      summary: 'BUG: reads the lock word, then writes 1 with a plain store: two threads both see 0 and both enter',
      expect: expectation('violation'),
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock', 'trylock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const l = env.mem.cell('tas.lock', 0, fmtTas);
    const impl = pickVariant('tas', variant, BUILDERS)(l);
    return mutexInstance(env, workload, {
      ...impl,
      describe: (peek) => [`tas.lock = ${fmtTas(peek(l))}`],
    }, { target: 'tas' });
  },
};
