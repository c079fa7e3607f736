import { PctStrategy } from './pct';
import { pctMissProbability, formatPctRisk } from './pct-risk';
import { exploreSynthetic, type SyntheticRun } from './synthetic-tree';

/** Depth-2 ordering bug: t1 runs its first step strictly between t0's first and last step. */
const between = (r: SyntheticRun): boolean => {
  const first0 = r.events.indexOf('t0'), last0 = r.events.lastIndexOf('t0'), first1 = r.events.indexOf('t1');
  return first0 < first1 && first1 < last0;
};

/** Store buffering: some thread's load (its 's' step) runs while the other's store is still buffered. */
const storeBuffering = (r: SyntheticRun): boolean => {
  // threads 'ws': both loads see the other's store unflushed iff both flushes come after both loads
  const e = r.events;
  const lastLoad = Math.max(e.lastIndexOf('t0'), e.lastIndexOf('t1'));
  return e.indexOf('f0') > lastLoad && e.indexOf('f1') > lastLoad;
};

describe('PctStrategy', () => {
  it('is deterministic per seed and varies with the seed', () => {
    const p = { threads: ['ssss', 'ssss', 'sss'] };
    const a = exploreSynthetic(p, new PctStrategy({ seed: 5, depth: 3 }), 50).map((r) => r.decisions.join(''));
    const b = exploreSynthetic(p, new PctStrategy({ seed: 5, depth: 3 }), 50).map((r) => r.decisions.join(''));
    const c = exploreSynthetic(p, new PctStrategy({ seed: 6, depth: 3 }), 50).map((r) => r.decisions.join(''));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
  });

  it('depth 1 never preempts a runnable thread; depth 2 finds a one-preemption ordering bug', () => {
    const p = { threads: ['ssssss', 'ssssss'] };
    const d1 = exploreSynthetic(p, new PctStrategy({ seed: 1, depth: 1 }), 200);
    expect(d1.some(between)).toBe(false);
    for (const r of d1) expect(['t0'.repeat(6) + 't1'.repeat(6), 't1'.repeat(6) + 't0'.repeat(6)]).toContain(r.events.join(''));
    const d2 = exploreSynthetic(p, new PctStrategy({ seed: 1, depth: 2 }), 200);
    expect(d2.filter(between).length).toBeGreaterThan(0);
  });

  it('learns k from previous executions', () => {
    const s = new PctStrategy({ seed: 2, depth: 2, initialSteps: 3 });
    expect(s.estimatedSteps()).toBe(3);
    const runs = exploreSynthetic({ threads: ['sssss', 'sssss'] }, s, 5);
    const asked = Math.max(...runs.map((r) => r.decisions.length));
    expect(asked).toBeGreaterThan(3);
    expect(s.estimatedSteps()).toBe(asked);
    expect(s.entities()).toBe(2);
  });

  it('runs the highest-priority entity: a store lingers in lazy-flush mode and SB shows up', () => {
    const s = new PctStrategy({ seed: 3, depth: 1 });
    const runs = exploreSynthetic({ threads: ['ws', 'ws'] }, s, 100);
    expect(runs.some(storeBuffering)).toBe(true);
    expect(s.sawPseudoThreads()).toBe(true);
    const modes = s.runsByMode();
    expect(modes.uniform + modes['lazy-flush'] + modes['random-flush'] + modes['lazy-all']).toBe(100);
    expect(modes['lazy-flush']).toBeGreaterThan(0);
  });

  it('hands over after the prefix limit', () => {
    const s = new PctStrategy({ seed: 4, depth: 2, prefixLimit: 3 });
    const [r] = exploreSynthetic({ threads: ['sssss', 'sss'] }, s, 1);
    expect(r.handedOverAt).toBe(3);
    expect(r.steps).toBe(8);
  });

  it('rejects a bad depth', () => {
    expect(() => new PctStrategy({ seed: 0, depth: 0 })).toThrow(RangeError);
  });
});

describe('PCT residual risk', () => {
  it('follows (1 - 1/(n k^(d-1)))^m', () => {
    expect(pctMissProbability(2, 10, 2, 1)).toBeCloseTo(1 - 1 / 20, 12);
    expect(pctMissProbability(3, 50, 3, 1000)).toBeCloseTo(Math.pow(1 - 1 / 7500, 1000), 12);
    expect(pctMissProbability(2, 10, 1, 5)).toBeCloseTo(Math.pow(0.5, 5), 12);
    expect(pctMissProbability(1, 10, 1, 5)).toBe(0);
    expect(pctMissProbability(3, 50, 3, 0)).toBe(1);
    expect(pctMissProbability(3, 50, 2, 100, 0.5)).toBeCloseTo(Math.pow(1 - 0.5 / 150, 100), 12);
    expect(formatPctRisk(3, 50, 2, 100)).toMatch(/^PCT d=2 \(n=3, k=50\): a depth-2 bug is missed by 100 runs with probability <= 51%$/);
  });
});
