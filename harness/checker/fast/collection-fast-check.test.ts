import fc from 'fast-check';
import { collectionHistory } from '../../../bench/history-generators';
import type { Operation } from '../../history/operation';
import { opsFromIntervals } from '../../history/ops-from-intervals';
import { bruteForceLinearizable } from '../brute-force-check';
import { checkWithSpec, SEARCH_ALGORITHM } from '../check-with-spec';
import { resolveSpec } from '../index';

type Kind = 'queue' | 'stack';

/** A linearizable-by-construction history with distinct values, some enqueues/pushes crashed (unknown outcome). */
const arbHistory = (kind: Kind, maxOps: number): fc.Arbitrary<Operation[]> =>
  fc.record({ seed: fc.nat(), ops: fc.integer({ min: 1, max: maxOps }), processes: fc.integer({ min: 1, max: 4 }), slack: fc.nat(6), info: fc.constantFrom(0, 0, 0.2) })
    .map((g) => collectionHistory(kind, { seed: g.seed, ops: g.ops, processes: g.processes, slack: g.slack, gap: 3, infoRate: g.info, crashable: (f) => f === 'enqueue' || f === 'push' }));

/** Mutations that break linearizability in the ways these algorithms must see. */
type Mut = { kind: 'swap'; a: number; b: number } | { kind: 'empty'; a: number } | { kind: 'shift'; a: number; by: number } | { kind: 'copy'; a: number; b: number };
const arbMut: fc.Arbitrary<Mut> = fc.oneof(
  fc.record({ kind: fc.constant('swap' as const), a: fc.nat(30), b: fc.nat(30) }),
  fc.record({ kind: fc.constant('empty' as const), a: fc.nat(30) }),
  fc.record({ kind: fc.constant('shift' as const), a: fc.nat(30), by: fc.integer({ min: -30, max: 30 }) }),
  fc.record({ kind: fc.constant('copy' as const), a: fc.nat(30), b: fc.nat(30) }),
);

function apply(ops: readonly Operation[], m: Mut): Operation[] {
  const out = ops.slice();
  const removes = out.map((o, i) => i).filter((i) => out[i]!.ret !== undefined && (out[i]!.f === 'dequeue' || out[i]!.f === 'pop'));
  if (m.kind === 'shift') {
    const i = m.a % out.length, o = out[i]!;
    out[i] = { ...o, call: o.call + m.by, ret: o.ret === undefined ? undefined : Math.max(o.call + m.by, o.ret + m.by) };
    return out;
  }
  if (removes.length === 0) return out;
  const a = removes[m.a % removes.length]!, b = removes[('b' in m ? m.b : 0) % removes.length]!;
  if (m.kind === 'swap') { const x = out[a]!.output; out[a] = { ...out[a]!, output: out[b]!.output }; out[b] = { ...out[b]!, output: x }; }
  if (m.kind === 'empty') out[a] = { ...out[a]!, output: null };
  if (m.kind === 'copy') out[a] = { ...out[a]!, output: out[b]!.output };
  return out;
}

describe.each(['queue', 'stack'] as const)('%s with distinct values (decrease and conquer)', (kind) => {
  const spec = resolveSpec(kind);
  const searchOnly = { ...spec, fastCheck: undefined };

  it('gives the general search\'s verdict on random and mutated histories, and the brute force\'s on small ones', () => {
    let fast = 0, illegal = 0;
    fc.assert(fc.property(arbHistory(kind, 14), fc.array(arbMut, { maxLength: 2 }), (ops, muts) => {
      const h = muts.reduce(apply, ops);
      const r = checkWithSpec(spec, h);
      const slow = checkWithSpec(searchOnly, h, { maxSteps: 2_000_000 });
      if (slow.verdict !== 'unknown') expect(r.verdict).toBe(slow.verdict);
      if (h.length <= 7) expect(r.verdict).toBe(bruteForceLinearizable(spec, h) ? 'linearizable' : 'not-linearizable');
      if (r.algorithm !== SEARCH_ALGORITHM) fast++;
      if (r.verdict === 'not-linearizable') { illegal++; expect(r.explanation!.stuck.length).toBeGreaterThan(0); }
    }), { numRuns: 800, seed: 0xc011 });
    expect(fast).toBeGreaterThan(600);
    expect(illegal).toBeGreaterThan(150);
  });

  it('decides a long history without searching', () => {
    const ops = collectionHistory(kind, { seed: 9, ops: 3000, processes: 16, slack: 12, infoRate: 0.3, crashable: (f) => f === 'enqueue' || f === 'push' });
    const r = checkWithSpec(spec, ops);
    expect(r.algorithm).toMatch(/distinct values/);
    expect(r.verdict).toBe('linearizable');
    expect(r.steps).toBe(0);
  });
});

describe('collection histories: explanations', () => {
  const [enq, deq] = ['enqueue', 'dequeue'];
  it('blames a dequeue of a value enqueued after it returned', () => {
    const r = checkWithSpec(resolveSpec('queue'), opsFromIntervals([[0, deq, null, 1, 0, 1], [1, enq, 1, null, 2, 3]]));
    expect(r.explanation!.stuck).toEqual([0]);
    expect(r.explanation!.reason).toMatch(/dequeue returned 1 before enqueue\(1\)/);
  });
  it('blames an empty dequeue while a value surely sat in the queue', () => {
    const r = checkWithSpec(resolveSpec('queue'), opsFromIntervals([[0, enq, 1, null, 0, 1], [1, deq, null, null, 2, 3], [0, deq, null, 1, 4, 5]]));
    expect(r.explanation!.stuck).toEqual([1]);
    expect(r.explanation!.reason).toMatch(/returned empty/);
  });
  it('names the FIFO pattern behind an order violation', () => {
    const r = checkWithSpec(resolveSpec('queue'), opsFromIntervals([[0, enq, 1, null, 0, 1], [0, enq, 2, null, 2, 3], [1, deq, null, 2, 4, 5], [1, deq, null, 1, 6, 7]]));
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.stuck).toEqual([2]);
  });
});
