import fc from 'fast-check';
import type { Operation } from '../../history/operation';
import { bruteForceLinearizable } from '../brute-force-check';
import { checkHistory, resolveSpec } from '../index';
import { damagedHistories, fullCheckAnswer, renumbered } from '../testing/quick-accept-cases';

/** Damage a broken semaphore or recorder makes: weights, lost/extra releases, pending or failed ops, keys. */
const arbDamage = fc.record({
  kind: fc.constantFrom('weight', 'drop', 'extra-acquire', 'pending', 'fail-try', 'rename', 'key', 'dup-id', 'late', 'early'),
  at: fc.nat(40), to: fc.nat(40),
});

function damage(ops: readonly Operation[], d: { kind: string; at: number; to: number }): Operation[] {
  const out = ops.slice();
  if (out.length === 0) return out;
  const i = d.at % out.length, j = d.to % out.length;
  const o = out[i]!;
  switch (d.kind) {
    case 'weight': out[i] = { ...o, input: [2, 3, 0, 1.5, 'x'][d.to % 5] }; break;
    case 'drop': out.splice(i, 1); break;
    case 'extra-acquire': out.splice(j, 0, { ...o, f: 'acquire', output: null, call: o.call + 1, ret: (o.ret ?? o.call) + 1 }); break;
    case 'pending': out[i] = { ...o, ret: undefined, output: undefined }; break;
    case 'fail-try': out[i] = { ...o, f: 'try-acquire', output: d.to % 2 === 0 ? false : 'yes' }; break;
    case 'rename': out[i] = { ...o, f: ['acquire', 'release', 'try-acquire', 'lock'][d.to % 4]!, output: true }; break;
    case 'key': out[i] = { ...o, key: 'k' }; break;
    case 'dup-id': out[i] = { ...o, id: out[j]!.id }; break;
    case 'late': out[i] = { ...o, ret: o.ret === undefined ? undefined : o.ret + 0.5 + (d.to % 12) }; break;
    case 'early': out[i] = { ...o, call: o.call - 1 - (d.to % 12) }; break;
  }
  return renumbered(out, d.kind === 'dup-id');
}

// the executor runs a 2-permit semaphore; other initial permit counts make some runs illegal on purpose
const arbCase = fc.tuple(fc.constantFrom(0, 1, 2, 3), damagedHistories('semaphore:2', arbDamage, damage, { ops: 11, slack: 14 }))
  .map(([permits, ops]) => ({ spec: `semaphore:${permits}`, ops }));

const fullCheck = fullCheckAnswer;

describe('greedy accept of semaphore histories (the explorer\'s quick verdict)', () => {
  it('accepts only what the full check finds linearizable, on random and broken histories', () => {
    let accepted = 0, declined = 0;
    fc.assert(fc.property(arbCase, ({ spec, ops }) => {
      if (resolveSpec(spec).quickAccept!(ops) === undefined) { declined++; return; }
      accepted++;
      expect(fullCheck(spec, ops)).toBe('linearizable');
      if (ops.length <= 7) expect(bruteForceLinearizable(resolveSpec(spec), ops)).toBe(true);
      expect(checkHistory(spec, ops, {}, { verdictOnly: true }).verdict).toBe('linearizable');
    }), { numRuns: 2000, seed: 0x5e4a });
    expect(accepted).toBeGreaterThan(400);
    expect(declined).toBeGreaterThan(400);
  });

  it('declines an acquire without a permit, whichever order the releases come in', () => {
    const h = (permits: number, rows: [string, unknown, number, number][]) =>
      ({ spec: `semaphore:${permits}`, ops: rows.map(([f, input, call, ret], id): Operation => ({ id, process: id % 3, f, input, output: null, call, ret })) });
    const cases = [
      // two acquires while one permit was available (the release came after both returned)
      h(1, [['acquire', null, 0, 1], ['acquire', null, 2, 3], ['release', null, 4, 5]]),
      // a weight-2 acquire with one permit
      h(1, [['acquire', 2, 0, 1]]),
      // the release that would make it legal was called only after the acquire returned (equal times are concurrent)
      h(0, [['acquire', null, 0, 3], ['release', null, 4, 5]]),
    ];
    for (const { spec, ops } of cases) {
      expect(resolveSpec(spec).quickAccept!(ops)).toBeUndefined();
      expect(fullCheck(spec, ops)).toBe('not-linearizable');
    }
    // touching: a release called at the time the acquire returns may come first
    const touch = h(0, [['acquire', null, 0, 3], ['release', null, 3, 5]]);
    expect(resolveSpec(touch.spec).quickAccept!(touch.ops)).toBeDefined();
    expect(fullCheck(touch.spec, touch.ops)).toBe('linearizable');
  });
});
