import fc from 'fast-check';
import type { Operation } from '../../history/operation';
import { bruteForceLinearizable } from '../brute-force-check';
import { checkHistory, resolveSpec } from '../index';
import { damagedHistories, fullCheckAnswer, renumbered } from '../testing/quick-accept-cases';

const mutex = resolveSpec('mutex');

/** Mutex-specific damage: what a broken lock or a sloppy recorder produces. */
type Damage =
  | { kind: 'double-release' | 'drop' | 'pending' | 'fail-try' | 'succeed-try' | 'rename' | 'key' | 'dup-id' | 'swap'; at: number; to: number }
  | { kind: 'overlap' | 'late'; at: number; to: number };

const arbDamage: fc.Arbitrary<Damage> = fc.record({
  kind: fc.constantFrom('double-release', 'drop', 'pending', 'fail-try', 'succeed-try', 'rename', 'key', 'dup-id', 'swap', 'overlap', 'late'),
  at: fc.nat(40), to: fc.nat(40),
});

function damage(ops: readonly Operation[], d: Damage): Operation[] {
  const out = ops.slice();
  if (out.length === 0) return out;
  const i = d.at % out.length, j = d.to % out.length;
  const o = out[i]!;
  switch (d.kind) {
    case 'double-release': out.splice(j, 0, { ...o, f: 'release', call: o.call + 1, ret: (o.ret ?? o.call) + 2 }); break;
    case 'drop': out.splice(i, 1); break;
    case 'pending': out[i] = { ...o, ret: undefined, output: undefined }; break;
    case 'fail-try': out[i] = { ...o, f: 'try-acquire', output: false }; break;
    case 'succeed-try': out[i] = { ...o, f: 'try-lock', output: true }; break;
    case 'rename': out[i] = { ...o, f: ['lock', 'unlock', 'trylock', 'acquire', 'nope'][d.to % 5]! }; break;
    // a second partition, or '' (the same partition as no key: the spec's key is `key ?? ''`)
    case 'key': out[i] = { ...o, key: ['k', ''][d.to % 2]! }; break;
    case 'dup-id': out[i] = { ...o, id: out[j]!.id }; break;
    case 'swap': out[i] = out[j]!; out[j] = o; break;
    case 'overlap': out[i] = { ...o, call: o.call - 1 - (d.to % 12) }; break;
    // a return seen late, as a store buffered under TSO makes it
    case 'late': out[i] = { ...o, ret: o.ret === undefined ? undefined : o.ret + 0.5 + (d.to % 12) }; break;
  }
  return renumbered(out, d.kind === 'dup-id');
}

/** Recorded-looking mutex histories (acquire / release / try-acquire), then broken. */
const arbCase = damagedHistories('mutex', arbDamage, damage, { ops: 12, slack: 14 });

const fullCheck = (ops: readonly Operation[]): string => fullCheckAnswer('mutex', ops);

