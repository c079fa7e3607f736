import { expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';
import { isNonZero, isOne } from './predicates';

/** Node pointers are thread id + 1; 0 is NULL. */
const fmtPtr = (v: number): string => (v === 0 ? 'NULL' : `node[${v - 1}]`);

interface McsCells {
  readonly tail: Cell;
  readonly next: readonly Cell[];
  readonly locked: readonly Cell[];
}

/** MCS lock: init the own node, swap it into the tail, link behind the predecessor and spin on the own node. */
function* mcsLock(t: ThreadApi, c: McsCells) {
  const me = t.id + 1;
  t.at('mcs: init node');
  yield* t.writeOnce(c.locked[t.id], 0);
  yield* t.writeOnce(c.next[t.id], 0);
  t.at('mcs: xchg tail');
  const prev = yield* t.xchg(c.tail, me);
  if (prev === 0) return;
  t.at('mcs: link to prev');
  yield* t.writeOnce(c.next[prev - 1], me);
  t.at('mcs: wait for handoff');
  // arch_mcs_spin_lock_contended = smp_cond_load_acquire: the critical section stays after it
  yield* t.waitUntil(c.locked[t.id], isOne, '== 1 (handed over by the predecessor)', 'acquire');
}

/**
 * MCS unlock. `waitForSuccessor` false is the bug: when the cmpxchg on the tail fails, a
 * successor has swapped itself in but not yet linked; unlock must wait for the link and hand over.
 */
function* mcsUnlock(t: ThreadApi, c: McsCells, waitForSuccessor: boolean) {
  const me = t.id + 1;
  t.at('mcs: read next');
  let nx = yield* t.readOnce(c.next[t.id]);
  if (nx === 0) {
    t.at('mcs: release tail');
    if ((yield* t.cmpxchg(c.tail, me, 0)) === me) return;
    // BUG (no-wait-for-successor): the successor that made the cmpxchg fail is never told.
    if (!waitForSuccessor) return;
    t.at('mcs: wait for successor link');
    nx = yield* t.waitUntil(c.next[t.id], isNonZero, '!= NULL (successor linked)');
  }
  t.at('mcs: hand over');
  yield* t.smp_store_release(c.locked[nx - 1], 1);
}

/** MCS trylock: enqueue only into an empty queue, with one cmpxchg on the tail. */
function* mcsTrylock(t: ThreadApi, c: McsCells) {
  const me = t.id + 1;
  t.at('mcs: init node');
  yield* t.writeOnce(c.next[t.id], 0);
  t.at('mcs: trylock cmpxchg tail');
  return (yield* t.cmpxchg(c.tail, 0, me)) === 0;
}

/**
 * MCS queue lock (Mellor-Crummey & Scott 1991): each cpu spins on its own node. The
 * generators are module-level (see ticket.ts); the object only binds this execution's cells.
 */
function mcs(c: McsCells, waitForSuccessor: boolean): MutexImpl {
  return {
    lock: (t) => mcsLock(t, c),
    unlock: (t) => mcsUnlock(t, c, waitForSuccessor),
    trylock: (t) => mcsTrylock(t, c),
    describe: (peek) => [
      `mcs.tail = ${fmtPtr(peek(c.tail))}`,
      ...c.next.map((n, i) => `node[${i}]: next = ${fmtPtr(peek(n))}, locked = ${peek(c.locked[i])}`),
    ],
  };
}

const BUILDERS = {
  correct: (c: McsCells) => mcs(c, true),
  'no-wait-for-successor': (c: McsCells) => mcs(c, false),
};

/** MCS queue spinlock. */
export const mcsTarget: Target = {
  name: 'mcs',
  summary: 'MCS queue spinlock: xchg on the tail, spin on the own node, explicit hand-over',
  variants: [
    { name: 'correct', summary: 'unlock: cmpxchg the tail back to NULL, else wait for the successor link and hand over', expect: expectation('clean') },
    {
      name: 'no-wait-for-successor',
      summary: 'BUG: when the tail cmpxchg fails, unlock returns without waiting for the successor to link: it spins forever',
      expect: expectation('hang'),
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock', 'trylock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const n = workload.ops.length;
    const cells: McsCells = {
      tail: env.mem.cell('mcs.tail', 0, fmtPtr),
      next: Array.from({ length: n }, (_, i) => env.mem.cell(`node[${i}].next`, 0, fmtPtr)),
      locked: Array.from({ length: n }, (_, i) => env.mem.cell(`node[${i}].locked`, 0)),
    };
    return mutexInstance(env, workload, pickVariant('mcs', variant, BUILDERS)(cells), { target: 'mcs' });
  },
};
