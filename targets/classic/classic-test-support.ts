/**
 * Helpers of the classic targets' tests (no test runner dependency: they return data, the
 * tests assert). Bug hunts use the 'default' strategy with a fixed seed; correctness checks
 * use bounded exhaustive search (dfs by preemption count).
 */
import type { MemoryModelName } from '../../harness/memory/memory-model';
import { explore } from '../../harness/explore/explore';
import type { ExploreResult } from '../../harness/explore/explore-options';
import { judgeOutcome } from '../../harness/explore/judge-outcome';
import { decodeReplayToken } from '../../harness/explore/replay-token';
import { runExecution } from '../../harness/runtime/execute';
import type { ExecutionOutcome } from '../../harness/runtime/outcome';
import { ReplayStrategy } from '../../harness/strategy/replay';
import { DEFAULT_MEMORY_KNOBS } from '../../harness/memory/memory-model';
import type { Target, Workload } from '../../harness/target/target';
import { classicTargets } from './index';

/** Seed of every bug hunt in these tests. */
export const TEST_SEED = 20261121;

/** The classic target named `name` (throws when missing, so a rename fails the tests). */
export function classicTarget(name: string): Target {
  const t = classicTargets().find((x) => x.name === name);
  if (t === undefined) throw new Error(`no classic target '${name}'`);
  return t;
}

/** Size of a workload: explicit ops, or threads x ops of the target's default kinds. */
export interface WorkloadChoice {
  readonly workload?: Workload;
  readonly threads?: number;
  readonly ops?: number;
}

/** Hunt with the default strategy (portfolio) and a fixed seed; stops at the first finding. */
export function hunt(target: Target, variant: string, memory: MemoryModelName, w: WorkloadChoice = {}, runs = 5000): ExploreResult {
  return explore({ target, variant, memory, strategy: 'default', seed: TEST_SEED, runs, ...w });
}

/** Bounded exhaustive search with `preemptions` = K; runs until the space is exhausted. */
export function exhaust(target: Target, variant: string, memory: MemoryModelName, preemptions: number, w: WorkloadChoice = {}): ExploreResult {
  return explore({ target, variant, memory, strategy: 'dfs', seed: TEST_SEED, preemptions, runs: 2_000_000, ...w });
}

/** Replay a token the way `lockstep replay` does: same target, variant, knobs, workload, decisions. */
export function replayToken(token: string): ExecutionOutcome {
  const r = decodeReplayToken(token);
  const target = classicTarget(r.target);
  const strategy = new ReplayStrategy(r.decisions);
  strategy.beginExecution(0);
  const raw = runExecution({
    target,
    variant: r.variant,
    workload: r.workload,
    memory: r.memory,
    knobs: { ...DEFAULT_MEMORY_KNOBS, ...r.knobs },
    strategy,
    maxSteps: r.maxSteps,
  });
  return judgeOutcome(target, raw).outcome;
}

/** Variants of a target expected to show `kind` under `memory`. */
export function variantsExpecting(target: Target, memory: MemoryModelName, pred: (e: string) => boolean): string[] {
  return target.variants.filter((v) => pred(v.expect[memory])).map((v) => v.name);
}
