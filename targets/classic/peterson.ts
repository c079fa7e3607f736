import type { Cell } from '../../harness/memory/cell';
import type { SetupEnv, Target } from '../../harness/target/target';
import type { MutexImpl } from './lock-impl';
import { mutexInstance } from './mutex-workload';
import { checkThreads } from './workload-ops';
import { expectation, pickVariant } from './variant-helpers';

interface PetersonCells {
  readonly flag: readonly [Cell, Cell];
  readonly turn: Cell;
}

/**
 * Peterson's two-thread lock (1981). Correct under sequential consistency; under x86-TSO the
 * stores to flag[i] and turn can sit in the store buffer while the loads of flag[j] and turn
 * read memory (store-load reordering), so both threads see the other's flag as 0 and enter.
 * `fenced` adds the smp_mb between the stores and the loads that x86 needs (mfence).
 */
function peterson(c: PetersonCells, fenced: boolean): MutexImpl {
  return {
    *lock(t) {
      const i = t.id;
      const j = 1 - i;
      t.at('peterson: flag[i] = 1');
      yield* t.writeOnce(c.flag[i], 1);
      t.at('peterson: turn = j');
      yield* t.writeOnce(c.turn, j);
      if (fenced) {
        t.at('peterson: smp_mb');
        yield* t.smp_mb();
      }
      // while (flag[j] && turn == j) cpu_relax(); - two cells, so a real spin loop.
      for (;;) {
        t.at('peterson: read flag[j]');
        if ((yield* t.readOnce(c.flag[j])) === 0) break;
        t.at('peterson: read turn');
        if ((yield* t.readOnce(c.turn)) !== j) break;
        yield* t.cpuRelax();
      }
    },
    *unlock(t) {
      t.at('peterson: flag[i] = 0');
      yield* t.smp_store_release(c.flag[t.id], 0);
    },
    describe: (peek) => [`flag = [${peek(c.flag[0])}, ${peek(c.flag[1])}], turn = ${peek(c.turn)}`],
  };
}

const BUILDERS = { plain: false, fenced: true };

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
    { name: 'fenced', summary: 'smp_mb between the flag/turn stores and the loads: correct under tso', expect: expectation('clean'), defaultMemory: 'tso' },
  ],
  workload: { threads: { min: 2, max: 2, default: 2 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock'] },
  spec: 'mutex',
  setup(env: SetupEnv, variant, workload) {
    const fenced = pickVariant('peterson', variant, BUILDERS);
    checkThreads('peterson', workload, 2, 2);
    const cells: PetersonCells = {
      flag: [env.mem.cell('flag[0]', 0), env.mem.cell('flag[1]', 0)],
      turn: env.mem.cell('turn', 0),
    };
    return mutexInstance(env, workload, peterson(cells, fenced), { target: 'peterson' });
  },
};
