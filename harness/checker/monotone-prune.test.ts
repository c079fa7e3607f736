import fc from 'fast-check';
import type { Operation } from '../history/operation';
import { bruteForceLinearizable } from './brute-force-check';
import { checkWithSpec } from './check-with-spec';
import { resolveSpec } from './index';
import type { SequentialSpec } from './spec';
import { verifyLinearization } from './verify-linearization';

/** The kv spec as the search saw it before the pruning: no read-only ops, no monotone states. */
function unpruned(): SequentialSpec<unknown> {
  const s = resolveSpec('kv');
  return { ...s, readOnly: undefined, monotone: undefined, fastCheck: undefined };
}

/** The kv spec with the pruning, fast path off (so the search decides every key). */
function pruned(): SequentialSpec<unknown> {
  return { ...resolveSpec('kv'), fastCheck: undefined };
}

/**
 * Two keys of puts, appends of REPEATED texts (two letters) and gets, run sequentially and
 * given overlapping intervals (linearizable), then some gets' outputs replaced by a nearby
 * value (usually not linearizable): the keys the pruning is for (kv c50).
 */
const arbKvHistory = (max: number): fc.Arbitrary<Operation[]> =>
  fc.array(fc.record({
    f: fc.constantFrom('get', 'get', 'put', 'append', 'append', 'append'), v: fc.constantFrom('a', 'b', ''), p: fc.nat(3),
    before: fc.nat(30), after: fc.nat(30), unknown: fc.nat(19), wrong: fc.nat(3), drop: fc.nat(2), key: fc.nat(4),
  }), { minLength: 1, maxLength: max }).map((raw) => {
    const values = ['', ''];
    return raw.map((r, id): Operation => {
      const point = 10 * id + 5;
      const k = r.key === 0 ? 1 : 0; // mostly one key: the other one shares the spec's string table
      let output: unknown = null;
      if (r.f === 'put') values[k] = r.v;
      else if (r.f === 'append') values[k] += r.v;
      else output = r.wrong === 0 ? values[k]!.slice(0, Math.max(0, values[k]!.length - 1 - r.drop)) + r.v : values[k];
      const unknown = r.unknown === 0;
      return {
        id, process: r.p, f: r.f, input: r.f === 'get' ? null : r.v, output: unknown ? undefined : output, key: `k${k}`,
        call: point - r.before, ret: unknown ? undefined : point + r.after,
      };
    });
  });

describe('monotone pruning of the search (kv: reads that the state can no longer grow into)', () => {
  it('agrees with the brute-force checker on small histories', () => {
    let illegal = 0;
    fc.assert(fc.property(arbKvHistory(8), (ops) => {
      const slow = bruteForceLinearizable(pruned(), ops);
      if (!slow) illegal++;
      const r = checkWithSpec(pruned(), ops);
      expect(r.verdict).toBe(slow ? 'linearizable' : 'not-linearizable');
      if (slow) expect(verifyLinearization(pruned(), ops, r.linearization!)).toBeUndefined();
    }), { numRuns: 600, seed: 0x9a7 });
    expect(illegal).toBeGreaterThan(60);
  });

  it('gives the verdict of the unpruned search on longer histories, in fewer steps overall', () => {
    let stepsBefore = 0, stepsAfter = 0;
    fc.assert(fc.property(arbKvHistory(40), (ops) => {
      const before = checkWithSpec(unpruned(), ops);
      const after = checkWithSpec(pruned(), ops);
      expect(after.verdict).toBe(before.verdict);
      stepsBefore += before.steps;
      stepsAfter += after.steps;
    }), { numRuns: 300, seed: 0x51e });
    expect(stepsAfter).toBeLessThan(stepsBefore);
  });

  it('names the get a pruned search could not reach in the explanation', () => {
    const op = (id: number, f: string, input: unknown, output: unknown, call: number): Operation => ({ id, process: id, f, input, output, key: 'k', call, ret: call + 1 });
    const ops = [op(0, 'append', 'a', null, 0), op(1, 'append', 'b', null, 2), op(2, 'get', null, 'a', 4)];
    const r = checkWithSpec(pruned(), ops);
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.stuck).toContain(2);
    expect(r.explanation!.reason).toContain('returned "a" but the key holds "ab"');
  });
});
