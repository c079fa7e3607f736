import { runExecution } from '../../harness/runtime/execute';
import { DEFAULT_MEMORY_KNOBS } from '../../harness/memory/memory-model';
import { BoundedDfsStrategy } from '../../harness/strategy/bounded-dfs';
import type { Instance, Target } from '../../harness/target/target';
import { exploreVariant, qspinTarget } from './qspin-test-support';

/**
 * The clean pvqspinlock variants, default workload [L] [L] [M{L}] on 3 cpus. Schedules
 * explored by dfs (measured when these tests were written; maxSteps 600):
 *
 *   v4.8      sc K=2: 714    tso K=2: 2,046   sc K=3: 9,954    tso K=3: 83,386 (~30 s, not run here)
 *   hash-val  sc K=2: 750    tso K=2: 2,286   sc K=3: 11,288 (~5 s, not run here)
 *   v13-2014  sc K=2: 980                     sc K=3: 18,086 (~5 s, not run here)
 *
 *   v4.8-no-node-mb sc K=2: 714 (its bug needs tso)
 *
 * All exhausted without a finding. v13-2014 and v4.8-no-node-mb under tso are lost kicks
 * (pvqspinlock-bugs.test.ts).
 */
describe('pvqspinlock clean variants', () => {
  const target = qspinTarget('pvqspinlock');

  it.each([
    ['v4.8', 'sc'],
    ['v4.8', 'tso'],
    ['hash-val', 'sc'],
    ['hash-val', 'tso'],
    ['v13-2014', 'sc'],
    ['v4.8-no-node-mb', 'sc'],
  ] as const)('%s under %s: dfs K=2 exhausts the bounded space without a finding', async (variant, memory) => {
    const r = await exploreVariant(target, variant, memory, 'dfs', { preemptions: 2 });
    expect(r.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
    expect(r.exhausted).toBe(true);
    expect(r.executions).toBeGreaterThan(500);
  });

  it('v4.8 (the landed fix) under sc: dfs K=3 exhausts 9,954 schedules without a finding', async () => {
    const r = await exploreVariant(target, 'v4.8', 'sc', 'dfs', { preemptions: 3 });
    expect(r.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
    expect(r.exhausted).toBe(true);
    expect(r.executions).toBeGreaterThan(5000);
  });

  it.each([
    ['v4.8', 'sc'],
    ['v4.8', 'tso'],
    ['hash-val', 'sc'],
    ['hash-val', 'tso'],
    ['v13-2014', 'sc'],
  ] as const)('%s under %s: 1000 executions of the default strategy find nothing', async (variant, memory) => {
    const r = await exploreVariant(target, variant, memory, 'default', { seed: 11, runs: 1000 });
    expect(r.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
    expect(r.executions).toBe(1000);
  });

  it('v4.8: schedules where the kicked head loses the lock to a stealer busy-poll and finish (no hang)', () => {
    // seeds-qspinlock.md 5.1: the head's pv_wait returns at once (*ptr = 1 != SLOW) after the
    // steal. Drive dfs K=2 by hand, keep each execution's instance, and read its report lines.
    const stats = driveDfs(target, 'v4.8', 2);
    expect(stats.findings).toEqual([]);
    expect(stats.lostHalts).toBeGreaterThan(0);
  });
});

function driveDfs(target: Target, variant: string, k: number): { findings: string[]; lostHalts: number } {
  let last: Instance | undefined;
  const spy: Target = { ...target, setup: (env, v, w) => (last = target.setup(env, v, w)) };
  const strategy = new BoundedDfsStrategy({ preemptions: k });
  const findings: string[] = [];
  let lostHalts = 0;
  const workload = { ops: [['L'], ['L'], ['L']] };
  for (let i = 0; strategy.beginExecution(i); i++) {
    const out = runExecution({ target: spy, variant, workload, memory: 'sc', knobs: DEFAULT_MEMORY_KNOBS, strategy, maxSteps: 600 });
    strategy.endExecution({ steps: out.steps, decisions: out.decisions, failed: out.finding !== undefined });
    if (out.finding !== undefined) findings.push(out.finding.message);
    if ((last?.describe?.() ?? []).some((line) => /head pv_wait returned at once/.test(line))) lostHalts++;
  }
  return { findings, lostHalts };
}
