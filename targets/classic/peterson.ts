import { checkThreads, expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';

interface PetersonCells {
  /** One word holding the three byte-wide variables (x86-TSO is byte-granular, so packing them changes nothing). */
  readonly word: Cell;
  readonly flag: readonly [Cell, Cell];
  readonly turn: Cell;
}

/** Byte layout of the Peterson word: flag[0], flag[1], turn. */
const FLAG_SHIFT = [0, 8] as const;
const TURN_SHIFT = 16;

const fmtWord = (v: number): string => `flag=[${v & 0xff}, ${(v >>> 8) & 0xff}] turn=${(v >>> 16) & 0xff}`;

// The lock's generators are module-level and the object below binds this execution's
// cells with arrow wrappers: a generator function created per execution gets a fresh
// prototype and hidden class on its first call, which keeps the execution alive until a
// full GC and leaves every `yield*` of it uncached.

/** smp_mb between the stores and the loads (x86 needs it); acquire on the spin (arm64 needs it too). */
interface PetersonOptions {
  readonly fenced: boolean;
  readonly acquire: boolean;
}

function* petersonLock(t: ThreadApi, c: PetersonCells, o: PetersonOptions) {
  const i = t.id;
  const j = 1 - i;
  t.at('peterson: flag[i] = 1');
  yield* t.writeOnce(c.flag[i], 1);
  t.at('peterson: turn = j');
  yield* t.writeOnce(c.turn, j);
  if (o.fenced) {
    t.at('peterson: smp_mb');
    yield* t.smp_mb();
  }
  // while (flag[j] && turn == j) cpu_relax();
  // The loop reads two variables, but only to decide whether to leave: every exit of the
  // two-read loop (flag[j] read 0, or turn read != j) is also an exit of one atomic read
  // of both at that instant, and a failed iteration changes nothing. So one waitUntil on
  // the word that holds both loses no behaviour and keeps exhaustive search finite.
  t.at('peterson: wait');
  yield* t.waitUntil(
    c.word,
    (v) => ((v >>> FLAG_SHIFT[j]) & 0xff) === 0 || ((v >>> TURN_SHIFT) & 0xff) !== j,
    `flag[${j}] == 0 || turn != ${j}`,
    o.acquire ? 'acquire' : undefined,
  );
}

function* petersonUnlock(t: ThreadApi, c: PetersonCells) {
  t.at('peterson: flag[i] = 0');
  yield* t.smp_store_release(c.flag[t.id], 0);
}

/**
 * Peterson's two-thread lock (1981). Correct under sequential consistency; under x86-TSO the
 * stores to flag[i] and turn can sit in the store buffer while the loads of flag[j] and turn
 * read memory (store-load reordering), so both threads see the other's flag as 0 and enter.
 * `fenced` adds the smp_mb between the stores and the loads that x86 needs (mfence). On a
 * weakly ordered cpu that is not enough: the critical section's loads may still be satisfied
 * before the spin's last load, so `portable` also makes the spin an acquire.
 */
function peterson(c: PetersonCells, o: PetersonOptions): MutexImpl {
  return {
    lock: (t) => petersonLock(t, c, o),
    unlock: (t) => petersonUnlock(t, c),
    describe: (peek) => [`peterson = ${fmtWord(peek(c.word))}`],
  };
}

const BUILDERS: Readonly<Record<string, PetersonOptions>> = {
  plain: { fenced: false, acquire: false },
  fenced: { fenced: true, acquire: false },
  portable: { fenced: true, acquire: true },
};

/** Peterson's mutual exclusion for two threads. */
export const petersonTarget: Target = {
  name: 'peterson',
  summary: "Peterson's two-thread lock: correct under sc, broken under tso without a fence",
  variants: [
    {
      name: 'plain',
      summary: 'textbook version: correct under sc; under tso the flag/turn stores are reordered after the loads and both enter',
      expect: expectation('clean', 'violation'),
      defaultMemory: 'tso',
    },
    {
      name: 'fenced',
      summary: "smp_mb between the flag/turn stores and the loads: correct under tso; on arm64 the critical section's loads pass the spin (no acquire)",
      expect: expectation('clean', 'clean', 'violation'),
      defaultMemory: 'tso',
    },
    { name: 'portable', summary: 'smp_mb after the stores and an acquire on the spin: correct under sc, tso and arm64-lite', expect: expectation('clean') },
  ],
  workload: { threads: { min: 2, max: 2, default: 2 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const o = pickVariant('peterson', variant, BUILDERS);
    checkThreads('peterson', workload, 2, 2);
    const word = env.mem.cell('peterson', 0, fmtWord);
    const cells: PetersonCells = {
      word,
      flag: [env.mem.view(word, FLAG_SHIFT[0], 8, 'flag[0]'), env.mem.view(word, FLAG_SHIFT[1], 8, 'flag[1]')],
      turn: env.mem.view(word, TURN_SHIFT, 8, 'turn'),
    };
    return mutexInstance(env, workload, peterson(cells, o), { target: 'peterson' });
  },
};
