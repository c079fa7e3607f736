import { runExecution } from '../runtime/execute';
import { isPromiseLike, type Awaitable, type ExecuteFn } from '../runtime/execute-fn';
import type { ExecutionOptions } from '../runtime/execution-options';
import type { ExecutionOutcome } from '../runtime/outcome';
import { ReplayStrategy } from '../strategy/replay';
import { isAsync } from '../target/any-target';
import { firstDivergence, uncontrolledNondeterminism } from './determinism';
import { runAsyncExecution } from './run-async-execution';

/**
 * Run one execution of either kind of target: the generator engine (synchronous) or the async
 * front end (a promise). The drivers (explore, the fuzzer, replay) call this.
 */
export function executeTarget(o: ExecutionOptions): Awaitable<ExecutionOutcome> {
  const t = o.target;
  if (!isAsync(t)) return runExecution({ ...o, target: t });
  return runAsyncExecution({
    target: t, variant: o.variant, workload: o.workload, strategy: o.strategy,
    ...(o.maxSteps !== undefined ? { maxSteps: o.maxSteps } : {}),
    ...(o.fairWindow !== undefined ? { fairWindow: o.fairWindow } : {}),
    ...(o.recordTrace !== undefined ? { recordTrace: o.recordTrace } : {}),
    ...(o.recordCoverage !== undefined ? { recordCoverage: o.recordCoverage } : {}),
  });
}

/** How often the determinism check replays an async execution (issue 9 "Determinism check"). */
export interface DeterminismPolicy {
  /** Check every n-th execution (the first one always). Default 128. */
  readonly every?: number;
  /** Check the first this many executions that found something. Default 8. */
  readonly findings?: number;
}

/**
 * Wrap an execute function with the determinism check of async targets: some executions (the
 * first, every n-th, the first few with a finding) are replayed from their decision log and
 * must dispatch the identical events; otherwise the TargetError names the first divergent
 * event. Generator targets pass through untouched (their engine is deterministic by build).
 */
export function withDeterminismCheck(execute: ExecuteFn = executeTarget, policy: DeterminismPolicy = {}): ExecuteFn {
  const every = policy.every ?? 128;
  const maxFindings = policy.findings ?? 8;
  let count = 0;
  let findings = 0;
  return (o) => {
    const r = execute(o);
    if (!isAsync(o.target) || !isPromiseLike(r)) return r;
    const n = count++;
    return r.then(async (outcome) => {
      const check = n % every === 0 || (outcome.finding !== undefined && findings++ < maxFindings);
      if (!check || outcome.events === undefined) return outcome;
      const replay = new ReplayStrategy(outcome.decisions);
      replay.beginExecution(0);
      const again = await execute({ ...o, strategy: replay, recordTrace: false, recordCoverage: false });
      const d = firstDivergence(outcome.events, again.events ?? []);
      if (d !== undefined) throw uncontrolledNondeterminism(o.target.name, o.variant, d);
      return outcome;
    });
  };
}
