import { exploreSynthetic, runSynthetic } from './synthetic-tree';
import { UrwStrategy } from './urw';

/** Where thread 0's only step lands among the events of a run (0 = first). */
const position = (events: readonly string[]): number => events.filter((e) => e.startsWith('t')).indexOf('t0');

describe('UrwStrategy (uniform random walk, ASPLOS 2025)', () => {
  const p = { threads: ['s', 'ssssssss'] };

  it('is deterministic per seed and varies with the seed', () => {
    const a = exploreSynthetic(p, new UrwStrategy({ seed: 3 }), 50).map((r) => r.events.join(''));
    const b = exploreSynthetic(p, new UrwStrategy({ seed: 3 }), 50).map((r) => r.events.join(''));
    const c = exploreSynthetic(p, new UrwStrategy({ seed: 4 }), 50).map((r) => r.events.join(''));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('samples interleavings uniformly once it has estimated the threads\' steps', () => {
    const s = new UrwStrategy({ seed: 1 });
    const runs = exploreSynthetic(p, s, 3601).slice(1); // execution 0 is the measuring walk
    expect(s.estimatesFor(2)![1]).toBeGreaterThan(6);
    // 9 interleavings (where the 1-step thread goes among the 8 steps), each about 1/9
    const counts = new Array<number>(9).fill(0);
    for (const r of runs) counts[position(r.events)]!++;
    for (const c of counts) expect(c / runs.length).toBeGreaterThan(0.07);
    for (const c of counts) expect(c / runs.length).toBeLessThan(0.16);
  });

  it('a plain uniform choice per step would put the short thread first half of the time: URW does not', () => {
    const s = new UrwStrategy({ seed: 2 });
    const first = exploreSynthetic(p, s, 1).map((r) => position(r.events));
    const later = exploreSynthetic(p, s, 1000).map((r) => position(r.events));
    expect(first.length).toBe(1);
    expect(later.filter((x) => x === 0).length / later.length).toBeLessThan(0.2);
  });

  it('hands over to the fair continuation after prefixLimit points', () => {
    const s = new UrwStrategy({ seed: 5, prefixLimit: 2 });
    s.beginExecution(0);
    const r = runSynthetic({ threads: ['ssss', 'ssss', 'ssss'] }, s);
    expect(r.handedOverAt).toBeDefined();
    expect(r.decisions.filter((d) => d >= 0).length).toBeLessThanOrEqual(2);
  });
});
