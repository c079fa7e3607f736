import { expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';

/** Futex word states (Drepper, "Futexes Are Tricky", mutex #2/#3). */
const UNLOCKED = 0;
const LOCKED = 1;
const CONTENDED = 2;

const fmtFutex = (v: number): string => `${v} (${['unlocked', 'locked', 'locked, waiters'][v] ?? '?'})`;

interface FutexOptions {
  /** The value a waiter stores before sleeping: CONTENDED, or (bug) LOCKED. */
  readonly waiterMark: number;
  /** unlock calls futex_wake when the word said there are waiters. */
  readonly wakeOnUnlock: boolean;
  /** unlock decides "waiters?" with an atomic decrement (false: a plain read, then a store). */
  readonly atomicUnlock: boolean;
}

// The lock's generators are module-level and the object below binds this execution's
// cells with arrow wrappers: a generator function created per execution gets a fresh
// prototype and hidden class on its first call, which keeps the execution alive until a
// full GC and leaves every `yield*` of it uncached.

function* futexLock(t: ThreadApi, f: Cell, o: FutexOptions) {
  t.at('futex: cmpxchg 0 -> 1');
  let c = yield* t.cmpxchg(f, UNLOCKED, LOCKED);
  if (c === UNLOCKED) return;
  // BUG (waiter-sets-1): marking 1 instead of 2 hides this waiter from unlock.
  if (c !== o.waiterMark) {
    t.at('futex: mark contended');
    c = yield* t.xchg(f, o.waiterMark);
  }
  while (c !== UNLOCKED) {
    t.at('futex: futex_wait');
    yield* t.futexWait(f, o.waiterMark);
    t.at('futex: xchg after wake');
    c = yield* t.xchg(f, o.waiterMark);
  }
}

function* futexUnlock(t: ThreadApi, f: Cell, o: FutexOptions) {
  if (!o.atomicUnlock) {
    // BUG (unlock-check-then-store): a waiter can set 2 between this read and the store
    // of 0; the store then erases its mark and nobody wakes it.
    t.at('futex: read state');
    const c = yield* t.readOnce(f);
    t.at('futex: store 0');
    yield* t.writeOnce(f, UNLOCKED);
    if (c !== LOCKED) {
      t.at('futex: futex_wake');
      yield* t.futexWake(f, 1);
    }
    return;
  }
  t.at('futex: atomic_dec');
  if ((yield* t.fetchAdd(f, -1)) !== LOCKED) {
    t.at('futex: store 0');
    yield* t.writeOnce(f, UNLOCKED);
    if (o.wakeOnUnlock) {
      t.at('futex: futex_wake');
      yield* t.futexWake(f, 1);
    }
    // BUG (no-wake): the waiter that set 2 sleeps in futex_wait forever.
  }
}

function* futexTrylock(t: ThreadApi, f: Cell) {
  t.at('futex: trylock cmpxchg');
  return (yield* t.cmpxchg(f, UNLOCKED, LOCKED)) === UNLOCKED;
}

/**
 * Drepper's futex mutex ("mutex3"): 0 = unlocked, 1 = locked, 2 = locked with possible
 * waiters. Lock: cmpxchg 0 -> 1; otherwise xchg in 2 and futex_wait(2) until the xchg
 * returns 0 (then we own it, conservatively in state 2). Unlock: atomic decrement; if the
 * old value was not 1 there may be waiters: store 0 and wake one.
 */
function futexMutex(f: Cell, o: FutexOptions): MutexImpl {
  return {
    lock: (t) => futexLock(t, f, o),
    unlock: (t) => futexUnlock(t, f, o),
    trylock: (t) => futexTrylock(t, f),
    describe: (peek) => [`futex = ${fmtFutex(peek(f))}`],
  };
}

const BUILDERS: Readonly<Record<string, FutexOptions>> = {
  correct: { waiterMark: CONTENDED, wakeOnUnlock: true, atomicUnlock: true },
  'no-wake': { waiterMark: CONTENDED, wakeOnUnlock: false, atomicUnlock: true },
  'waiter-sets-1': { waiterMark: LOCKED, wakeOnUnlock: true, atomicUnlock: true },
  'unlock-check-then-store': { waiterMark: CONTENDED, wakeOnUnlock: true, atomicUnlock: false },
};

/** Futex-based sleeping mutex. */
export const futexMutexTarget: Target = {
  name: 'futex-mutex',
  summary: 'sleeping mutex on a futex word (Drepper "Futexes Are Tricky": 0 / 1 / 2 states)',
  variants: [
    { name: 'correct', summary: "Drepper's mutex3: waiters mark 2 and futex_wait; unlock wakes one when the word was 2", expect: expectation('clean') },
    {
      name: 'no-wake',
      summary: 'BUG (lost wake-up): unlock stores 0 but forgets futex_wake when the word was 2: the waiter sleeps forever',
      expect: expectation('deadlock'),
    },
    {
      name: 'waiter-sets-1',
      summary: 'BUG (lost wake-up): a waiter marks the word 1 instead of 2, so unlock thinks nobody waits and does not wake it',
      expect: expectation('deadlock'),
    },
    {
      name: 'unlock-check-then-store',
      summary: 'BUG (lost wake-up): unlock reads the word, then stores 0; a waiter that set 2 in between is erased and never woken',
      expect: expectation('deadlock'),
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['lock', 'trylock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const f = env.mem.cell('futex', UNLOCKED, fmtFutex);
    return mutexInstance(env, workload, futexMutex(f, pickVariant('futex-mutex', variant, BUILDERS)), {
      target: 'futex-mutex',
      threadPrefix: 'task',
    });
  },
};
