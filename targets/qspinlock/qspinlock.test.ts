import { listTargets } from '../../harness/cli/commands/list';
import { formatLockWord } from './lock-word';
import { exploreVariant, qspinTarget } from './qspin-test-support';

/**
 * Native qspinlock (seeds-qspinlock.md 3), default workload [L] [L] [M{L}] on 3 cpus.
 * Schedules explored by dfs (measured when these tests were written):
 *   sc  K=2: 206 (exhausted)    sc  K=3: 682 (exhausted)
 *   tso K=2: 9,936 (exhausted)  tso K=3: 50,232 (exhausted, ~8 s: not run here)
 */
describe('qspinlock:native', () => {
  const target = qspinTarget('qspinlock');

  it.each([
    ['sc', 3],
    ['tso', 2],
  ] as const)('dfs under %s with K=%i explores the bounded space and finds nothing', async (memory, k) => {
    const r = await exploreVariant(target, 'native', memory, 'dfs', { preemptions: k });
    expect(r.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
    expect(r.exhausted).toBe(true);
    expect(r.executions).toBeGreaterThan(100);
  });

  it.each(['sc', 'tso'] as const)('the default strategy finds nothing in 1500 executions under %s', async (memory) => {
    const r = await exploreVariant(target, 'native', memory, 'default', { seed: 7, runs: 1500 });
    expect(r.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
    expect(r.executions).toBe(1500);
  });
});

describe('qspinlock family', () => {
  it('prints the lock word as (tail, pending, locked) and hex, like the kernel comments', () => {
    expect(formatLockWord(0x80003)).toBe('(tail=cpu1/0, 0, 3) 0x80003');
    expect(formatLockWord(0x101)).toBe('(tail=none, 1, 1) 0x101');
    expect(formatLockWord(0xc0000)).toBe('(tail=cpu2/0, 0, 0) 0xc0000');
  });

  it('lists every variant with its expected outcome per memory model', () => {
    const listed = listTargets([qspinTarget('qspinlock'), qspinTarget('pvqspinlock')]);
    const expects = Object.fromEntries(listed.flatMap((t) => t.variants.map((v) => [v.id, `${v.expect.sc}/${v.expect.tso}/${v.expect['arm64-lite']}`])));
    expect(expects).toEqual({
      'qspinlock:native': 'clean/clean/clean',
      'qspinlock:native-relaxed-tail': 'clean/clean/clean',
      'qspinlock:native-relaxed-tail-no-wmb': 'clean/clean/hang',
      'pvqspinlock:v4.7': 'violation/violation/violation',
      'pvqspinlock:v4.7-two-locks': 'hang/hang/hang',
      'pvqspinlock:v4.8': 'clean/clean/clean',
      'pvqspinlock:v4.8-blind-wait': 'hang/hang/hang',
      'pvqspinlock:v4.8-no-node-mb': 'clean/hang/hang',
      'pvqspinlock:v4.8-no-unlock-rmb': 'clean/clean/violation',
      'pvqspinlock:hash-val': 'clean/clean/clean',
      'pvqspinlock:v13-2014': 'clean/hang/violation',
      'pvqspinlock:v13-2014-plain-unlock': 'hang/hang/hang',
    });
  });

  it('rejects an unknown operation kind with a message naming the valid ones', () => {
    const target = qspinTarget('pvqspinlock');
    const env = { mem: { cell: () => ({}), array: () => [], view: () => ({}) }, memory: 'sc', knobs: {}, onIpi: () => undefined } as never;
    expect(() => target.setup(env, 'v4.8', { ops: [['L'], ['trylock']] })).toThrow(/thread 1 has operation 'trylock'; valid operations are L, ML/);
  });
});
