import { RandomWalkStrategy, nthOfKind } from './random-walk';
import { exploreSynthetic, runSynthetic } from './synthetic-tree';

describe('RandomWalkStrategy', () => {
  const p = { threads: ['swcs', 'wsw', 'ss'] };

  it('is deterministic per seed and varies with the seed', () => {
    const a = exploreSynthetic(p, new RandomWalkStrategy({ seed: 9 }), 40).map((r) => r.events.join(''));
    const b = exploreSynthetic(p, new RandomWalkStrategy({ seed: 9 }), 40).map((r) => r.events.join(''));
    const c = exploreSynthetic(p, new RandomWalkStrategy({ seed: 10 }), 40).map((r) => r.events.join(''));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('execution i depends only on (seed, i)', () => {
    const s = new RandomWalkStrategy({ seed: 9 });
    const all = exploreSynthetic(p, s, 5).map((r) => r.events.join(''));
    const again = new RandomWalkStrategy({ seed: 9 });
    again.beginExecution(4);
    expect(runSynthetic(p, again).events.join('')).toBe(all[4]);
  });

  it('explores many distinct interleavings, flushes and values', () => {
    const runs = exploreSynthetic(p, new RandomWalkStrategy({ seed: 1 }), 300);
    expect(new Set(runs.map((r) => r.events.join(''))).size).toBeGreaterThan(100);
    expect(runs.some((r) => r.events.includes('v1'))).toBe(true);
    expect(runs.some((r) => r.events.includes('v0'))).toBe(true);
    // lingering stores: some run flushes cpu0's store only after every thread step
    expect(runs.some((r) => r.events.indexOf('f0') > r.events.lastIndexOf('t2'))).toBe(true);
  });

  it('finds store buffering between two threads quickly', () => {
    const runs = exploreSynthetic({ threads: ['ws', 'ws'] }, new RandomWalkStrategy({ seed: 1 }), 50);
    const sb = runs.filter((r) => {
      const e = r.events, lastLoad = Math.max(e.lastIndexOf('t0'), e.lastIndexOf('t1'));
      return e.indexOf('f0') > lastLoad && e.indexOf('f1') > lastLoad;
    });
    expect(sb.length).toBeGreaterThan(5);
  });

  it('hands over after its prefix limit', () => {
    const [r] = exploreSynthetic({ threads: ['ssss', 'ssss'] }, new RandomWalkStrategy({ seed: 1, prefixLimit: 2 }), 1);
    expect(r.handedOverAt).toBe(2);
    expect(r.steps).toBe(8);
  });

  it('nthOfKind finds the n-th option of a kind', () => {
    const opts = [{ kind: 'thread', target: 1, slot: 0 }, { kind: 'flush', target: 0, slot: 0 }, { kind: 'thread', target: 0, slot: 0 }, { kind: 'flush', target: 1, slot: 0 }] as const;
    expect(nthOfKind(opts, 'thread', 1)).toBe(2);
    expect(nthOfKind(opts, 'flush', 1)).toBe(3);
    expect(() => nthOfKind(opts, 'ipi', 0)).toThrow();
  });
});
