import { expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, SetupEnv, Target, ThreadApi } from '../../harness';
import { isZero } from './predicates';

/** Per-execution per-thread state: the node each cpu owns and its predecessor's node. */
interface ClhState {
  readonly nodes: readonly Cell[];
  readonly tail: Cell;
  readonly mine: number[];
  readonly pred: number[];
  readonly recycle: boolean;
}

// Module-level generators (a per-execution generator function costs a fresh hidden class
// and uncached `yield*`); clh() binds this execution's state with arrow wrappers.
function* clhLock(t: ThreadApi, s: ClhState) {
  const my = s.mine[t.id];
  t.at('clh: mark node');
  yield* t.writeOnce(s.nodes[my], 1);
  t.at('clh: xchg tail');
  const p = yield* t.xchg(s.tail, my);
  s.pred[t.id] = p;
  t.at('clh: wait for pred');
  yield* t.waitUntil(s.nodes[p], isZero, '== 0 (predecessor released)', 'acquire');
}

function* clhUnlock(t: ThreadApi, s: ClhState) {
  t.at('clh: release node');
  yield* t.smp_store_release(s.nodes[s.mine[t.id]], 0);
  if (s.recycle) s.mine[t.id] = s.pred[t.id];
}

/**
 * CLH queue lock (Craig; Landin & Hagersten 1994): each cpu enqueues a node with locked = 1
 * by xchg on the tail and spins on its predecessor's node. On unlock it clears its node and
 * adopts the predecessor's node for the next acquisition, because a successor may still be
 * spinning on the node it just released. `recycle` false is the bug: the cpu re-uses its own
 * node, sets locked = 1 again before the successor saw the 0, and the two wait on each other.
 */
function clh(nodes: readonly Cell[], tail: Cell, threads: number, recycle: boolean): MutexImpl {
  const mine = Array.from({ length: threads }, (_, i) => i);
  const pred = new Array<number>(threads).fill(-1);
  const s: ClhState = { nodes, tail, mine, pred, recycle };
  return {
    lock: (t) => clhLock(t, s),
    unlock: (t) => clhUnlock(t, s),
    describe: (peek) => [
      `clh.tail = node[${peek(tail)}]`,
      ...nodes.map((n, i) => `clh.node[${i}] = ${peek(n)}${mine.indexOf(i) >= 0 ? ` (owned by cpu${mine.indexOf(i)})` : ''}`),
      ...pred.map((p, i) => `cpu${i} waits behind node[${p}]`).filter((_, i) => pred[i] >= 0),
    ],
  };
}

const BUILDERS = {
  correct: true,
  'reuse-node': false,
};

/** CLH queue spinlock. */
export const clhTarget: Target = {
  name: 'clh',
  summary: 'CLH queue spinlock: spin on the predecessor node, recycle it on unlock',
  variants: [
    { name: 'correct', summary: 'unlock clears the own node and takes over the predecessor node', expect: expectation('clean') },
    {
      name: 'reuse-node',
      summary: 'BUG: unlock keeps its own node; re-locking sets it to 1 before the successor saw the 0: both wait forever',
      expect: expectation('hang'),
    },
  ],
  workload: { threads: { min: 2, max: 4, default: 2 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock'] },
  spec: 'mutex',
  // threads share only cells (per-thread JS state is indexed by t.id; the workload's ghost counter only grows)
  ghostState: 'per-thread',
  setup(env: SetupEnv, variant, workload) {
    const recycle = pickVariant('clh', variant, BUILDERS);
    const n = workload.ops.length;
    // n per-thread nodes plus the initial dummy node (index n, unlocked) the tail points to.
    const nodes = Array.from({ length: n + 1 }, (_, i) => env.mem.cell(`clh.node[${i}]`, 0));
    const tail = env.mem.cell('clh.tail', n, (v) => `node[${v}]`);
    return mutexInstance(env, workload, clh(nodes, tail, n, recycle), { target: 'clh' });
  },
};
