import fc from 'fast-check';
import { collectionHistory, casRegisterHistory } from '../../bench/history-generators';
import { checkWithSpec } from './check-with-spec';
import { resolveSpec } from './index';
import { arbLinearizable, arbMutation, mutate } from './testing/random-histories';

describe('search budgets and scaling', () => {
  it('a memory budget gives unknown with progress, never a wrong verdict', () => {
    fc.assert(fc.property(arbLinearizable(30, 0.3), fc.array(arbMutation, { maxLength: 2 }), fc.integer({ min: 1, max: 40 }), ({ spec, ops }, muts, kb) => {
      const h = muts.reduce(mutate, ops);
      const s = resolveSpec(spec);
      const full = checkWithSpec(s, h);
      const cut = checkWithSpec(s, h, { maxMemoryBytes: kb * 1024 });
      if (cut.verdict === 'unknown') {
        expect(cut.stoppedBy).toBe('memory');
        expect(cut.progress!.reason).toMatch(/memory budget exhausted/);
      } else expect(cut.verdict).toBe(full.verdict);
      // the spec's own tables (kv strings) are read every 1024 steps: they may pass it by that much
      expect(cut.memoryBytes!).toBeLessThanOrEqual(Math.max(kb * 1024, full.memoryBytes!) + 16 * 1024);
    }), { numRuns: 150, seed: 21 });
  });

  it('stops a search that would outgrow its memory budget (many unknown-outcome enqueues)', () => {
    const ops = collectionHistory('queue', { seed: 4, ops: 300, processes: 8, slack: 6, infoRate: 0.5, crashable: (f) => f === 'enqueue' });
    // values repeat (x % 40), so no polynomial algorithm applies: the general search runs
    const dup = ops.map((o) => ({ ...o, input: o.f === 'enqueue' ? (o.input as number) % 40 : o.input, output: typeof o.output === 'number' ? o.output % 40 : o.output }));
    const r = checkWithSpec(resolveSpec('queue'), dup, { maxMemoryBytes: 4 * 2 ** 20 });
    expect(r.verdict).toBe('unknown');
    expect(r.stoppedBy).toBe('memory');
    expect(r.memoryBytes!).toBeLessThanOrEqual(4 * 2 ** 20);
    expect(r.progress!.longestPrefix.length).toBeGreaterThan(0);
  });

  it('the cache grows linearly on a sequential history (keys are windows, not whole bitsets)', () => {
    const mem = (n: number): number => {
      const ops = casRegisterHistory({ seed: 1, ops: n, processes: 1, slack: 0 });
      const r = checkWithSpec(resolveSpec('cas-register'), ops);
      expect(r.verdict).toBe('linearizable');
      expect(r.steps).toBe(n);
      return r.memoryBytes!;
    };
    // quadratic keys would make the second 16x the first
    expect(mem(16000) / mem(4000)).toBeLessThan(6);
  });
});
