import { buildCorpusEntry } from '../corpus/build-corpus-entry';
import type { CorpusEntry } from '../corpus/corpus-entry';
import { entryHash } from '../corpus/entry-hash';
import { DEFAULT_MEMORY_KNOBS } from '../memory/memory-model';
import { compareRepresentatives } from './representative';

function entry(decisions: number[], preemptions: number, source: { batch?: number; execution?: number; campaignSeed?: number }): CorpusEntry {
  return buildCorpusEntry({
    target: 'ticket', variant: 'v', memory: 'sc', knobs: DEFAULT_MEMORY_KNOBS, workload: { ops: [['lock'], ['lock']] }, maxSteps: 100,
    outcome: { decisions, preemptions, finding: { kind: 'violation', message: 'm', locations: ['a'] } },
    source: { strategy: 'pos', seed: 1, campaignSeed: 3, ...source }, harnessVersion: 't', date: 'd',
  });
}

const cmp = (a: CorpusEntry, b: CorpusEntry): number => compareRepresentatives(a, b, entryHash(a), entryHash(b));

describe('compareRepresentatives', () => {
  it('prefers the earlier run in the global batch order, even when it shrank to a longer run', () => {
    const early = entry([0, 1, 0, 2, 1], 2, { batch: 3, execution: 150 });
    const late = entry([0, 1], 1, { batch: 8, execution: 2 });
    expect(cmp(early, late)).toBeLessThan(0);
    expect(cmp(late, early)).toBeGreaterThan(0);
    expect(cmp(entry([1], 1, { batch: 3, execution: 9 }), entry([0], 1, { batch: 3, execution: 10 }))).toBeLessThan(0);
  });
  it('falls back to the smallest run without a batch, or across campaigns', () => {
    const a = entry([0, 1, 0], 1, {});
    const b = entry([0, 1], 1, { batch: 0 });
    expect(cmp(b, a)).toBeLessThan(0);
    expect(cmp(entry([0, 1, 0], 1, { batch: 1, campaignSeed: 4 }), entry([0, 2, 0, 0], 2, { batch: 0 }))).toBeLessThan(0);
  });
  it.each([
    ['one campaign', [entry([0, 1], 1, { batch: 2 }), entry([1, 1], 1, { batch: 2, execution: 1 }), entry([0], 0, { batch: 5 }), entry([0, 0, 1], 1, { batch: 0, execution: 7 })]],
    ['no batches', [entry([0], 0, {}), entry([0, 0, 1], 1, {}), entry([2], 0, {}), entry([0, 1], 1, {})]],
  ])('is a total order within %s: antisymmetric, sorting independent of the input order', (_name, all) => {
    for (const x of all) for (const y of all) if (x !== y) expect(Math.sign(cmp(x, y))).toBe(-Math.sign(cmp(y, x)));
    const sorted = [...all].sort(cmp).map(entryHash);
    expect([...all].reverse().sort(cmp).map(entryHash)).toEqual(sorted);
    expect([...all.slice(2), ...all.slice(0, 2)].sort(cmp).map(entryHash)).toEqual(sorted);
  });
});
