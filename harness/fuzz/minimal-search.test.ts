import { findingSignature } from '../corpus/finding-signature';
import { explore } from '../explore/explore';
import type { MemoryModelName } from '../memory/memory-model';
import { builtinTargets } from '../../targets';
import { shrinkFound } from './shrink-finding';

/**
 * Issue 13 item 1, "Done when": a shrunk finding reports the preemption count that bounded DFS
 * finds minimal. Each case hunts with the default strategy, shrinks (joint shrink + minimal
 * search), then checks independently with `explore --strategy dfs` that no schedule of the
 * shrunk workload with fewer preemptions shows the same signature.
 */
const CASES: readonly [string, string, MemoryModelName, number][] = [
  ['ttas', 'blind-xchg', 'sc', 1],
  ['mcs', 'no-wait-for-successor', 'sc', 3],
  ['peterson', 'plain', 'tso', 2],
  ['pvqspinlock', 'v4.8-blind-wait', 'sc', 2],
  ['perf-install', 'dec7-hack', 'sc', 1],
];

describe('minimal by construction', () => {
  it.each(CASES)('%s:%s (%s) seed %d: the shrunk run has the fewest preemptions bounded DFS allows', async (name, variant, memory, seed) => {
    const target = builtinTargets().find((t) => t.name === name)!;
    const r = await explore({ target, variant, memory, strategy: 'default', seed, runs: 20_000, traceFindings: false });
    const f = r.findings[0]!;
    expect(f).toBeDefined();
    const s = await shrinkFound({ target, variant, memory, workload: r.workload, outcome: f.outcome, maxSteps: r.maxSteps!, strategy: 'default', seed, execution: f.execution });
    expect(s.reproduced).toBe(true);
    const sig = findingSignature(s.outcome.finding!);
    expect(s.outcome.preemptions).toBe(s.run.preemptions);
    expect(s.minimal).toMatchObject({ proved: true, atLeast: s.run.preemptions });
    expect(s.minimal!.shrunkPreemptions).toBeGreaterThanOrEqual(s.run.preemptions);
    if (s.run.preemptions === 0) return;
    // independent check: every schedule with <= p - 1 preemptions of the shrunk workload, none of them this bug
    const below = await explore({ target, variant, memory, strategy: 'dfs', preemptions: s.run.preemptions - 1, workload: s.run.workload, maxSteps: r.maxSteps, runs: 1_000_000, stopAtFirst: false, traceFindings: false, seed: 0 });
    expect(below.stoppedBy).toBe('exhausted');
    expect(below.findings.map((x) => findingSignature(x.outcome.finding!))).not.toContain(sig);
  });

  it('says "minimal not proved within budget" with the bound it proved when the budget runs out', async () => {
    const target = builtinTargets().find((t) => t.name === 'ticket')!;
    const r = await explore({ target, variant: 'racy-take', memory: 'sc', strategy: 'default', seed: 2, runs: 20_000, traceFindings: false });
    const f = r.findings[0]!;
    const base = { target, variant: 'racy-take', memory: 'sc' as const, workload: r.workload, outcome: f.outcome, maxSteps: r.maxSteps!, strategy: 'default', seed: 2, execution: f.execution };
    const full = await shrinkFound(base);
    const starved = await shrinkFound(base, { minimalBudget: 1 });
    expect(starved.minimal!.shrunkPreemptions).toBeGreaterThan(full.run.preemptions);
    expect(starved.minimal).toMatchObject({ proved: false, executions: 1 });
    expect(starved.minimal!.atLeast).toBeLessThan(starved.run.preemptions);
    const none = await shrinkFound(base, { minimalBudget: 0 });
    expect(none.minimal).toBeUndefined();
  });
});
