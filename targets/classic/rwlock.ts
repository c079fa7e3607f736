import { expectation, pickVariant, rwlockInstance } from '../../harness';
import type { Cell, RwLockImpl, SetupEnv, Target, ThreadApi } from '../../harness';
import { isZero } from './predicates';

/** Lock word: bit 0 = writer holds it, bits 1.. = number of readers (one reader = 2). */
const WRITER = 1;
const READER = 2;

/** Wait predicate: the writer bit is clear (hoisted: no closure per wait). */
const noWriter = (v: number): boolean => (v & WRITER) === 0;

const fmtRw = (v: number): string => `${v >>> 1} reader(s)${v & WRITER ? ', writer' : ''}`;

interface RwOptions {
  /** Reader takes its share with one cmpxchg that also sees the writer bit. */
  readonly atomicReader: boolean;
  /** Writer waits for the reader count to drain to 0 before it owns the lock. */
  readonly writerDrains: boolean;
  /**
   * Order of the lock cmpxchgs: 'acquire' as the kernel's queued rwlock
   * (atomic_cmpxchg_acquire); 'relaxed' is the bug only a weakly ordered cpu shows.
   */
  readonly lockOrder: 'acquire' | 'relaxed';
}

// The lock's generators are module-level and the object below binds this execution's
// cells with arrow wrappers: a generator function created per execution gets a fresh
// prototype and hidden class on its first call, which keeps the execution alive until a
// full GC and leaves every `yield*` of it uncached.

function* rwReadLock(t: ThreadApi, w: Cell, o: RwOptions) {
  for (;;) {
    t.at('rw: wait for no writer');
    const v = yield* t.waitUntil(w, noWriter, 'no writer bit');
    if (!o.atomicReader) {
      // BUG (reader-check-then-add): a writer can take the lock between the check and the add.
      t.at('rw: add reader');
      yield* t.fetchAdd(w, READER);
      return;
    }
    t.at('rw: cmpxchg reader');
    if ((yield* t.cmpxchg(w, v, v + READER, o.lockOrder)) === v) return;
  }
}

function* rwReadUnlock(t: ThreadApi, w: Cell) {
  t.at('rw: drop reader');
  yield* t.fetchAdd(w, -READER, 'release');
}

function* rwWriteLock(t: ThreadApi, w: Cell, o: RwOptions) {
  for (;;) {
    if (o.writerDrains) {
      t.at('rw: wait for free');
      yield* t.waitUntil(w, isZero, '== 0 (no reader, no writer)');
      t.at('rw: cmpxchg writer');
      if ((yield* t.cmpxchg(w, 0, WRITER, o.lockOrder)) === 0) return;
    } else {
      // BUG (writer-no-drain): takes the writer bit while readers are still inside.
      t.at('rw: wait for no writer');
      const v = yield* t.waitUntil(w, noWriter, 'no writer bit');
      t.at('rw: cmpxchg writer');
      if ((yield* t.cmpxchg(w, v, v | WRITER, o.lockOrder)) === v) return;
    }
  }
}

function* rwWriteUnlock(t: ThreadApi, w: Cell) {
  t.at('rw: clear writer');
  yield* t.fetchAndNot(w, WRITER, 'release');
}

/** A reader-writer spinlock on one word (the arch_rwlock_t shape, simplified to cmpxchg loops). */
function rwspin(w: Cell, o: RwOptions): RwLockImpl {
  return {
    readLock: (t) => rwReadLock(t, w, o),
    readUnlock: (t) => rwReadUnlock(t, w),
    writeLock: (t) => rwWriteLock(t, w, o),
    writeUnlock: (t) => rwWriteUnlock(t, w),
    describe: (peek) => [`rw.word = ${fmtRw(peek(w))}`],
  };
}

const BUILDERS: Readonly<Record<string, RwOptions>> = {
  correct: { atomicReader: true, writerDrains: true, lockOrder: 'acquire' },
  'reader-check-then-add': { atomicReader: false, writerDrains: true, lockOrder: 'acquire' },
  'writer-no-drain': { atomicReader: true, writerDrains: false, lockOrder: 'acquire' },
  'relaxed-lock': { atomicReader: true, writerDrains: true, lockOrder: 'relaxed' },
};

/** Reader-writer spinlock. */
export const rwlockTarget: Target = {
  name: 'rwlock',
  summary: 'reader-writer spinlock on one word (writer bit + reader count)',
  variants: [
    { name: 'correct', summary: 'readers cmpxchg_acquire the count while no writer; writers cmpxchg_acquire 0 -> writer; unlocks are release RMWs', expect: expectation('clean') },
    {
      name: 'reader-check-then-add',
      summary: 'BUG: a reader checks the writer bit, then adds itself with a separate fetch_add: it enters next to a writer',
      expect: expectation('violation'),
    },
    {
      name: 'writer-no-drain',
      summary: 'BUG: a writer sets its bit without waiting for the readers to drain: it writes while readers read',
      expect: expectation('violation'),
    },
    {
      name: 'relaxed-lock',
      summary: "BUG on weakly ordered cpus: the lock cmpxchgs are _relaxed (every LOCKed RMW is a full barrier on x86): on arm64 the critical section's loads are satisfied before the lock is taken",
      expect: expectation('clean', 'clean', 'violation'),
      defaultMemory: 'arm64-lite',
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['mixed', 'read', 'write'] },
  spec: 'rwlock',
  setup(env: SetupEnv, variant, workload) {
    const w = env.mem.cell('rw.word', 0, fmtRw);
    return rwlockInstance(env, workload, rwspin(w, pickVariant('rwlock', variant, BUILDERS)), { target: 'rwlock' });
  },
};
