import { checkHistory } from '../checker';
import type { CheckHistoryFn } from '../checker/checker-api';
import type { Operation } from '../history/operation';
import type { ExecutionOutcome, Finding } from '../runtime/outcome';
import type { AnyTarget } from '../target/any-target';
import type { Workload } from '../target/target';
import { specFor } from '../target/spec-for';
import { TargetError } from '../target/target-error';

/** Budget of one history check inside an exploration (histories are small; 'unknown' is never a bug). */
export const EXPLORE_CHECK_STEPS = 200_000;
/** The budget and options of every check in an exploration (one pair, not two objects per execution). */
const BUDGET = Object.freeze({ maxSteps: EXPLORE_CHECK_STEPS });
const VERDICT_ONLY = Object.freeze({ verdictOnly: true });

/** The judged execution: the engine's outcome, or a 'violation' when its history is not linearizable. */
export interface JudgedOutcome {
  readonly outcome: ExecutionOutcome;
  /** The checker ran out of budget on this history. */
  readonly checkUnknown: boolean;
}

/** The run a history came from: a spec that is a function of the workload needs it (spec-for.ts). */
export interface JudgedRun {
  readonly variant: string;
  readonly workload: Workload;
}

/**
 * Judge one execution: the engine's verdict stands unless it is 'ok' and the target has a
 * spec for this run; then the history is checked, and 'not-linearizable' becomes a violation
 * finding whose message carries the checker's reason and explanation.
 */
export function judgeOutcome(target: AnyTarget, outcome: ExecutionOutcome, check: CheckHistoryFn = checkHistory, run?: JudgedRun): JudgedOutcome {
  if (outcome.verdict !== 'ok' || target.spec === undefined || outcome.history.length === 0) return { outcome, checkUnknown: false };
  if (typeof target.spec === 'function' && run === undefined) throw new Error(`internal: target '${target.name}' takes its spec from the workload, but the judge was not told the run`);
  const spec = run === undefined ? (target.spec as string) : specFor(target, run.variant, run.workload);
  if (spec === undefined) return { outcome, checkUnknown: false };
  let r: ReturnType<CheckHistoryFn>;
  try {
    r = check(spec, outcome.history, BUDGET, VERDICT_ONLY);
  } catch (e) {
    // an unknown spec or an operation the spec does not understand: a mistake in the target
    // (exit 2 naming it), never a finding of the lock nor a harness error
    throw new TargetError(`target '${target.name}': checking its history against spec '${spec}' failed: ${(e as Error).message}`);
  }
  if (r.verdict === 'linearizable') return { outcome, checkUnknown: false };
  if (r.verdict === 'unknown') return { outcome, checkUnknown: true };
  const e = r.explanation;
  const details: string[] = [];
  let message = `history is not linearizable (spec '${spec}')`;
  const locations: string[] = [`spec:${spec}`];
  if (e !== undefined) {
    message += `: ${e.reason}`;
    if (e.partition !== undefined) details.push(`partition: ${e.partition}`);
    details.push(`longest linearizable prefix: ${e.longestPrefix.length === 0 ? '(empty)' : e.longestPrefix.map((id) => describeOp(outcome.history, outcome.threadNames, id)).join(', ')}`);
    details.push(`cannot be placed next: ${e.stuck.map((id) => describeOp(outcome.history, outcome.threadNames, id)).join(', ')}`);
    if (e.stateAfterPrefix !== undefined) details.push(`state after the prefix: ${e.stateAfterPrefix}`);
    for (const id of e.stuck) {
      const op = outcome.history.find((o) => o.id === id);
      if (op) locations.push(`op:${op.f}`);
    }
  }
  const finding: Finding = { kind: 'violation', message, locations, details };
  return { outcome: { ...outcome, verdict: 'violation', finding }, checkUnknown: false };
}

/** `#3 cpu1 acquire() -> true [call 12, ret 20]`. */
export function describeOp(history: readonly Operation[], names: readonly string[], id: number): string {
  const op = history.find((o) => o.id === id);
  if (op === undefined) return `#${id}`;
  const who = names[op.process] ?? `t${op.process}`;
  const input = op.input === undefined ? '' : JSON.stringify(op.input);
  const out = op.ret === undefined ? ' (pending)' : op.output === undefined ? '' : ` -> ${JSON.stringify(op.output)}`;
  return `#${op.id} ${who} ${op.f}(${input})${out} [call ${op.call}, ret ${op.ret ?? '-'}]`;
}
