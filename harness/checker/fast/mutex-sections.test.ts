import fc from 'fast-check';
import type { Operation } from '../../history/operation';
import { bruteForceLinearizable } from '../brute-force-check';
import { checkWithSpec, SEARCH_ALGORITHM } from '../check-with-spec';
import { resolveSpec } from '../index';
import { opsFromIntervals } from '../../history/ops-from-intervals';
import { arbMutation, mutate } from '../testing/random-histories';
import { verifyLinearization } from '../verify-linearization';

/** Each process runs its ops roughly one after another (a negative gap overlaps the previous op, as a buffered release does under TSO). */
const arbMutexHistory = (maxPerProcess: number): fc.Arbitrary<Operation[]> =>
  fc.array(fc.array(fc.record({ f: fc.constantFrom('acquire', 'release', 'acquire', 'release', 'try-acquire'), gap: fc.integer({ min: -3, max: 6 }), len: fc.nat(8) }), { maxLength: maxPerProcess }), { minLength: 1, maxLength: 3 })
    .chain((procs) => fc.record({ procs: fc.constant(procs), pendingLast: fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }) }))
    .map(({ procs, pendingLast }) => {
      const ops: Operation[] = [];
      procs.forEach((seq, p) => {
        let t = 0;
        seq.forEach((o, k) => {
          const call = t + o.gap;
          const pending = k === seq.length - 1 && pendingLast[p]! && o.f !== 'try-acquire';
          ops.push({ id: ops.length, process: p, f: o.f, input: null, output: o.f === 'try-acquire' ? true : null, call, ret: pending ? undefined : call + o.len });
          t = call + o.len;
        });
      });
      return ops;
    }).filter((ops) => ops.length > 0);

const mutex = resolveSpec('mutex');
const searchOnly = { ...mutex, fastCheck: undefined };

describe('mutex critical sections (polynomial-time path)', () => {
  it('gives the general search\'s verdict on random and mutated histories, and the brute force\'s on small ones', () => {
    let fastDecided = 0, illegal = 0;
    fc.assert(fc.property(arbMutexHistory(4), fc.array(arbMutation, { maxLength: 2 }), (ops, muts) => {
      const h = muts.reduce(mutate, ops);
      const fast = checkWithSpec(mutex, h);
      const slow = checkWithSpec(searchOnly, h);
      expect(slow.algorithm).toBe(SEARCH_ALGORITHM);
      expect(fast.verdict).toBe(slow.verdict);
      if (fast.algorithm !== SEARCH_ALGORITHM) fastDecided++;
      if (h.length <= 8) expect(fast.verdict).toBe(bruteForceLinearizable(mutex, h) ? 'linearizable' : 'not-linearizable');
      if (fast.verdict === 'linearizable' && fast.linearization) expect(verifyLinearization(mutex, h, fast.linearization)).toBeUndefined();
      if (fast.verdict === 'not-linearizable') {
        illegal++;
        expect(fast.explanation!.stuck.length).toBeGreaterThan(0);
        expect(verifyPrefix(h, fast.explanation!.longestPrefix)).toBe(true);
      }
    }), { numRuns: 1500, seed: 0x10c4 });
    expect(fastDecided).toBeGreaterThan(400);
    expect(illegal).toBeGreaterThan(300);
  });

  it('blames the release of a double unlock, not another process\'s acquire (issue 13)', () => {
    // p0: acquire, release, release (double unlock); p1 acquires in between
    const ops = opsFromIntervals([[0, 'acquire', null, null, 0, 1], [0, 'release', null, null, 2, 3], [1, 'acquire', null, null, 4, 5], [0, 'release', null, null, 6, 7], [1, 'release', null, null, 8, 9]]);
    const r = checkWithSpec(mutex, ops);
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.stuck).toEqual([3]);
    expect(r.explanation!.reason).toMatch(/process 0 released the mutex without holding it/);
  });

  it('blames the double release even when the next acquire overlaps it (issue 13)', () => {
    // p0: acquire, release, release, acquire, release; the extra release touches the next acquire
    const ops = opsFromIntervals([[0, 'acquire', null, null, 1, 3], [0, 'release', null, null, 4, 4], [0, 'release', null, null, 6, 6], [0, 'acquire', null, null, 8, 10],
      [0, 'release', null, null, 11, 13], [1, 'acquire', null, null, 0, 2], [1, 'release', null, null, 5, 6], [1, 'acquire', null, null, 7, 9], [1, 'release', null, null, 11, 14]]);
    const r = checkWithSpec(mutex, ops);
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.stuck).toEqual([2]);
    expect(r.explanation!.reason).toMatch(/process 0 released the mutex without holding it \(its previous release, op 1/);
  });

  it('blames a re-acquire by the owner', () => {
    const r = checkWithSpec(mutex, opsFromIntervals([[0, 'acquire', null, null, 0, 1], [0, 'acquire', null, null, 2, 3]]));
    expect(r.explanation!.stuck).toEqual([1]);
    expect(r.explanation!.reason).toMatch(/while holding it already/);
  });

  it('leaves overlapping ops of one process (TSO) and failed try-acquires to the general search', () => {
    const overlap = opsFromIntervals([[0, 'acquire', null, null, 0, 5], [0, 'release', null, null, 3, 8]]);
    expect(checkWithSpec(mutex, overlap).algorithm).toBe(SEARCH_ALGORITHM);
    const failedTry = opsFromIntervals([[0, 'acquire', null, null, 0, 1], [1, 'try-acquire', null, false, 2, 3]]);
    expect(checkWithSpec(mutex, failedTry).algorithm).toBe(SEARCH_ALGORITHM);
  });
});

/** The prefix is accepted by the mutex spec in order. */
function verifyPrefix(ops: readonly Operation[], prefix: readonly number[]): boolean {
  const byId = new Map(ops.map((o) => [o.id, o]));
  let s: number | null = mutex.initialState();
  for (const id of prefix) {
    const r = mutex.step(s, byId.get(id)!);
    if (typeof r === 'symbol' || typeof r === 'object' && r !== null) return false;
    s = r as number | null;
  }
  return true;
}
