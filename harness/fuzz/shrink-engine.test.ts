import { findingSignature } from '../corpus/finding-signature';
import { builtinTargets } from '../../targets';
import { createFuzzHost } from './default-host';
import { DEFAULT_TUNING, type FuzzTask } from './fuzz-types';
import { runBatch } from './run-batch';
import { shrinkRun } from './shrink-run';

/** The shrinker on the real engine: seeded buggy classic variants (the kernel seeds are in the bench). */
describe('shrinkRun on the engine', () => {
  const host = createFuzzHost();
  const cases: [string, string, 'sc' | 'tso'][] = [['ticket', 'racy-take', 'sc'], ['mcs', 'no-wait-for-successor', 'sc'], ['peterson', 'plain', 'tso'], ['seqlock', 'no-recheck', 'sc']];
  it.each(cases)('%s:%s@%s shrinks to a replayable failure of the same kind, no larger than found, with the fewest preemptions', async (name, variant, memory) => {
    const target = builtinTargets().find((t) => t.name === name)!;
    const task: FuzzTask = { ref: { kind: 'builtin', name }, target: name, variant, memory };
    const batch = await runBatch({ task, index: 0, seed: 3, runs: 200, tuning: DEFAULT_TUNING }, { engine: host.engine, resolveTarget: () => target });
    expect(batch.findings.length).toBeGreaterThan(0);
    for (const f of batch.findings) {
      const s = await shrinkRun({ task, finding: f, tuning: DEFAULT_TUNING }, target, host.engine);
      expect(s.reproduced).toBe(true);
      expect(s.outcome.finding?.kind).toBe(f.kind);
      expect(findingSignature(s.outcome.finding!)).toBe(f.signature);
      expect(s.run.preemptions).toBeLessThanOrEqual(f.run.preemptions);
      // the log is never longer, unless the minimal search bought fewer preemptions with it
      if (s.run.preemptions === f.run.preemptions) expect(s.run.decisions.length).toBeLessThanOrEqual(f.run.decisions.length);
      expect(s.minimal?.proved).toBe(true);
      expect(s.run.workload.ops.length).toBeLessThanOrEqual(f.run.workload.ops.length);
      // the minimal run replays from its decision log alone
      const strategy = host.engine.strategy({ kind: 'decisions', decisions: s.run.decisions });
      strategy.beginExecution(0);
      const again = await host.engine.execute({ target, variant, memory, workload: s.run.workload, strategy });
      expect(again.finding && findingSignature(again.finding)).toBe(f.signature);
      expect(again.preemptions).toBe(s.run.preemptions);
    }
  });
});
