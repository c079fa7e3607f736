/**
 * Replay one recording (a replay token, or the JSON record a token decodes to) against the
 * code as it is now: `lockstep replay <token>` and the programmatic {@link replayRecording}.
 * Unlike a corpus entry, a recording does not say which finding it showed, so the question is
 * only whether it still fails.
 */
import { replayExecution, type ReplayResult } from '../explore/replay-execution';
import type { ReplayRecord } from '../explore/replay-token';
import type { ExecutionOutcome } from '../runtime/outcome';
import { GuardInterrupted, RunawayError } from '../runaway/runaway-error';
import { formatDivergence, type ReplayDivergence } from '../strategy/replay';
import type { AnyTarget } from '../target/any-target';
import { TargetError } from '../target/target-error';
import { constraintProblem } from '../target/workload-constraint';
import { defaultResolver, type CorpusReplayDeps } from './replay-corpus';
import { workloadMisfit } from './workload-misfit';

/**
 * - `reproduces`: the replay fails (a finding).
 * - `fixed`: it ran to the end of its log and is clean now.
 * - `stale`: the recording no longer fits the code (target module, target or variant gone,
 *   workload outside the target's shape, or the decisions diverged): it says nothing about
 *   whether the bug is fixed.
 */
export type RecordingReplayStatus = 'reproduces' | 'fixed' | 'stale';

/** The replay of one recording. */
export interface RecordingReplay {
  readonly status: RecordingReplayStatus;
  /** One line: the finding, how the run ends now, or why it is stale. */
  readonly reason: string;
  /** The target it ran against (absent when stale before running). */
  readonly target?: AnyTarget;
  /** The traced, judged execution (absent when it could not run). */
  readonly outcome?: ExecutionOutcome;
  readonly divergence?: ReplayDivergence;
}

/**
 * Replay `record` exactly (trace on) and say whether it still fails. Never throws for a
 * recording that no longer fits (that is `stale`); a workload the target's constraints
 * exclude is a TargetError (bad input); errors of the runaway guard propagate.
 */
export async function replayRecording(record: ReplayRecord, deps: CorpusReplayDeps = {}): Promise<RecordingReplay> {
  let target = deps.target;
  if (target === undefined) {
    const found = (deps.resolver ?? defaultResolver(deps)).lookup(record);
    if (found.stale !== undefined) return { status: 'stale', reason: found.stale };
    target = found.target;
  }
  if (!target.variants.some((v) => v.name === record.variant)) {
    return { status: 'stale', target, reason: `target '${target.name}' has no variant '${record.variant}' any more (has: ${target.variants.map((v) => v.name).join(', ')})` };
  }
  const misfit = workloadMisfit(target, record);
  if (misfit !== undefined) return { status: 'stale', target, reason: misfit };
  // a workload the target's constraints exclude is bad input (exit 2), not a stale recording
  const violated = constraintProblem(target.workload, record.workload);
  if (violated !== undefined) throw new TargetError(`replay: target '${target.name}': workload violates ${violated}`);
  let r: ReplayResult;
  try {
    r = await replayExecution(target, record, { ...(deps.execute ? { execute: deps.execute } : {}), ...(deps.check ? { check: deps.check } : {}) });
  } catch (e) {
    if (isGuardError(e)) throw e;
    return { status: 'stale', target, reason: `the replay could not run: ${(e as Error).message}` };
  }
  const o = r.outcome;
  if (r.divergence !== undefined) {
    return { status: 'stale', target, outcome: o, divergence: r.divergence, reason: formatDivergence(r.divergence, record.decisions.length) };
  }
  if (o.finding !== undefined) return { status: 'reproduces', target, outcome: o, reason: `${o.finding.kind}: ${o.finding.message.split('\n')[0]}` };
  return { status: 'fixed', target, outcome: o, reason: `clean now: verdict '${o.verdict}' after ${o.steps} steps` };
}

/** Errors of the runaway guard (harness/runaway) are the command's to report, not a stale replay. */
function isGuardError(e: unknown): boolean {
  return e instanceof RunawayError || e instanceof GuardInterrupted;
}
