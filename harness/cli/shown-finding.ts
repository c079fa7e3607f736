import type { MemoryModelName } from '../memory/memory-model';
import type { ExploredFinding, ExploreResult } from '../explore/explore-options';
import { encodeReplayToken } from '../explore/replay-token';
import type { RunFindingJson } from '../explore/run-summary';
import type { FuzzEngine } from '../fuzz/fuzz-engine';
import { shrinkFound } from '../fuzz/shrink-finding';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { AnyTarget } from '../target/any-target';

/** A finding of `lockstep run` as shown: its JSON and the traced outcome of the run shown. */
export interface ShownFinding {
  readonly json: RunFindingJson;
  /** The traced execution the interleaving table prints. */
  readonly outcome: ExecutionOutcome;
}

/** What a finding was found in. */
export interface FoundIn {
  readonly target: AnyTarget;
  /** Module of a file target relative to the project root (recorded in the token). */
  readonly targetModule?: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly strategy: string;
  readonly seed: number;
  readonly result: ExploreResult;
}

/**
 * Shrink a finding of `lockstep run` like `lockstep fuzz` does (fuzz/shrink-finding.ts), unless
 * `shrink` is false, and describe the run to show: its replay token, decisions, preemptions,
 * and the run as found when it was shrunk. A raw run that does not replay from its log is
 * shown as found.
 */
export async function showFinding(f: ExploredFinding, at: FoundIn, shrink: boolean, engine?: FuzzEngine): Promise<ShownFinding> {
  const finding = f.outcome.finding;
  const r = at.result;
  const maxSteps = r.maxSteps ?? at.target.maxSteps ?? 2000;
  const asFound = (extra: Partial<RunFindingJson> = {}): ShownFinding => ({
    outcome: f.outcome,
    json: {
      kind: finding?.kind ?? f.outcome.verdict, message: finding?.message ?? '', decisions: f.outcome.decisions, replay: f.replay,
      preemptions: f.outcome.preemptions, execution: f.execution, steps: f.outcome.steps, workload: f.workload.ops,
      ...(f.workload.args !== undefined ? { workloadArgs: f.workload.args } : {}), shrunk: false, ...extra,
    },
  });
  if (!shrink || finding === undefined) return asFound();
  const s = await shrinkFound({
    target: at.target, variant: at.variant, memory: at.memory, ...(r.knobs ? { knobs: r.knobs } : {}), workload: f.workload,
    outcome: f.outcome, maxSteps, strategy: at.strategy, seed: at.seed, execution: f.execution,
  }, engine ? { engine } : {});
  if (!s.reproduced) return asFound({ shrinkExecutions: s.executions });
  const replay = encodeReplayToken({
    target: at.target.name, ...(at.targetModule !== undefined ? { targetModule: at.targetModule } : {}),
    variant: at.variant, memory: at.memory, knobs: r.knobs ?? {}, workload: s.run.workload, decisions: s.run.decisions, maxSteps,
  });
  return {
    outcome: s.outcome,
    json: {
      kind: s.outcome.finding?.kind ?? finding.kind, message: s.message, decisions: s.run.decisions, replay,
      preemptions: s.run.preemptions, execution: f.execution, steps: s.outcome.steps, workload: s.run.workload.ops,
      ...(s.run.workload.args !== undefined ? { workloadArgs: s.run.workload.args } : {}), shrunk: true,
      found: { preemptions: f.outcome.preemptions, steps: f.outcome.steps, decisions: f.outcome.decisions.length, threads: f.workload.ops.length },
      shrinkExecutions: s.executions,
      ...(s.minimal !== undefined ? { minimal: s.minimal } : {}),
    },
  };
}
