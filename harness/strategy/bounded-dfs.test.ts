import { BoundedDfsStrategy } from './bounded-dfs';
import { exploreSynthetic, runSynthetic, type SyntheticProgram } from './synthetic-tree';
import { HAND_OVER, type ChoicePoint, type Strategy } from './strategy';

/**
 * Independent oracle: enumerate the whole choice tree of a synthetic program by brute force
 * (a replaying strategy that records each point), and cost every leaf with the CHESS rule.
 */
function enumerateAll(program: SyntheticProgram): { decisions: number[]; cost: number }[] {
  const leaves: { decisions: number[]; cost: number }[] = [];
  const visit = (prefix: number[]): void => {
    const points: { n: number; cost: (o: number) => number }[] = [];
    const s: Strategy = {
      name: 'probe',
      beginExecution: () => true,
      choose(p: ChoicePoint) {
        const i = points.length;
        if (p.type === 'value') points.push({ n: p.n, cost: () => 0 });
        else {
          const cr = p.currentRunnable;
          points.push({ n: p.options.length, cost: (o) => (o !== 0 && cr ? 1 : 0) });
        }
        return i < prefix.length ? prefix[i] : 0;
      },
      endExecution: () => undefined,
      exhausted: () => false,
    };
    const run = runSynthetic(program, s);
    let cost = 0;
    for (let i = 0; i < run.decisions.length; i++) cost += points[i].cost(run.decisions[i]);
    leaves.push({ decisions: run.decisions, cost });
    for (let i = run.decisions.length - 1; i >= prefix.length; i--) {
      for (let o = 1; o < points[i].n; o++) visit([...run.decisions.slice(0, i), o]);
    }
  };
  visit([]);
  return leaves;
}

function countsByCost(leaves: { cost: number }[], k: number): number[] {
  const c = new Array(k + 1).fill(0);
  for (const l of leaves) if (l.cost <= k) c[l.cost]++;
  return c;
}

describe('BoundedDfsStrategy on synthetic trees', () => {
  it('2 threads x 2 steps: 2 schedules per preemption count 0, 1, 2 (hand-counted)', () => {
    const p = { threads: ['ss', 'ss'] };
    const dfs = new BoundedDfsStrategy({ preemptions: 2 });
    const runs = exploreSynthetic(p, dfs, 1000);
    expect(dfs.stats().schedulesPerBound).toEqual([2, 2, 2]);
    expect(dfs.exhausted()).toBe(true);
    expect(dfs.stats().complete).toBe(true);
    const orders = runs.map((r) => r.events.join(''));
    expect(new Set(orders)).toEqual(new Set(['t0t0t1t1', 't1t1t0t0', 't0t1t1t0', 't1t0t0t1', 't0t1t0t1', 't1t0t1t0']));
  });

  const programs: [string, SyntheticProgram][] = [
    ['3 threads x 2 steps', { threads: ['ss', 'ss', 'ss'] }],
    ['2 threads x 4 steps', { threads: ['ssss', 'ssss'] }],
    ['value choices', { threads: ['scs', 'cs'] }],
    ['store buffers (tso flushes)', { threads: ['wsf', 'ws'] }],
    ['mixed', { threads: ['wcs', 'sw', 's'] }],
  ];

  it.each(programs)('%s: explores exactly the schedules of each preemption count, each once, in bound order', (_name, program) => {
    const all = enumerateAll(program);
    for (const k of [0, 1, 2, 3]) {
      const dfs = new BoundedDfsStrategy({ preemptions: k });
      const runs = exploreSynthetic(program, dfs, 100000);
      const expected = countsByCost(all, k);
      expect(dfs.stats().schedulesPerBound).toEqual(expected);
      expect(runs.length).toBe(expected.reduce((a, b) => a + b, 0));
      const keys = runs.map((r) => r.decisions.join(','));
      expect(new Set(keys).size).toBe(keys.length);
      const costOf = new Map(all.map((l) => [l.decisions.join(','), l.cost]));
      const costs = keys.map((key) => costOf.get(key));
      for (const c of costs) expect(c).toBeLessThanOrEqual(k);
      for (let i = 1; i < costs.length; i++) expect(costs[i]! >= costs[i - 1]!).toBe(true);
      expect(dfs.exhausted()).toBe(true);
      expect(dfs.stats().complete).toBe(all.every((l) => l.cost <= k));
      expect(dfs.beginExecution(runs.length)).toBe(false);
    }
  });

  it('stops early when the runs budget is smaller than the space (not exhausted)', () => {
    const dfs = new BoundedDfsStrategy({ preemptions: 2 });
    exploreSynthetic({ threads: ['sss', 'sss', 'sss'] }, dfs, 10);
    expect(dfs.schedules()).toBe(10);
    expect(dfs.exhausted()).toBe(false);
  });

  it('yields a spinning thread for free instead of branching at every spin step', () => {
    const spin = { threads: ['sp', 'sss'], maxSteps: 500 };
    const dfs = new BoundedDfsStrategy({ preemptions: 2, spinYieldSteps: 4 });
    const runs = exploreSynthetic(spin, dfs, 10000);
    expect(dfs.exhausted()).toBe(true);
    expect(dfs.spinYields()).toBeGreaterThan(0);
    // every run completes (the spinner is yielded to the other thread) well before the bound
    for (const r of runs) expect(r.steps).toBeLessThan(60);
    expect(new Set(runs.map((r) => r.decisions.join(','))).size).toBe(runs.length);
    // without the rule the spinner runs to the step bound in the default schedule
    const noYield = new BoundedDfsStrategy({ preemptions: 0, spinYieldSteps: Infinity });
    const plain = exploreSynthetic(spin, noYield, 10);
    expect(Math.max(...plain.map((r) => r.steps))).toBe(500);
  });

  it('never hands over and rejects a bad bound', () => {
    const dfs = new BoundedDfsStrategy({ preemptions: 1 });
    const runs = exploreSynthetic({ threads: ['ss', 's'] }, dfs, 100);
    for (const r of runs) expect(r.handedOverAt).toBeUndefined();
    expect(HAND_OVER).toBe(-1);
    expect(() => new BoundedDfsStrategy({ preemptions: -1 })).toThrow(RangeError);
  });

  it('detects a nondeterministic target', () => {
    const dfs = new BoundedDfsStrategy({ preemptions: 1 });
    exploreSynthetic({ threads: ['ss', 'ss'] }, dfs, 1);
    dfs.beginExecution(1);
    // the replayed prefix asks for option 1, but the "target" now offers a single option
    const point: ChoicePoint = { type: 'schedule', options: [{ kind: 'thread', target: 0, slot: 0 }], currentRunnable: false, current: -1, step: 0, threadCount: 1 };
    expect(() => { for (let i = 0; i < 4; i++) dfs.choose(point); }).toThrow(/nondeterministic/);
  });
});
