import type { NodePool } from '../memory/node-pool';
import { runExecution } from './execute';
import type { ThreadApi } from './thread-api';
import { ListStrategy, options, testTarget } from './test-support/test-target';

type Node = 'next' | 'val';

/** A target whose threads run `bodies(pool)` over a pool of `size` nodes. */
const poolTarget = (size: number, bodies: (p: NodePool<Node>) => ((t: ThreadApi) => Generator<number, void, unknown>)[]) => testTarget((env) => {
  const pool = env.mem.pool<Node>('qnode', size, { next: 0, val: 7 });
  return { threads: bodies(pool).map((body, i) => ({ name: `cpu${i}`, body })) };
});

const run = (target: ReturnType<typeof poolTarget>, decisions: number[] = []) =>
  runExecution(options(target, new ListStrategy(decisions, 0), 'sc', { recordTrace: true }));

describe('node pools: alloc, free, use-after-free and double-free detection', () => {
  it('hands out the most recently freed node first (LIFO reuse exposes ABA)', () => {
    const got: number[] = [];
    const o = run(poolTarget(3, (p) => [function* (t) {
      const a = yield* t.alloc(p);
      const b = yield* t.alloc(p);
      yield* t.free(p, a);
      const c = yield* t.alloc(p);
      got.push(a, b, c);
      t.assert(p.liveCount() === 2 && p.isLive(a) && p.isLive(b), 'live nodes');
      yield* t.writeOnce(p.node(c).val, 1);
    }]));
    expect(o.verdict).toBe('ok');
    expect(got).toEqual([1, 2, 1]);
    expect(o.trace!.filter((r) => r.op === 'alloc').map((r) => r.value)).toEqual(['qnode#1', 'qnode#2', 'qnode#1']);
  });

  it('reports an access to a freed node with the cell, the freeing thread and step, and the accessor', () => {
    const shared = { node: 0 };
    const o = run(poolTarget(2, (p) => [
      function* (t) {
        t.at('take');
        shared.node = yield* t.alloc(p);
        t.at('release');
        yield* t.free(p, shared.node);
      },
      function* (t) {
        t.at('late read');
        yield* t.readOnce(p.node(1).next);
      },
    ]));
    expect(o.verdict).toBe('violation');
    expect(o.finding!.message).toBe("use-after-free: cpu1 readOnce qnode[1].next at step 3 (at 'late read'); qnode#1 was freed by cpu0 at step 2 (at 'release')");
    expect(o.finding!.thread).toBe(1);
  });

  it('reports a double free naming the first free', () => {
    const o = run(poolTarget(2, (p) => [function* (t) {
      const a = yield* t.alloc(p);
      t.at('first');
      yield* t.free(p, a);
      t.at('second');
      yield* t.free(p, a);
    }]));
    expect(o.finding!.message).toBe("double free: cpu0 frees 1 at step 3 (at 'second'); qnode#1 was already freed by cpu0 at step 2 (at 'first')");
  });

  it('flags accesses to never-allocated nodes, invalid frees and exhaustion; free(NULL) is a no-op', () => {
    expect(run(poolTarget(2, (p) => [function* (t) { yield* t.writeOnce(p.node(2).val, 1); }])).finding!.message)
      .toBe('access to an unallocated node: cpu0 writeOnce qnode[2].val at step 1; qnode#2 was never allocated');
    expect(run(poolTarget(2, (p) => [function* (t) { yield* t.free(p, 5); }])).finding!.message)
      .toBe("invalid free: cpu0 frees 5 at step 1, which is no node of pool 'qnode' (1..2)");
    expect(run(poolTarget(1, (p) => [function* (t) { yield* t.alloc(p); yield* t.alloc(p); }])).finding!.message)
      .toMatch(/^pool 'qnode' exhausted: all 1 nodes are allocated/);
    expect(run(poolTarget(1, (p) => [function* (t) { yield* t.free(p, 0); }])).verdict).toBe('ok');
  });

  it('keeps nodes allocated at setup live and checks rmw, waits and futex calls on freed nodes', () => {
    const t = testTarget((env) => {
      const p = env.mem.pool('n', 2, { lock: 0 });
      const dummy = p.allocAtSetup();
      const body = function* (th: ThreadApi) {
        yield* th.cmpxchg(p.node(dummy).lock, 0, 1);
        yield* th.free(p, dummy);
        yield* th.futexWake(p.node(dummy).lock, 1);
      };
      return { threads: [{ body }] };
    });
    const o = runExecution(options(t, new ListStrategy([], 0)));
    expect(o.finding!.message).toMatch(/^use-after-free: t0 futexWake n\[1\]\.lock at step 3; n#1 was freed by t0 at step 2$/);
  });

  it('a pool kept from another execution is a mistake of the model (a crash naming it)', () => {
    let kept: NodePool | undefined;
    const t = testTarget((env) => {
      const mine = env.mem.pool('n', 1, { v: 0 });
      const p = kept ?? mine;
      kept = mine;
      return { threads: [{ body: function* (th: ThreadApi) { yield* th.alloc(p); } }] };
    });
    expect(runExecution(options(t, new ListStrategy([], 0))).verdict).toBe('ok');
    const o = runExecution(options(t, new ListStrategy([], 0)));
    expect(o.verdict).toBe('crash');
    expect(o.finding!.message).toMatch(/not a node pool of this execution/);
  });

  it('NULL and wild handles crash like the C dereference would', () => {
    const o = run(poolTarget(1, (p) => [function* (t) { yield* t.readOnce(p.node(0).next); }]));
    expect(o.verdict).toBe('crash');
    expect(o.finding!.message).toMatch(/NULL dereference: node 0 of pool 'qnode'/);
  });
});
