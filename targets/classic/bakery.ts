import { expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';
import { isZero } from './predicates';

interface BakeryCells {
  readonly choosing: readonly Cell[];
  readonly number: readonly Cell[];
}

interface BakeryOptions {
  /** Raise choosing[i] while drawing the number and wait for others' choosing to drop. */
  readonly choosing: boolean;
  /** smp_mb after `choosing[i] = 1` and after `choosing[i] = 0` (needed on x86-TSO). */
  readonly fenced: boolean;
  /**
   * What a weakly ordered cpu needs besides the x86 fences (x86 needs none of it): the waits
   * are acquires (number[j] read after choosing[j] was seen 0; the critical section after the
   * last wait) and `choosing[i] = 0` is a release (number[i] visible first).
   */
  readonly acquire: boolean;
}

/** (a, i) < (b, j) in Lamport's lexicographic order. */
function before(a: number, i: number, b: number, j: number): boolean {
  return a < b || (a === b && i < j);
}

// The lock's generators are module-level and the object below binds this execution's
// cells with arrow wrappers: a generator function created per execution gets a fresh
// prototype and hidden class on its first call, which keeps the execution alive until a
// full GC and leaves every `yield*` of it uncached.

function* bakeryLock(t: ThreadApi, c: BakeryCells, o: BakeryOptions) {
  const n = c.number.length;
  const i = t.id;
  if (o.choosing) {
    t.at('bakery: choosing[i] = 1');
    yield* t.writeOnce(c.choosing[i], 1);
    if (o.fenced) yield* t.smp_mb();
  }
  let max = 0;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    t.at('bakery: read number[j]');
    max = Math.max(max, yield* t.readOnce(c.number[j]));
  }
  const mine = max + 1;
  t.at('bakery: number[i] = max + 1');
  yield* t.writeOnce(c.number[i], mine);
  if (o.choosing) {
    t.at('bakery: choosing[i] = 0');
    // on a weakly ordered cpu the number must be visible before choosing drops: a release
    if (o.acquire) yield* t.smp_store_release(c.choosing[i], 0);
    else yield* t.writeOnce(c.choosing[i], 0);
  }
  if (o.fenced) yield* t.smp_mb();
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    if (o.choosing) {
      t.at('bakery: wait choosing[j] == 0');
      // ... and number[j] must be read after choosing[j] was seen 0: an acquire
      yield* t.waitUntil(c.choosing[j], isZero, '== 0 (done choosing)', o.acquire ? 'acquire' : undefined);
    }
    // Our own number is fixed, so this spin depends on number[j] alone.
    t.at('bakery: wait for smaller tickets');
    yield* t.waitUntil(c.number[j], (v) => v === 0 || before(mine, i, v, j), `== 0 or (number, ${j}) after my (${mine}, ${i})`, o.acquire ? 'acquire' : undefined);
  }
}

function* bakeryUnlock(t: ThreadApi, c: BakeryCells) {
  t.at('bakery: number[i] = 0');
  yield* t.smp_store_release(c.number[t.id], 0);
}

/**
 * Lamport's bakery algorithm (1974) for N threads. Without the `choosing` flag a thread
 * that has read the others' numbers but not yet published its own is invisible: another
 * thread with a larger id draws the same number, enters, and the first one then enters too
 * because it wins the tie-break.
 */
function bakery(c: BakeryCells, o: BakeryOptions): MutexImpl {
  return {
    lock: (t) => bakeryLock(t, c, o),
    unlock: (t) => bakeryUnlock(t, c),
    describe: (peek) => [
      `choosing = [${c.choosing.map(peek).join(', ')}]`,
      `number = [${c.number.map(peek).join(', ')}]`,
    ],
  };
}

const BUILDERS: Readonly<Record<string, BakeryOptions>> = {
  correct: { choosing: true, fenced: true, acquire: false },
  unfenced: { choosing: true, fenced: false, acquire: false },
  'no-choosing': { choosing: false, fenced: true, acquire: true },
  portable: { choosing: true, fenced: true, acquire: true },
};

/** Lamport's bakery lock. */
export const bakeryTarget: Target = {
  name: 'bakery',
  summary: "Lamport's bakery lock: take a number, wait for every smaller (number, id)",
  variants: [
    {
      name: 'correct',
      summary: "with the choosing flags and the two smp_mb x86 needs; on arm64 the critical section's loads pass the last wait (no acquire)",
      expect: expectation('clean', 'clean', 'violation'),
    },
    {
      name: 'unfenced',
      summary: 'textbook version without fences: correct under sc; under tso choosing/number stores are read stale and two enter',
      expect: expectation('clean', 'violation'),
      defaultMemory: 'tso',
    },
    {
      name: 'no-choosing',
      summary: 'BUG: no choosing flags: a thread between reading the numbers and publishing its own is overtaken, both enter',
      expect: expectation('violation'),
    },
    { name: 'portable', summary: 'the correct version with acquire waits and a release of choosing[i]: correct under sc, tso and arm64-lite', expect: expectation('clean') },
  ],
  workload: { threads: { min: 2, max: 4, default: 2 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['lock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const o = pickVariant('bakery', variant, BUILDERS);
    const n = workload.ops.length;
    const cells: BakeryCells = {
      choosing: Array.from({ length: n }, (_, i) => env.mem.cell(`choosing[${i}]`, 0)),
      number: Array.from({ length: n }, (_, i) => env.mem.cell(`number[${i}]`, 0)),
    };
    return mutexInstance(env, workload, bakery(cells, o), { target: 'bakery' });
  },
};
