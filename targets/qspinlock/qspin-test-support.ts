import { explore } from '../../harness/explore/explore';
import type { ExploreResult, StrategyName } from '../../harness/explore/explore-options';
import { replayExecution } from '../../harness/explore/replay-execution';
import { decodeReplayToken } from '../../harness/explore/replay-token';
import type { MemoryModelName } from '../../harness/memory/memory-model';
import type { ExecutionOutcome } from '../../harness/runtime/outcome';
import type { Target } from '../../harness/target/target';
import { qspinlockTargets } from './index';

/** A target of this family by name. */
export function qspinTarget(name: 'qspinlock' | 'pvqspinlock'): Target {
  const t = qspinlockTargets().find((x) => x.name === name);
  if (t === undefined) throw new Error(`no target ${name}`);
  return t;
}

/** explore() one variant with its default workload (VariantSpec.defaultWorkload when it has one). */
export function exploreVariant(
  target: Target,
  variant: string,
  memory: MemoryModelName,
  strategy: StrategyName,
  o: { seed?: number; runs?: number; preemptions?: number } = {},
): Promise<ExploreResult> {
  const spec = target.variants.find((v) => v.name === variant);
  if (spec === undefined) throw new Error(`no variant ${variant}`);
  return explore({
    target,
    variant,
    memory,
    strategy,
    seed: o.seed ?? 1,
    ...(o.runs !== undefined ? { runs: o.runs } : {}),
    ...(o.preemptions !== undefined ? { preemptions: o.preemptions } : {}),
    ...(spec.defaultWorkload !== undefined ? { workload: spec.defaultWorkload } : {}),
  });
}

/** Replay a finding's token: the outcome of the recorded execution. */
export async function replayToken(target: Target, token: string): Promise<ExecutionOutcome> {
  return (await replayExecution(target, decodeReplayToken(token))).outcome;
}