describe('one-pass accept of mutex histories (the explorer\'s quick verdict)', () => {
  it('accepts only what the full check finds linearizable, on random, recorded-looking and broken histories', () => {
    let accepted = 0, declined = 0;
    fc.assert(fc.property(arbCase, (ops) => {
      const quick = mutex.quickAccept!(ops) !== undefined;
      if (!quick) { declined++; return; }
      accepted++;
      expect(fullCheck(ops)).toBe('linearizable');
      if (ops.length <= 7) expect(bruteForceLinearizable(mutex, ops)).toBe(true);
      // and the explorer's entry point answers the same
      expect(checkHistory('mutex', ops, {}, { verdictOnly: true }).verdict).toBe('linearizable');
    }), { numRuns: 2500, seed: 0x9ac7 });
    // both sides are exercised: the accept is no stub, and the damage reaches it
    expect(accepted).toBeGreaterThan(500);
    expect(declined).toBeGreaterThan(500);
  });

  it('declines the classic faults, which the full check then blames', () => {
    const h = (rows: [number, string, unknown, number, number | undefined][]): Operation[] =>
      rows.map(([process, f, output, call, ret], id) => ({ id, process, f, input: null, output, call, ret }));
    const cases: Operation[][] = [
      // two sections overlap (p1 acquired at 3 while p0 held it until its release at 5)
      h([[0, 'acquire', null, 0, 1], [1, 'acquire', null, 0, 3], [0, 'release', null, 5, 6], [1, 'release', null, 7, 8]]),
      // double unlock
      h([[0, 'acquire', null, 0, 1], [0, 'release', null, 2, 3], [0, 'release', null, 4, 5]]),
      // a release by a process that never acquired
      h([[0, 'acquire', null, 0, 1], [1, 'release', null, 2, 3]]),
      // a failed try-acquire while the mutex was surely free
      h([[0, 'acquire', null, 0, 1], [0, 'release', null, 2, 3], [1, 'try-acquire', false, 4, 5]]),
      // releases out of call order, with an acquire returning after its own release was called
      h([[0, 'acquire', null, 0, 1], [0, 'release', null, 10, 11], [1, 'acquire', null, 0, 12], [1, 'release', null, 5, 6]]),
      // a pending acquire is no release: p0 still holds the mutex when p1 acquires it
      h([[0, 'acquire', null, 0, 1], [0, 'acquire', undefined, 2, undefined], [1, 'acquire', null, 3, 4]]),
      // two acquires left without release
      h([[0, 'acquire', null, 0, 1], [1, 'acquire', null, 2, 3]]),
    ];
    for (const ops of cases) {
      expect(mutex.quickAccept!(ops)).toBeUndefined();
      expect(fullCheck(ops)).toBe('not-linearizable');
      expect(checkHistory('mutex', ops, {}, { verdictOnly: true }).verdict).toBe('not-linearizable');
    }
  });

  it('decides each partition (key) apart, the way the full check does', () => {
    const h = (rows: [number, string, number, number, string | undefined][]): Operation[] =>
      rows.map(([process, f, call, ret, key], id) => ({ id, process, f, input: null, output: null, call, ret, ...(key !== undefined ? { key } : {}) }));
    // nested locks A then B, as lock-ordering targets record them
    const ok = h([[0, 'acquire', 0, 1, 'A'], [0, 'acquire', 2, 3, 'B'], [1, 'acquire', 0, 9, 'A'], [0, 'release', 4, 5, 'B'], [0, 'release', 6, 7, 'A'], [1, 'release', 10, 11, 'A']]);
    expect(mutex.quickAccept!(ok)).toBe('mutex critical sections');
    expect(fullCheck(ok)).toBe('linearizable');
    // partition B is fine, partition '' (no key and '' are one partition) has two overlapping sections
    const bad = h([[0, 'acquire', 0, 1, undefined], [1, 'acquire', 0, 1, 'B'], [1, 'release', 2, 3, 'B'], [1, 'acquire', 2, 3, ''], [0, 'release', 4, 5, undefined], [1, 'release', 6, 7, '']]);
    expect(mutex.quickAccept!(bad)).toBeUndefined();
    expect(fullCheck(bad)).toBe('not-linearizable');
  });

  it('accepts a TSO-shaped history: a release still buffered while its process calls the next acquire, a failed try inside a section, pending ops at the end', () => {
    const ops: Operation[] = [
      { id: 0, process: 0, f: 'acquire', input: null, output: null, call: 0, ret: 2 },
      { id: 1, process: 1, f: 'acquire', input: null, output: null, call: 0, ret: 9 },
      { id: 2, process: 0, f: 'release', input: null, output: null, call: 4, ret: 7.5 },
      { id: 3, process: 0, f: 'acquire', input: null, output: null, call: 5, ret: 12 },
      { id: 4, process: 2, f: 'try-acquire', input: null, output: false, call: 6, ret: 6 },
      { id: 5, process: 1, f: 'release', input: null, output: null, call: 10, ret: 11 },
      // the owner's own failed try-acquire inside its section (held: legal), before its release
      { id: 6, process: 0, f: 'try-lock', input: null, output: false, call: 13, ret: 14 },
      { id: 7, process: 0, f: 'unlock', input: null, output: null, call: 15, ret: 16 },
      // a pending try-acquire (left out) and a pending last release (at its call)
      { id: 8, process: 2, f: 'trylock', input: null, output: undefined, call: 15, ret: undefined },
      { id: 9, process: 1, f: 'acquire', input: null, output: null, call: 12, ret: 17 },
      { id: 10, process: 1, f: 'release', input: null, output: null, call: 18, ret: undefined },
    ];
    expect(mutex.quickAccept!(ops)).toBe('mutex critical sections');
    expect(fullCheck(ops)).toBe('linearizable');
  });
});
