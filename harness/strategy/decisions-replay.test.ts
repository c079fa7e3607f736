import { DecisionsStrategy } from './decisions';
import { ReplayStrategy, formatDivergence } from './replay';
import { RandomWalkStrategy } from './random-walk';
import { PortfolioStrategy } from './portfolio';
import { createStrategy } from './create-strategy';
import { exploreSynthetic, runSynthetic } from './synthetic-tree';

const p = { threads: ['swcs', 'wsw', 'ss'] };

describe('DecisionsStrategy', () => {
  it('takes decisions modulo the options and hands over when the array runs out', () => {
    const s = new DecisionsStrategy([7, 1, -3]);
    s.beginExecution(0);
    const r = runSynthetic({ threads: ['sss', 'sss'] }, s);
    // point 0: options [t0, t1]: 7 mod 2 = 1 -> t1; point 1: [t1, t0]: 1 -> t0; point 2: [t0, t1]: -3 mod 2 = 1 -> t1
    expect(r.decisions).toEqual([1, 1, 1, -1]);
    expect(r.events.slice(0, 3)).toEqual(['t1', 't0', 't1']);
    expect(r.handedOverAt).toBe(3);
  });

  it('reads a logged HAND_OVER (-1) as the hand-over, as replay does, and ignores what follows', () => {
    const s = new DecisionsStrategy([1, -1, 1, 1]);
    s.beginExecution(0);
    const r = runSynthetic({ threads: ['sss', 'sss'] }, s);
    expect(r.decisions).toEqual([1, -1]);
    expect(r.handedOverAt).toBe(1);
  });

  it('an empty array hands over at once', () => {
    const s = new DecisionsStrategy([]);
    s.beginExecution(0);
    expect(runSynthetic({ threads: ['s', 's'] }, s).handedOverAt).toBe(0);
  });
});

describe('ReplayStrategy', () => {
  it('reproduces every execution of a random walk exactly', () => {
    const runs = exploreSynthetic(p, new RandomWalkStrategy({ seed: 77 }), 30);
    for (const r of runs) {
      const replay = new ReplayStrategy(r.decisions);
      replay.beginExecution(0);
      const again = runSynthetic(p, replay);
      expect(again.events).toEqual(r.events);
      expect(replay.divergence()).toBeUndefined();
      expect(replay.consumed()).toBe(r.decisions.length);
    }
  });

  it('reports where a log diverges', () => {
    const replay = new ReplayStrategy([0, 5, 0]);
    replay.beginExecution(0);
    runSynthetic({ threads: ['ss', 'ss'] }, replay);
    const d = replay.divergence();
    expect(d).toEqual({ index: 1, recorded: 5, available: 2, pointType: 'schedule', step: 1 });
    expect(formatDivergence(d!, 3)).toMatch(/diverged at decision 1 of 3 \(step 1\): the log says 5 but the target now offers 2 scheduling options/);
  });
});

describe('PortfolioStrategy and the factory', () => {
  it('alternates members deterministically and is seed-deterministic', () => {
    const s = new PortfolioStrategy({ seed: 1 });
    expect([0, 1, 2, 3, 4, 7, 8].map((i) => s.memberFor(i))).toEqual(['pos', 'random', 'pos', 'pct(d=3)', 'pos', 'pct(d=2)', 'pos']);
    const a = exploreSynthetic(p, createStrategy({ kind: 'default', seed: 3 }), 40).map((r) => r.events.join(''));
    const b = exploreSynthetic(p, createStrategy({ kind: 'default', seed: 3 }), 40).map((r) => r.events.join(''));
    expect(a).toEqual(b);
    expect(s.pctMembers().map((m) => m.name)).toEqual(['pct(d=2)', 'pct(d=3)']);
  });

  it('builds every kind', () => {
    expect(createStrategy({ kind: 'random', seed: 1 }).name).toBe('random');
    expect(createStrategy({ kind: 'pct', seed: 1, depth: 2 }).name).toBe('pct(d=2)');
    expect(createStrategy({ kind: 'dfs', preemptions: 2 }).name).toBe('dfs');
    expect(createStrategy({ kind: 'pos', seed: 1 }).name).toBe('pos');
    expect(createStrategy({ kind: 'decisions', decisions: [] }).name).toBe('decisions');
    expect(createStrategy({ kind: 'replay', log: [] }).name).toBe('replay');
    expect(createStrategy({ kind: 'default', seed: 1 }).name).toBe('default');
  });
});
