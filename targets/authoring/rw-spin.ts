import { expectation, pickVariant, rwlockInstance } from '../../harness';
import type { Cell, RwLockImpl, SetupEnv, Target, ThreadApi } from '../../harness';
import { isZero } from '../classic/predicates';

/** Per-execution lock words. */
interface RwWords {
  readonly readers: Cell;
  readonly writer: Cell;
  readonly casWriter: boolean;
}

const MINUS_ONE = 0xffffffff;
/** The writer's entry condition over both words (hoisted: no closure per lock). */
const noneInside = (v: readonly number[]): boolean => v[0] === 0 && v[1] === 0;

function* readLock(t: ThreadApi, w: RwWords) {
  for (;;) {
    t.at('read_lock: wait for no writer');
    yield* t.waitUntil(w.writer, isZero, 'writer == 0');
    t.at('read_lock: count in');
    yield* t.fetchAdd(w.readers, 1);
    if ((yield* t.readOnce(w.writer)) === 0) return;
    // a writer got in meanwhile: back out and wait again
    t.at('read_lock: back out');
    yield* t.fetchAdd(w.readers, MINUS_ONE);
  }
}

function* readUnlock(t: ThreadApi, w: RwWords) {
  t.at('read_unlock');
  yield* t.fetchAdd(w.readers, MINUS_ONE);
}

function* writeLock(t: ThreadApi, w: RwWords) {
  for (;;) {
    t.at('write_lock: wait until free');
    yield* t.waitUntilAll([w.writer, w.readers], noneInside, 'writer == 0 && readers == 0');
    if (!w.casWriter) {
      // BUG: check, then set: another writer passes the same check before this store
      t.at('write_lock: set writer');
      yield* t.writeOnce(w.writer, 1);
      return;
    }
    t.at('write_lock: cmpxchg writer');
    if ((yield* t.cmpxchg(w.writer, 0, 1)) !== 0) continue;
    // readers that counted in after the check see writer = 1 and back out
    t.at('write_lock: drain readers');
    yield* t.waitUntil(w.readers, isZero, 'readers == 0');
    return;
  }
}

function* writeUnlock(t: ThreadApi, w: RwWords) {
  t.at('write_unlock');
  yield* t.smp_store_release(w.writer, 0);
}

function rwSpin(env: SetupEnv, casWriter: boolean): RwLockImpl {
  const w: RwWords = { readers: env.mem.cell('rw.readers'), writer: env.mem.cell('rw.writer'), casWriter };
  return {
    readLock: (t) => readLock(t, w),
    readUnlock: (t) => readUnlock(t, w),
    writeLock: (t) => writeLock(t, w),
    writeUnlock: (t) => writeUnlock(t, w),
    describe: (peek) => [`rw.readers = ${peek(w.readers)}, rw.writer = ${peek(w.writer)}`],
  };
}

const BUILDERS = { correct: true, 'check-then-set': false };

/**
 * A reader-writer spinlock of two words, readers (a count) and writer (a flag), whose writer
 * waits for both to be zero with one multi-cell wait (`waitUntilAll`): the step is not
 * schedulable until the condition holds, and a hang report shows both values. `correct` then
 * claims the writer flag by cmpxchg and drains readers that slipped in; `check-then-set`
 * stores the flag after the check, so two writers pass the same check.
 */
export const rwSpinTarget: Target = {
  name: 'rw-spin',
  summary: 'reader-writer spinlock whose writer waits on two words at once (waitUntilAll)',
  variants: [
    { name: 'correct', summary: 'writer: wait until both are zero, cmpxchg the flag, drain late readers', expect: expectation('clean') },
    { name: 'check-then-set', summary: 'BUG: writer stores the flag after the check: two writers inside', expect: expectation('violation') },
  ],
  workload: { threads: { min: 2, max: 3, default: 3 }, opsPerThread: { min: 1, max: 2, default: 1 }, opKinds: ['mixed', 'read', 'write'] },
  spec: 'rwlock',
  setup(env, variant, workload) {
    return rwlockInstance(env, workload, rwSpin(env, pickVariant('rw-spin', variant, BUILDERS)), { target: 'rw-spin' });
  },
};
