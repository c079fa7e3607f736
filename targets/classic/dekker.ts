import { checkThreads, expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';
import { isZero } from './predicates';

interface DekkerCells {
  readonly flag: readonly [Cell, Cell];
  readonly turn: Cell;
}

interface DekkerOptions {
  /** smp_mb after every `flag[i] = 1` (the store must be visible before flag[j] is read). */
  readonly fenced: boolean;
  /** Use `turn` to decide who backs off; false = Dijkstra's earlier "both back off" attempt. */
  readonly useTurn: boolean;
  /** unlock gives the turn to the other thread (without it a backed-off thread waits forever). */
  readonly handOff: boolean;
  /** The reads that let a thread in are acquires (a weakly ordered cpu needs it; x86 does not). */
  readonly acquire: boolean;
}

// The lock's generators are module-level and the object below binds this execution's
// cells with arrow wrappers: a generator function created per execution gets a fresh
// prototype and hidden class on its first call, which keeps the execution alive until a
// full GC and leaves every `yield*` of it uncached.

/** Raise the own flag (and fence it in the fenced variants). */
function* dekkerRaise(t: ThreadApi, c: DekkerCells, o: DekkerOptions) {
  t.at('dekker: flag[i] = 1');
  yield* t.writeOnce(c.flag[t.id], 1);
  if (o.fenced) {
    t.at('dekker: smp_mb');
    yield* t.smp_mb();
  }
}

function* dekkerLock(t: ThreadApi, c: DekkerCells, o: DekkerOptions) {
  const i = t.id;
  const j = 1 - i;
  yield* dekkerRaise(t, c, o);
  for (;;) {
    t.at('dekker: read flag[j]');
    if ((o.acquire ? yield* t.smp_load_acquire(c.flag[j]) : yield* t.readOnce(c.flag[j])) === 0) return;
    if (!o.useTurn) {
      // BUG (no-turn): both cpus politely lower their flag, pause and raise it again; in
      // lock-step they do so forever (livelock: memory keeps changing, nobody enters).
      t.at('dekker: back off');
      yield* t.writeOnce(c.flag[i], 0);
      yield* t.cpuRelax();
      yield* dekkerRaise(t, c, o);
      continue;
    }
    t.at('dekker: read turn');
    if ((yield* t.readOnce(c.turn)) === i) {
      // Our turn: only the other thread's unlock changes turn, and it would set it to i,
      // so `turn == i` is stable here and the spin `while (flag[j])` depends on one cell.
      t.at('dekker: wait for flag[j] == 0');
      yield* t.waitUntil(c.flag[j], isZero, '== 0 (the other cpu left)', o.acquire ? 'acquire' : undefined);
      return;
    }
    t.at('dekker: back off');
    yield* t.writeOnce(c.flag[i], 0);
    t.at('dekker: wait for turn');
    yield* t.waitUntil(c.turn, (v) => v === i, `== ${i} (my turn)`);
    yield* dekkerRaise(t, c, o);
  }
}

function* dekkerUnlock(t: ThreadApi, c: DekkerCells, o: DekkerOptions) {
  if (o.handOff) {
    t.at('dekker: turn = j');
    yield* t.writeOnce(c.turn, 1 - t.id);
  }
  t.at('dekker: flag[i] = 0');
  yield* t.smp_store_release(c.flag[t.id], 0);
}

/**
 * Dekker's algorithm (as given by Dijkstra, 1965). Safety comes from the flags (each thread
 * raises its flag, then looks at the other's); `turn` only decides who backs off. Under
 * x86-TSO the raised flag can stay in the store buffer while the other flag is read: both
 * enter unless a fence separates them.
 */
function dekker(c: DekkerCells, o: DekkerOptions): MutexImpl {
  return {
    lock: (t) => dekkerLock(t, c, o),
    unlock: (t) => dekkerUnlock(t, c, o),
    describe: (peek) => [`flag = [${peek(c.flag[0])}, ${peek(c.flag[1])}], turn = ${peek(c.turn)}`],
  };
}

const BUILDERS: Readonly<Record<string, DekkerOptions>> = {
  plain: { fenced: false, useTurn: true, handOff: true, acquire: false },
  fenced: { fenced: true, useTurn: true, handOff: true, acquire: false },
  portable: { fenced: true, useTurn: true, handOff: true, acquire: true },
  // the two progress bugs on the portable code, so that they show alone under every model
  'no-turn-handoff': { fenced: true, useTurn: true, handOff: false, acquire: true },
  'no-turn': { fenced: true, useTurn: false, handOff: false, acquire: true },
};

/** Dekker's mutual exclusion for two threads. */
export const dekkerTarget: Target = {
  name: 'dekker',
  summary: "Dekker's two-thread lock: flags for safety, turn for progress",
  variants: [
    {
      name: 'plain',
      summary: 'textbook version: correct under sc; under tso the raised flag is not yet visible when the other flag is read',
      expect: expectation('clean', 'violation'),
      defaultMemory: 'tso',
    },
    {
      name: 'fenced',
      summary: "smp_mb after raising the flag: correct under tso; on arm64 the critical section's loads pass the read of the other flag (no acquire)",
      expect: expectation('clean', 'clean', 'violation'),
      defaultMemory: 'tso',
    },
    { name: 'portable', summary: 'smp_mb after raising the flag and acquire reads of the other flag: correct under sc, tso and arm64-lite', expect: expectation('clean') },
    {
      name: 'no-turn-handoff',
      summary: 'BUG: unlock does not give the turn away; a thread that backed off waits for its turn forever',
      expect: expectation('hang'),
    },
    {
      name: 'no-turn',
      summary: 'BUG: no turn at all; on contention both cpus lower the flag, pause and retry: in lock-step neither ever enters (livelock)',
      expect: expectation('hang'),
    },
  ],
  workload: { threads: { min: 2, max: 2, default: 2 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const o = pickVariant('dekker', variant, BUILDERS);
    checkThreads('dekker', workload, 2, 2);
    const cells: DekkerCells = {
      flag: [env.mem.cell('flag[0]', 0), env.mem.cell('flag[1]', 0)],
      turn: env.mem.cell('turn', 0),
    };
    return mutexInstance(env, workload, dekker(cells, o), { target: 'dekker' });
  },
};
