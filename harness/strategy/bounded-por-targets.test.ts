import { explore } from '../explore/explore';
import type { MemoryModelName } from '../memory/memory-model';
import type { Target } from '../target/target';
import { builtinTargets } from '../../targets';

/**
 * Partial-order reduction on the built-in targets (issue 13 item 3): for every variant of the
 * classic zoo, correct and buggy, under sc and tso, reduced and plain bounded search at the
 * same small bound find the same kinds of findings (none for a correct variant), and the
 * reduced search never runs more schedules (each exhausts the bounded space). Small workloads (2 threads) at K = 1 keep it lean;
 * `npm run bench -- por` runs the K = 3, 3-thread comparison.
 */
const CLASSIC = ['tas', 'ttas', 'ticket', 'mcs', 'clh', 'peterson', 'dekker', 'bakery', 'seqlock', 'rwlock', 'futex-mutex'];
const targets = builtinTargets().filter((t): t is Target => CLASSIC.includes(t.name) && 'setup' in t);

/** Cap per exploration: a livelocking variant whose runs all reach the step bound does not exhaust K = 1 (dekker:no-turn under tso); it is not compared. */
const RUNS = 1000;

async function kinds(target: Target, variant: string, memory: MemoryModelName, reduction: boolean): Promise<{ kinds: string[]; executions: number; exhausted: boolean }> {
  const r = await explore({ target, variant, memory, strategy: 'dfs', seed: 1, preemptions: 1, threads: 2, ops: 1, reduction, runs: RUNS, stopAtFirst: false, traceFindings: false });
  return { kinds: [...new Set(r.findings.map((f) => f.outcome.finding!.kind))].sort(), executions: r.executions, exhausted: r.exhausted };
}

describe('dfs --por on the classic zoo: the same findings as plain dfs (K = 1, 2 threads)', () => {
  it.each(targets.map((t) => [t.name, t] as const))('%s', async (_name, target) => {
    for (const memory of ['sc', 'tso'] as const) {
      for (const v of target.variants) {
        const plain = await kinds(target, v.name, memory, false);
        if (!plain.exhausted) continue;
        const reduced = await kinds(target, v.name, memory, true);
        expect({ variant: v.name, memory, kinds: reduced.kinds, exhausted: reduced.exhausted }).toEqual({ variant: v.name, memory, kinds: plain.kinds, exhausted: plain.exhausted });
        expect(reduced.executions).toBeLessThanOrEqual(plain.executions);
      }
    }
  });
});
