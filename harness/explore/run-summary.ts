import type { MemoryModelName } from '../memory/memory-model';
import type { JsonValue } from '../target/json-value';
import type { Expectation } from '../target/target';
import { formatPctRisk } from '../strategy/pct-risk';
import { cellVerdict } from '../report/cell-verdict';
import type { ExploreResult } from './explore-options';
import type { MinimalityNote } from '../corpus/corpus-entry';
import { minimalityText } from '../report/minimality-text';
import { formatWorkload } from '../target/workload-args';

/**
 * Version of the `lockstep run --json` object (schemas/run-output.schema.json). Bump it when a
 * field changes meaning or goes away; adding an optional field keeps it.
 */
export const RUN_OUTPUT_SCHEMA_VERSION = 1;

/**
 * One finding in `lockstep run --json`: the shrunk run (unless --no-shrink, or the raw run did
 * not replay from its log), whose token `replay` reproduces it.
 */
export interface RunFindingJson {
  readonly kind: string;
  readonly message: string;
  readonly decisions: readonly number[];
  readonly replay: string;
  readonly preemptions: number;
  /** Index (from 0) of the execution that found it. */
  readonly execution: number;
  readonly steps: number;
  /** Workload of the shown run (shrinking may drop threads and operations). */
  readonly workload: readonly (readonly string[])[];
  /** Operation arguments parallel to `workload`, when it has any. */
  readonly workloadArgs?: readonly (readonly JsonValue[])[];
  /** True when the shown run is the shrunk one. */
  readonly shrunk: boolean;
  /** The run as found, when it was shrunk. */
  readonly found?: { readonly preemptions: number; readonly steps: number; readonly decisions: number; readonly threads: number };
  /** Executions the shrink spent. */
  readonly shrinkExecutions?: number;
  /** What the bounded search for fewer preemptions proved about `preemptions` (issue 13 item 1). */
  readonly minimal?: MinimalityNote;
}

/** Whether a variant behaved as expected (report/cell-verdict.ts). */
export interface RunVerdictJson {
  readonly outcome: string;
  readonly pass: boolean;
  readonly message: string;
}

/** The whole `lockstep run --json` object: always this shape, one result per variant run. */
export interface RunOutput {
  readonly schemaVersion: number;
  readonly command: 'run';
  readonly strategy: string;
  readonly seed: number;
  readonly results: readonly RunJson[];
  readonly summary: {
    readonly variants: number;
    readonly withFindings: number;
    readonly asExpected: number;
    /** `target:variant@memory` of the variants that did not behave as expected. */
    readonly notAsExpected: readonly string[];
  };
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
  /** The pinned workload; with `generatedWorkloads`, the shape's default (each execution drew its own; a finding names its own). */
  readonly workload: readonly (readonly string[])[];
  /** Operation arguments parallel to `workload` (Workload.args), when the workload has any. */
  readonly workloadArgs?: readonly (readonly JsonValue[])[];
  /** Present when each execution drew its own workload within the target's shape (issue 13 item 2): how, in words. */
  readonly generatedWorkloads?: string;
  readonly stoppedBy?: string;
  readonly schedulesPerBound?: readonly number[];
  readonly complete?: boolean;
  /** dfs --por: whether partial-order reduction ran, and why not when it could not (the plain search ran). */
  readonly reduction?: { readonly used: boolean; readonly note?: string };
  readonly residualRisk?: string;
  readonly findings: readonly RunFindingJson[];
  /** Did the variant behave as expected (the junit.xml rule)? */
  readonly verdict: RunVerdictJson;
}

/** Build the JSON object of one run; `findings` are the (shrunk) findings to show. */
export function runJson(
  args: { target: string; variant: string; memory: MemoryModelName; strategy: string; seed: number; expected: Expectation; elapsedMs: number },
  r: ExploreResult,
  findings: readonly RunFindingJson[],
): RunJson {
  const risk = residualRisk(r);
  const v = cellVerdict({ expected: args.expected, executions: r.executions, findings });
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
    ...(r.generated !== undefined ? { generatedWorkloads: r.generated } : {}),
    ...(r.stoppedBy !== undefined ? { stoppedBy: r.stoppedBy } : {}),
    ...(r.schedulesPerBound !== undefined ? { schedulesPerBound: r.schedulesPerBound, complete: r.complete ?? false } : {}),
    ...(r.reduction !== undefined ? { reduction: r.reduction } : {}),
    ...(risk !== undefined ? { residualRisk: risk } : {}),
    findings,
    verdict: { outcome: v.outcome, pass: v.pass, message: v.message },
  };
}

/** The `lockstep run --json` object of a whole command. */
export function runOutput(strategy: string, seed: number, results: readonly RunJson[]): RunOutput {
  const notAsExpected = results.filter((r) => !r.verdict.pass).map((r) => `${r.target}:${r.variant}@${r.memory}`);
  return {
    schemaVersion: RUN_OUTPUT_SCHEMA_VERSION,
    command: 'run',
    strategy,
    seed,
    results,
    summary: {
      variants: results.length,
      withFindings: results.filter((r) => r.findings.length > 0).length,
      asExpected: results.length - notAsExpected.length,
      notAsExpected,
    },
  };
}

/** The PCT residual-risk sentence(s) of a clean pct/default exploration. */
export function residualRisk(r: ExploreResult): string | undefined {
  if (r.findings.length > 0 || r.pctBounds === undefined || r.pctBounds.length === 0) return undefined;
  return r.pctBounds.map((b) => formatPctRisk(b.n, b.k, b.depth, b.runs, b.fraction ?? 1) + (b.fraction !== undefined ? ` (only the ${(b.fraction * 100).toFixed(0)}% of runs in plain-PCT mode count)` : '')).join('; ');
}

/** The one-line verdict of a run for the text output. */
export function runHeadline(j: RunJson): string {
  const mark = j.verdict.pass ? '' : `  (NOT AS EXPECTED: ${j.verdict.message})`;
  if (j.findings.length > 0) {
    const f = j.findings[0];
    const found = f.found ?? { steps: f.steps, preemptions: f.preemptions };
    let s = `BUG FOUND: ${f.kind} in execution ${f.execution + 1} of ${j.executions} (${found.steps} steps, ${plural(found.preemptions, 'preemption')})`;
    if (f.found) s += `; shrunk to ${f.steps} steps, ${plural(f.preemptions, 'preemption')}, ${plural(f.workload.length, 'thread')} in ${plural(f.shrinkExecutions ?? 0, 'execution')}`;
    else if (f.shrinkExecutions !== undefined) s += '; not shrunk (the run did not replay from its decision log)';
    if (j.generatedWorkloads !== undefined) s += `; workload ${formatWorkload({ ops: f.workload.map((r) => [...r]), ...(f.workloadArgs !== undefined ? { args: f.workloadArgs.map((r) => [...r]) } : {}) })}`;
    if (f.minimal !== undefined) s += `; ${minimalityText(f.minimal, f.preemptions)}`;
    return s + mark;
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
  if (j.reduction !== undefined) {
    s += j.reduction.used
      ? '; with partial-order reduction (each schedule run stands for its equivalents: same verdicts as plain dfs at this K)'
      : `; ${j.reduction.note ?? 'partial-order reduction did not run'}`;
  }
  return s + mark;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
