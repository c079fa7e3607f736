import { expectation, mutexInstance, pickVariant } from '../../harness';
import type { Cell, MutexImpl, NodePool, SetupEnv, Target, ThreadApi } from '../../harness';
import { isZero } from '../classic/predicates';

/** Per-execution state: the node pool, the tail, and each cpu's current node. */
interface ClhPoolState {
  readonly pool: NodePool<'locked'>;
  readonly tail: Cell;
  readonly mine: number[];
  readonly freeOwn: boolean;
}

// Module-level generators bound per execution by arrow wrappers (targets/classic/README.md).
function* clhPoolLock(t: ThreadApi, s: ClhPoolState) {
  t.at('clh-pool: alloc node');
  const n = yield* t.alloc(s.pool);
  s.mine[t.id] = n;
  t.at('clh-pool: mark node');
  yield* t.writeOnce(s.pool.node(n).locked, 1);
  t.at('clh-pool: xchg tail');
  const pred = yield* t.xchg(s.tail, n);
  t.at('clh-pool: wait for pred');
  yield* t.waitUntil(s.pool.node(pred).locked, isZero, '== 0 (predecessor released)');
  if (!s.freeOwn) {
    // nobody refers to the predecessor's node any more: its owner released it, we left it
    t.at('clh-pool: free pred node');
    yield* t.free(s.pool, pred);
  }
}

function* clhPoolUnlock(t: ThreadApi, s: ClhPoolState) {
  const n = s.mine[t.id];
  t.at('clh-pool: release node');
  yield* t.smp_store_release(s.pool.node(n).locked, 0);
  if (s.freeOwn) {
    // BUG: the successor may still be spinning on this node
    t.at('clh-pool: free own node');
    yield* t.free(s.pool, n);
  }
}

/**
 * CLH queue lock whose nodes come from an allocator, as in a kernel or user-space lock that
 * allocates a queue node per acquisition (Craig 1993; Magnusson, Landin & Hagersten 1994).
 * The correct lock frees the predecessor's node once it holds the lock (nobody refers to it
 * any more). `free-own` frees its own node at unlock, while the successor may still spin on
 * it, and the tail may still point to it: the successor's read of the freed node is a
 * use-after-free (found with one lock per cpu, where nothing else goes wrong), and with a
 * second lock the allocator hands the node straight back (LIFO reuse): the releaser enqueues
 * behind its own recycled node, or the successor spins on it locked again: the ABA that hangs
 * classic clh:reuse-node.
 */
function clhPool(env: SetupEnv, threads: number, freeOwn: boolean): MutexImpl {
  // one node per cpu in the queue at most, plus the tail's node
  const pool = env.mem.pool('clh.node', threads + 1, { locked: 0 });
  const dummy = pool.allocAtSetup();
  const tail = env.mem.cell('clh.tail', dummy, pool.formatHandle);
  const s: ClhPoolState = { pool, tail, mine: new Array<number>(threads).fill(0), freeOwn };
  return {
    lock: (t) => clhPoolLock(t, s),
    unlock: (t) => clhPoolUnlock(t, s),
    describe: (peek) => [
      `clh.tail = ${pool.formatHandle(peek(tail))}; live nodes ${pool.liveCount()}`,
      ...s.mine.map((n, i) => `cpu${i} node ${pool.formatHandle(n)}${n !== 0 ? ` locked=${peek(pool.node(n).locked)}${pool.isLive(n) ? '' : ' (freed)'}` : ''}`),
    ],
  };
}

const BUILDERS = { correct: false, 'free-own': true };

/** CLH lock with allocated queue nodes (node pools: use-after-free and double-free detection). */
export const clhPoolTarget: Target = {
  name: 'clh-pool',
  summary: 'CLH queue spinlock with queue nodes from an allocator (node pool, LIFO reuse)',
  variants: [
    { name: 'correct', summary: 'free the predecessor node once the lock is held', expect: expectation('clean') },
    {
      name: 'free-own',
      summary: 'BUG: unlock frees its own node while the successor spins on it (use-after-free; with reuse the ABA of clh:reuse-node)',
      expect: expectation('violation'),
    },
  ],
  // one lock per cpu by default: the use-after-free needs no re-lock (the ABA hang does)
  workload: { threads: { min: 2, max: 3, default: 2 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['lock'] },
  spec: 'mutex',
  setup(env, variant, workload) {
    const freeOwn = pickVariant('clh-pool', variant, BUILDERS);
    return mutexInstance(env, workload, clhPool(env, workload.ops.length, freeOwn), { target: 'clh-pool' });
  },
};
