import type { CheckHistoryFn } from '../checker/checker-api';
import { executeTarget } from '../async/execute-target';
import type { ExecuteFn } from '../runtime/execute-fn';
import type { ExecutionOutcome } from '../runtime/outcome';
import { ReplayStrategy, type ReplayDivergence } from '../strategy/replay';
import type { AnyTarget } from '../target/any-target';
import { judgeOutcome } from './judge-outcome';
import { mergeKnobs } from './merge-knobs';
import type { ReplayRecord } from './replay-token';

/** Result of replaying one record. */
export interface ReplayResult {
  readonly outcome: ExecutionOutcome;
  readonly divergence?: ReplayDivergence;
  /** Decisions of the log actually consumed (less than the log: the run ended earlier). */
  readonly consumed: number;
}

/** Replay a record exactly (trace on) and judge it like explore() does. */
export async function replayExecution(
  target: AnyTarget,
  r: ReplayRecord,
  deps: { execute?: ExecuteFn; check?: CheckHistoryFn } = {},
): Promise<ReplayResult> {
  const strategy = new ReplayStrategy(r.decisions);
  strategy.beginExecution(0);
  const raw = await (deps.execute ?? executeTarget)({
    target,
    variant: r.variant,
    workload: r.workload,
    memory: r.memory,
    knobs: mergeKnobs(target, r.variant, r.memory, r.knobs),
    strategy,
    ...(r.maxSteps !== undefined ? { maxSteps: r.maxSteps } : {}),
    recordTrace: true,
  });
  const outcome = judgeOutcome(target, raw, deps.check, r).outcome;
  strategy.endExecution({ steps: outcome.steps, decisions: outcome.decisions, failed: outcome.finding !== undefined });
  const divergence = strategy.divergence();
  return { outcome, consumed: strategy.consumed(), ...(divergence !== undefined ? { divergence } : {}) };
}
