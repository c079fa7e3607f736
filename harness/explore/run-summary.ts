import type { MemoryModelName } from '../memory/memory-model';
import type { JsonValue } from '../target/json-value';
import type { Expectation } from '../target/target';
import { formatPctRisk } from '../strategy/pct-risk';
import type { ExploreResult } from './explore-options';

/** One finding in `lockstep run --json`. */
export interface RunFindingJson {
  readonly kind: string;
  readonly message: string;
  readonly decisions: readonly number[];
  readonly replay: string;
  readonly preemptions: number;
  readonly execution: number;
  readonly steps: number;
}

/** The JSON object of one (target, variant, memory) run. */
export interface RunJson {
  readonly target: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly strategy: string;
  readonly seed: number;
  readonly executions: number;
  readonly steps: number;
  readonly elapsedMs: number;
  readonly exhausted: boolean;
  readonly inconclusive: number;
  /** Histories the checker could not decide within its budget (never counted as bugs). */
  readonly checkUnknown: number;
  readonly expected: Expectation;
  readonly workload: readonly (readonly string[])[];
  /** Operation arguments parallel to `workload` (Workload.args), when the workload has any. */
  readonly workloadArgs?: readonly (readonly JsonValue[])[];
  readonly stoppedBy?: string;
  readonly schedulesPerBound?: readonly number[];
  readonly complete?: boolean;
  readonly residualRisk?: string;
  readonly findings: readonly RunFindingJson[];
}

/** Build the JSON object of one run. */
export function runJson(
  args: { target: string; variant: string; memory: MemoryModelName; strategy: string; seed: number; expected: Expectation; elapsedMs: number },
  r: ExploreResult,
): RunJson {
  const risk = residualRisk(r);
  return {
    target: args.target,
    variant: args.variant,
    memory: args.memory,
    strategy: args.strategy,
    seed: args.seed,
    executions: r.executions,
    steps: r.steps,
    elapsedMs: args.elapsedMs,
    exhausted: r.exhausted,
    inconclusive: r.inconclusive,
    checkUnknown: r.checkUnknown ?? 0,
    expected: args.expected,
    workload: r.workload.ops,
    ...(r.workload.args !== undefined ? { workloadArgs: r.workload.args } : {}),
    ...(r.stoppedBy !== undefined ? { stoppedBy: r.stoppedBy } : {}),
    ...(r.schedulesPerBound !== undefined ? { schedulesPerBound: r.schedulesPerBound, complete: r.complete ?? false } : {}),
    ...(risk !== undefined ? { residualRisk: risk } : {}),
    findings: r.findings.map((f) => ({
      kind: f.outcome.finding?.kind ?? f.outcome.verdict,
      message: f.outcome.finding?.message ?? '',
      decisions: f.outcome.decisions,
      replay: f.replay,
      preemptions: f.outcome.preemptions,
      execution: f.execution,
      steps: f.outcome.steps,
    })),
  };
}

/** The PCT residual-risk sentence(s) of a clean pct/default exploration. */
export function residualRisk(r: ExploreResult): string | undefined {
  if (r.findings.length > 0 || r.pctBounds === undefined || r.pctBounds.length === 0) return undefined;
  return r.pctBounds.map((b) => formatPctRisk(b.n, b.k, b.depth, b.runs, b.fraction ?? 1) + (b.fraction !== undefined ? ` (only the ${(b.fraction * 100).toFixed(0)}% of runs in plain-PCT mode count)` : '')).join('; ');
}

/** The one-line verdict of a run for the text output. */
export function runHeadline(j: RunJson): string {
  const mark = (j.findings.length > 0 ? j.findings[0].kind : 'clean') === j.expected ? '' : `  (expected: ${j.expected})`;
  if (j.findings.length > 0) {
    const f = j.findings[0];
    return `BUG FOUND: ${f.kind} in execution ${f.execution + 1} of ${j.executions} (${f.steps} steps, ${f.preemptions} preemption${f.preemptions === 1 ? '' : 's'})${mark}`;
  }
  let s = `clean: ${j.executions} execution${j.executions === 1 ? '' : 's'}, ${j.steps} steps, ${j.inconclusive} inconclusive (step bound)`;
  if (j.checkUnknown > 0) s += `, ${j.checkUnknown} histories undecided by the checker (budget)`;
  if (j.schedulesPerBound !== undefined) {
    const k = j.schedulesPerBound.length - 1;
    s += j.exhausted
      ? `; exhausted every schedule with <= ${k} preemption${k === 1 ? '' : 's'}${j.complete ? ' (the whole space)' : ''}`
      : `; NOT exhausted for K=${k} (stopped by ${j.stoppedBy ?? 'budget'})`;
    s += `; schedules per preemption count: ${j.schedulesPerBound.join(', ')}`;
  }
  return s + mark;
}
