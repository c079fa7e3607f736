/**
 * Data types of the fuzzer (issue 5 "Fuzzer and shrinking"): plain serialisable values that
 * travel between the campaign loop and its pool workers (structured clone), so no functions,
 * classes or Targets in here — a target travels as a `TargetRef` and is resolved in the worker.
 */
import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import type { CorpusFindingKind, MinimalityNote } from '../corpus/corpus-entry';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { Workload } from '../target/target';

import type { TargetRef } from '../target/target-ref';

export type { TargetRef } from '../target/target-ref';

/** One cell of a campaign: a target variant under one memory model (one JUnit test case). */
export interface FuzzTask {
  readonly ref: TargetRef;
  /** Target name (as the target declares it). */
  readonly target: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  /** User knob overrides (variant knobs are applied by the engine). */
  readonly knobs?: Partial<MemoryKnobs>;
}

/**
 * Portfolio arms (ARCHITECTURE.md "Strategies"): partial-order sampling, random walk, uniform
 * random walk over interleavings (URW, ASPLOS 2025), PCT of
 * depth 1..3, bounded exhaustive search on a small configuration, and fast-check generated
 * decision arrays.
 */
export type ArmName = 'pos' | 'random' | 'urw' | 'pct1' | 'pct2' | 'pct3' | 'dfs' | 'decisions';

/** Every arm, in the fixed order the selector and the reports use. */
export const ARM_NAMES: readonly ArmName[] = ['pos', 'random', 'urw', 'pct1', 'pct2', 'pct3', 'dfs', 'decisions'];

/** Corpus/report label of an arm (`pct:d=2`, `dfs:k=2`, ...). */
export function armLabel(arm: ArmName, dfsBound = 2): string {
  switch (arm) {
    case 'pct1': return 'pct:d=1';
    case 'pct2': return 'pct:d=2';
    case 'pct3': return 'pct:d=3';
    case 'dfs': return `dfs:k=${dfsBound}`;
    default: return arm;
  }
}

/** Tuning shared by batches and shrinks; part of what determines a campaign's results. */
export interface FuzzTuning {
  /** Step bound of one execution (default: the target's maxSteps). */
  readonly maxSteps?: number;
  /** Preemption bound of the bounded exhaustive arm (default 2). */
  readonly dfsBound: number;
  /** Longest generated decision array of the `decisions` arm (default 48). */
  readonly maxDecisions: number;
  /** Executions a shrink may spend (default 1500). */
  readonly shrinkBudget: number;
  /**
   * Executions the bounded search for fewer preemptions may spend after the shrink
   * (fuzz/minimal-search.ts; default DEFAULT_MINIMAL_BUDGET, 0 = skip it).
   */
  readonly minimalBudget?: number;
}

/** Default tuning. */
export const DEFAULT_TUNING: FuzzTuning = Object.freeze({ dfsBound: 2, maxDecisions: 48, shrinkBudget: 1500 });

/** One batch: `runs` executions of `task` from `seed`; batch `index` of its task. */
export interface BatchSpec {
  readonly task: FuzzTask;
  readonly index: number;
  readonly seed: number;
  readonly runs: number;
  readonly tuning: FuzzTuning;
}

/** A replayable run: the workload and the decision log reproduce it exactly. */
export interface RunRecord {
  readonly workload: Workload;
  readonly decisions: readonly number[];
  readonly preemptions: number;
  readonly steps: number;
}

/** The first failing run of one signature in a batch (before shrinking). */
export interface RawFinding {
  readonly signature: string;
  readonly kind: CorpusFindingKind;
  readonly message: string;
  readonly locations: readonly string[];
  /** Arm label that found it (`pct:d=2`, ...). */
  readonly strategy: string;
  /** Seed of the run's strategy (the batch seed for dfs). */
  readonly seed: number;
  /** Batch index and execution index within the batch: the deterministic order of findings. */
  readonly batch: number;
  readonly execution: number;
  /** Failing executions of this signature in the batch. */
  readonly count: number;
  readonly run: RunRecord;
}

/** Per-arm counters of a batch. */
export interface ArmStats {
  readonly arm: ArmName;
  executions: number;
  steps: number;
  /** Executions that hit a coverage point not seen before in the batch. */
  newCoverage: number;
  findings: number;
  exhausted: boolean;
}

/** What a batch returns to the campaign. */
export interface BatchResult {
  readonly task: FuzzTask;
  readonly index: number;
  readonly executions: number;
  readonly steps: number;
  readonly inconclusive: number;
  /** Distinct (thread, program point) pairs hit, sorted: the coverage signal. */
  readonly coverage: readonly string[];
  readonly arms: readonly ArmStats[];
  /**
   * PCT executions at depth 1, 2, 3 (residual risk) and the largest n (threads, or PCT's
   * schedulable entities incl. store buffers and IPI inboxes) and k (steps or PCT's
   * scheduling-point estimate) seen: the bound uses the larger, so it errs on the safe side.
   */
  readonly pctRuns: readonly [number, number, number];
  readonly maxThreads: number;
  readonly maxSteps: number;
  /** One per signature, in order of first occurrence. */
  readonly findings: readonly RawFinding[];
  /** Wall time of the batch in its worker (set by the pool worker). */
  readonly elapsedMs?: number;
  /** A worker was killed in this batch (target never yielded); set by the pool, not the worker. */
  readonly runaway?: RunawayInfo;
}

/** A run that never yielded back to the scheduler: reported as a `runaway` finding. */
export interface RunawayInfo {
  readonly execution: number;
  readonly strategy: string;
  readonly workload?: Workload;
  readonly timeoutMs: number;
}

/** A shrink job: minimise `finding.run` keeping its signature. */
export interface ShrinkSpec {
  readonly task: FuzzTask;
  readonly finding: RawFinding;
  readonly tuning: FuzzTuning;
}

/** Result of a shrink: the minimal run, its traced outcome, and the work spent. */
export interface ShrinkResult {
  readonly run: RunRecord;
  /** Re-execution of the minimal run with the trace on (for trace.txt / trace.json / HTML). */
  readonly outcome: ExecutionOutcome;
  readonly message: string;
  readonly locations: readonly string[];
  /** False when the raw run did not replay to the same signature from its log (kept as found). */
  readonly reproduced: boolean;
  readonly executions: number;
  /** Accepted reductions. */
  readonly steps: number;
  /** What the search for fewer preemptions proved about `run.preemptions` (absent: not searched). */
  readonly minimal?: MinimalityNote;
}
