import fc from 'fast-check';
import { bruteForceLinearizable } from './brute-force-check';
import { checkWithSpec } from './check-with-spec';
import { resolveSpec } from './index';
import { arbLinearizable, arbMutation, mutate } from './testing/random-histories';
import { verifyLinearization } from './verify-linearization';
import { Choices, ILLEGAL, type SequentialSpec } from './spec';
import type { Operation } from '../history/operation';

/** Check that a not-linearizable result's prefix is accepted by the spec in order. */
function prefixAccepted(spec: SequentialSpec<unknown>, ops: readonly Operation[], prefix: readonly number[]): boolean {
  const byId = new Map(ops.map((o) => [o.id, o]));
  const states = new Map<string, unknown[]>();
  for (const id of prefix) {
    const op = byId.get(id)!;
    const key = spec.partitionKey?.(op) ?? '';
    const next: unknown[] = [];
    for (const s of states.get(key) ?? [spec.initialState()]) {
      const r = spec.step(s, op);
      if (r === ILLEGAL) continue;
      if (r instanceof Choices) next.push(...r.states); else next.push(r);
    }
    if (next.length === 0) return false;
    states.set(key, next);
  }
  return true;
}

describe('checker properties', () => {
  it('histories from a real sequential run with overlapping intervals are linearizable', () => {
    fc.assert(fc.property(arbLinearizable(40, 0.15), ({ spec, ops }) => {
      const s = resolveSpec(spec);
      const r = checkWithSpec(s, ops);
      expect(r.verdict).toBe('linearizable');
      expect(verifyLinearization(s, ops, r.linearization!)).toBeUndefined();
    }), { numRuns: 300, seed: 0x1ce });
  });

  it('agrees with a brute-force checker on small mutated histories', () => {
    let illegal = 0;
    fc.assert(fc.property(arbLinearizable(8, 0.05, 8, 4), fc.array(arbMutation, { minLength: 1, maxLength: 2 }), ({ spec, ops }, muts) => {
      const s = resolveSpec(spec);
      const h = muts.reduce(mutate, ops);
      const fast = checkWithSpec(s, h);
      const slow = bruteForceLinearizable(s, h);
      expect(fast.verdict).toBe(slow ? 'linearizable' : 'not-linearizable');
      if (slow) expect(verifyLinearization(s, h, fast.linearization!)).toBeUndefined();
      else {
        illegal++;
        expect(prefixAccepted(s, h, fast.explanation!.longestPrefix)).toBe(true);
        expect(fast.explanation!.stuck.length).toBeGreaterThan(0);
      }
    }), { numRuns: 600, seed: 0xbeef });
    expect(illegal).toBeGreaterThan(100);
  });

  it('agrees with a brute-force checker when many outcomes are unknown (subsumption in the cache)', () => {
    fc.assert(fc.property(arbLinearizable(8, 0.4, 8, 4), fc.array(arbMutation, { minLength: 1, maxLength: 2 }), ({ spec, ops }, muts) => {
      const s = { ...resolveSpec(spec), fastCheck: undefined };
      const h = muts.reduce(mutate, ops);
      expect(checkWithSpec(s, h).verdict).toBe(bruteForceLinearizable(s, h) ? 'linearizable' : 'not-linearizable');
    }), { numRuns: 500, seed: 0x5b5 });
  });

  it('agrees with a brute-force checker when crashed ops repeat (symmetry of identical unknown-outcome ops)', () => {
    const arbOp = fc.record({ p: fc.nat(3), f: fc.constantFrom('read', 'write', 'cas'), a: fc.nat(1), b: fc.nat(1), ok: fc.boolean(), call: fc.nat(30), len: fc.nat(20), unknown: fc.nat(2) });
    fc.assert(fc.property(fc.array(arbOp, { minLength: 1, maxLength: 8 }), (raw) => {
      const ops: Operation[] = raw.map((r, id) => ({
        id, process: r.p, f: r.f, input: r.f === 'write' ? r.a : r.f === 'cas' ? [r.a, r.b] : null,
        output: r.f === 'read' ? r.b : r.f === 'cas' ? r.ok : null, call: r.call, ret: r.unknown > 0 ? undefined : r.call + r.len,
      }));
      const s = resolveSpec('cas-register');
      expect(checkWithSpec(s, ops).verdict).toBe(bruteForceLinearizable(s, ops) ? 'linearizable' : 'not-linearizable');
    }), { numRuns: 800, seed: 0x5e7 });
  });

  it('agrees with a brute-force checker on random (mostly illegal) histories', () => {
    const arbOp = fc.record({
      p: fc.nat(2), f: fc.constantFrom('read', 'write', 'cas'), a: fc.nat(2), b: fc.nat(2), ok: fc.boolean(),
      call: fc.nat(40), len: fc.nat(20), unknown: fc.boolean(),
    });
    fc.assert(fc.property(fc.array(arbOp, { minLength: 1, maxLength: 7 }), (raw) => {
      const ops: Operation[] = raw.map((r, id) => ({
        id, process: r.p, f: r.f, input: r.f === 'write' ? r.a : r.f === 'cas' ? [r.a, r.b] : null,
        output: r.f === 'read' ? r.b : r.f === 'cas' ? r.ok : null, call: r.call, ret: r.unknown && r.f !== 'read' ? undefined : r.call + r.len,
      }));
      const s = resolveSpec('cas-register');
      expect(checkWithSpec(s, ops).verdict).toBe(bruteForceLinearizable(s, ops) ? 'linearizable' : 'not-linearizable');
    }), { numRuns: 800, seed: 7 });
  });

  it('gives the same result every time (deterministic)', () => {
    fc.assert(fc.property(arbLinearizable(12), fc.array(arbMutation, { maxLength: 2 }), ({ spec, ops }, muts) => {
      const h = muts.reduce(mutate, ops);
      expect(checkWithSpec(resolveSpec(spec), h)).toEqual(checkWithSpec(resolveSpec(spec), h));
    }), { numRuns: 100, seed: 3 });
  });

  it('returns unknown, never a wrong verdict, when the step budget runs out', () => {
    fc.assert(fc.property(arbLinearizable(30), fc.array(arbMutation, { maxLength: 2 }), fc.nat(60), ({ spec, ops }, muts, maxSteps) => {
      const h = muts.reduce(mutate, ops);
      const s = resolveSpec(spec);
      const full = checkWithSpec(s, h);
      const cut = checkWithSpec(s, h, { maxSteps });
      if (cut.verdict === 'unknown') {
        expect(cut.stoppedBy).toBe('steps');
        expect(cut.steps).toBeLessThanOrEqual(maxSteps);
        expect(prefixAccepted(s, h, cut.progress!.longestPrefix)).toBe(true);
      } else expect(cut.verdict).toBe(full.verdict);
    }), { numRuns: 200, seed: 11 });
  });

  it('stops at the injected deadline without reading the clock itself', () => {
    let t = 0;
    const now = (): number => (t += 1);
    const s = resolveSpec('kv-nopartition');
    // many concurrent appends to one key: a huge search space
    const ops: Operation[] = Array.from({ length: 60 }, (_, id) => ({ id, process: id, f: 'append', input: String(id % 7), output: null, call: 0, ret: 100, key: 'k' }));
    ops.push({ id: 60, process: 99, f: 'get', input: null, output: 'zzz', call: 101, ret: 102, key: 'k' });
    const r = checkWithSpec(s, ops, { now, timeoutMs: 5 });
    expect(r.verdict).toBe('unknown');
    expect(r.stoppedBy).toBe('deadline');
    expect(r.progress!.longestPrefix.length).toBeGreaterThan(0);
  });
});

