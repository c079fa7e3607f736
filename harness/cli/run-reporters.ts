/**
 * The machine-readable outputs of `lockstep run` for `--reporter`: JUnit (one test case per
 * variant, by the "behaved as expected" rule) and GitHub annotations, from its JSON results.
 */
import type { CellOutcome } from '../report/cell-verdict';
import type { JunitCase } from '../report/junit-cases';
import type { RunJson } from '../explore/run-summary';

/** One JUnit case per variant run. */
export function runJunitCases(results: readonly RunJson[]): JunitCase[] {
  return results.map((r) => ({
    suite: r.target,
    name: `${r.variant} [${r.memory}]`,
    timeMs: r.elapsedMs,
    verdict: { outcome: r.verdict.outcome as CellOutcome, pass: r.verdict.pass, message: r.verdict.message },
    findings: r.findings.map((f) => ({
      kind: f.kind, message: f.message,
      detail: `(${f.preemptions} preemption${f.preemptions === 1 ? '' : 's'}, ${f.steps} steps${f.shrunk ? ', shrunk' : ''})`,
      replay: `npx lockstep replay ${f.replay}`,
    })),
    stats: `strategy ${r.strategy}, seed ${r.seed}, executions ${r.executions}, steps ${r.steps}, inconclusive ${r.inconclusive}${r.stoppedBy ? `, stopped by ${r.stoppedBy}` : ''}`,
    ...(r.residualRisk ? { residualRisk: r.residualRisk } : {}),
  }));
}
