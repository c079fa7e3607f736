import fc from 'fast-check';
import { generateHistory } from '../../../bench/history-generators';
import type { Operation } from '../../history/operation';
import { opsFromIntervals } from '../../history/ops-from-intervals';
import { bruteForceLinearizable } from '../brute-force-check';
import { checkWithSpec, SEARCH_ALGORITHM } from '../check-with-spec';
import { resolveSpec } from '../index';
import { APPEND_ALGORITHM, appendFastCheck } from './append-fast-check';

/**
 * A linearizable-by-construction append/get history over `keys` keys; `texts` picks the
 * appended texts: distinct tokens, tokens that can be read two ways ("a", "b", "ab"), or
 * repeated ones; `puts` mixes in puts (outside the fast path's class).
 */
const arbHistory = (maxOps: number): fc.Arbitrary<Operation[]> =>
  fc.record({
    seed: fc.nat(), ops: fc.integer({ min: 1, max: maxOps }), processes: fc.integer({ min: 1, max: 4 }), slack: fc.nat(6),
    info: fc.constantFrom(0, 0, 0.2), keys: fc.constantFrom(1, 1, 2), texts: fc.constantFrom('distinct', 'distinct', 'distinct', 'ambiguous', 'repeated'),
    puts: fc.constantFrom(false, false, false, true),
  }).map((g) => {
    const values = new Map<string, string>();
    const ambiguous = ['a', 'b', 'ab', 'ba', 'c'];
    return generateHistory(
      { seed: g.seed, ops: g.ops, processes: g.processes, slack: g.slack, gap: 3, infoRate: g.info, crashable: (f) => f !== 'get' },
      (rng, k) => {
        const key = String(rng.nextInt(g.keys));
        const r = rng.nextInt(10);
        const text = g.texts === 'distinct' ? `x ${k} y` : g.texts === 'ambiguous' ? ambiguous[k % ambiguous.length]! + (k >= 5 ? k : '') : `v${k % 3}`;
        return { f: r < 4 ? 'get' : g.puts && r === 9 ? 'put' : 'append', input: { key, text } };
      },
      (op) => {
        const { key, text } = op.input as { key: string; text: string };
        const now = values.get(key) ?? '';
        if (op.f === 'get') return now;
        if (op.applied) values.set(key, op.f === 'put' ? text : now + text);
        return null;
      },
    ).map((o) => {
      const { key, text } = o.input as { key: string; text: string };
      return { ...o, key, input: o.f === 'get' ? null : text };
    });
  });

/** Mutations: another get's value, a value cut short or extended, an op shifted in time. */
type Mut = { kind: 'copy'; a: number; b: number } | { kind: 'cut'; a: number; by: number } | { kind: 'shift'; a: number; by: number } | { kind: 'grow'; a: number };
const arbMut: fc.Arbitrary<Mut> = fc.oneof(
  fc.record({ kind: fc.constant('copy' as const), a: fc.nat(30), b: fc.nat(30) }),
  fc.record({ kind: fc.constant('cut' as const), a: fc.nat(30), by: fc.integer({ min: 1, max: 8 }) }),
  fc.record({ kind: fc.constant('shift' as const), a: fc.nat(30), by: fc.integer({ min: -30, max: 30 }) }),
  fc.record({ kind: fc.constant('grow' as const), a: fc.nat(30) }),
);

function apply(ops: readonly Operation[], m: Mut): Operation[] {
  const out = ops.slice();
  if (m.kind === 'shift') {
    const i = m.a % out.length, o = out[i]!;
    out[i] = { ...o, call: o.call + m.by, ret: o.ret === undefined ? undefined : Math.max(o.call + m.by, o.ret + m.by) };
    return out;
  }
  const gets = out.map((o, i) => i).filter((i) => out[i]!.f === 'get' && out[i]!.ret !== undefined);
  if (gets.length === 0) return out;
  const a = gets[m.a % gets.length]!;
  const v = String(out[a]!.output ?? '');
  if (m.kind === 'copy') out[a] = { ...out[a]!, output: out[gets[m.b % gets.length]!]!.output };
  if (m.kind === 'cut') out[a] = { ...out[a]!, output: v.slice(0, Math.max(0, v.length - m.by)) };
  if (m.kind === 'grow') {
    const t = out.find((o) => o.f === 'append' && o.key === out[a]!.key);
    if (t !== undefined) out[a] = { ...out[a]!, output: v + String(t.input) };
  }
  return out;
}