describe('checker properties: P-compositionality', () => {
  it('partitioned kv and unpartitioned kv agree', () => {
    fc.assert(fc.property(arbLinearizable(10, 0.1, 10, 3), fc.array(arbMutation, { maxLength: 2 }), ({ spec, ops }, muts) => {
      fc.pre(spec === 'kv');
      const h = muts.reduce(mutate, ops);
      const part = checkWithSpec(resolveSpec('kv'), h);
      expect(checkWithSpec(resolveSpec('kv-nopartition'), h).verdict).toBe(part.verdict);
      if (part.verdict === 'linearizable') expect(verifyLinearization(resolveSpec('kv-nopartition'), h, part.linearization!)).toBeUndefined();
    }), { numRuns: 200, seed: 17 });
  });
});

describe('checker properties: expanded and nondeterministic specs', () => {
  const arbRandom = (spec: string, fs: readonly string[], input: (f: string, k: number) => unknown, maxLen: number): fc.Arbitrary<{ spec: string; ops: Operation[] }> =>
    fc.array(fc.record({ p: fc.nat(2), f: fc.constantFrom(...fs), k: fc.nat(2), call: fc.nat(30), len: fc.nat(15), unknown: fc.nat(9) }), { minLength: 1, maxLength: maxLen })
      .map((raw) => ({ spec, ops: raw.map((r, id): Operation => ({ id, process: r.p, f: r.f, input: input(r.f, r.k), output: null, call: r.call, ret: r.unknown === 0 ? undefined : r.call + r.len })) }));
  const none = (): unknown => null;
  const rv = (f: string, k: number): unknown => (f === 'action' ? k % 2 : { id: k % 2, cpus: k === 2 ? [0, 1] : [k % 3] });
  const table: [string, readonly string[], (f: string, k: number) => unknown, number, number][] = [
    ['rendezvous', ['rendezvous', 'action', 'action'], rv, 5, 4],
    ['barrier:2', ['await'], none, 6, 10],
    ['mutex-condvar', ['lock', 'unlock', 'wait', 'signal', 'broadcast'], none, 6, 10],
    ['mutex-condvar:spurious', ['lock', 'unlock', 'wait', 'signal'], none, 6, 10],
  ];
  it.each(table)('%s agrees with the brute-force checker on random histories', (spec, fs, input, maxLen, minLegal) => {
    let legal = 0;
    fc.assert(fc.property(arbRandom(spec, fs, input, maxLen), ({ ops }) => {
      const s = resolveSpec(spec);
      const slow = bruteForceLinearizable(s, ops);
      if (slow) legal++;
      expect(checkWithSpec(s, ops).verdict).toBe(slow ? 'linearizable' : 'not-linearizable');
    }), { numRuns: 600, seed: 5 });
    expect(legal).toBeGreaterThan(minLegal);
  });
});