describe('kv: append-only keys with distinct appends', () => {
  const spec = resolveSpec('kv');
  const searchOnly = { ...spec, fastCheck: undefined };

  it('gives the general search\'s verdict on random and mutated histories, and the brute force\'s on small ones', () => {
    let fast = 0, illegal = 0, outside = 0;
    fc.assert(fc.property(arbHistory(14), fc.array(arbMut, { maxLength: 2 }), (ops, muts) => {
      const h = muts.reduce(apply, ops);
      const r = checkWithSpec(spec, h);
      const slow = checkWithSpec(searchOnly, h, { maxSteps: 2_000_000 });
      if (slow.verdict !== 'unknown') expect(r.verdict).toBe(slow.verdict);
      if (h.length <= 7) expect(r.verdict).toBe(bruteForceLinearizable(spec, h) ? 'linearizable' : 'not-linearizable');
      if ((r.algorithm ?? '').includes(APPEND_ALGORITHM)) fast++;
      if (r.algorithm === SEARCH_ALGORITHM) outside++;
      if (r.verdict === 'not-linearizable') { illegal++; expect(r.explanation!.stuck.length).toBeGreaterThan(0); }
      // a linearization the fast path builds is one the spec accepts
      if (r.verdict === 'linearizable') expect(r.linearization).toBeDefined();
    }), { numRuns: 1000, seed: 0xa99e });
    expect(fast).toBeGreaterThan(500);
    expect(illegal).toBeGreaterThan(150);
    expect(outside).toBeGreaterThan(50);
  });

  it('decides a long history without searching', () => {
    const ops: [number, string, unknown, unknown, number, number?, string?][] = [];
    let value = '';
    for (let k = 0; k < 3000; k++) {
      const t = 2 * k;
      if (k % 3 === 0) ops.push([k % 7, 'get', null, value, t, t + 5, 'k']);
      else { ops.push([k % 7, 'append', `x ${k} y`, null, t, k % 10 === 1 ? undefined : t + 5, 'k']); value += `x ${k} y`; }
    }
    const r = checkWithSpec(spec, opsFromIntervals(ops));
    expect(r.algorithm).toBe(APPEND_ALGORITHM);
    expect(r.verdict).toBe('linearizable');
    expect(r.steps).toBe(0);
  });

  it('leaves puts, repeated texts and ambiguous values to the search', () => {
    const put = opsFromIntervals([[0, 'put', 'a', null, 0, 1, 'k'], [1, 'get', null, 'a', 2, 3, 'k']]);
    expect(appendFastCheck(put, false)).toBeUndefined();
    const twice = opsFromIntervals([[0, 'append', 'a', null, 0, 1, 'k'], [1, 'append', 'a', null, 2, 3, 'k']]);
    expect(appendFastCheck(twice, false)).toBeUndefined();
    const twoWays = opsFromIntervals([[0, 'append', 'a', null, 0, 1, 'k'], [1, 'append', 'ab', null, 0, 1, 'k'], [2, 'append', 'b', null, 0, 1, 'k'], [0, 'get', null, 'ab', 2, 3, 'k']]);
    expect(appendFastCheck(twoWays, false)).toBeUndefined();
  });

  it('blames a get whose value only an earlier order of the appends explains', () => {
    // append a, then append b (in real time), but a get reads "b"
    const h = opsFromIntervals([[0, 'append', 'a', null, 0, 1, 'k'], [0, 'append', 'b', null, 2, 3, 'k'], [1, 'get', null, 'b', 4, 5, 'k']]);
    const f = appendFastCheck(h, false);
    expect(f?.verdict).toBe('not-linearizable');
    const r = checkWithSpec(spec, h);
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.stuck.length).toBeGreaterThan(0);
  });
});
