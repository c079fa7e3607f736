import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { AnyTarget } from '../target/any-target';
import type { Workload } from '../target/target';

/**
 * Strategy names of `lockstep run --strategy`; 'default' is the portfolio a target is tested
 * with; 'pos' is partial-order sampling (one of the portfolio's members, also on its own).
 */
export type StrategyName = 'default' | 'random' | 'pct' | 'dfs' | 'pos' | 'urw';

/** One exploration: many executions of one target variant under one strategy. */
export interface ExploreOptions {
  readonly target: AnyTarget;
  /**
   * Module the target was loaded from, relative to the project root ('/'-separated): recorded
   * in replay tokens so that `lockstep replay` finds the target again. Omit for built-in targets.
   */
  readonly targetModule?: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly knobs?: Partial<MemoryKnobs>;
  readonly strategy: StrategyName;
  readonly seed: number;
  /** Executions to run at most (default 1000; dfs: until exhausted or this many). */
  readonly runs?: number;
  /** Wall-clock budget, checked between executions through `now` (CLI only). */
  readonly timeMs?: number;
  readonly now?: () => number;
  /** dfs: preemption bound K; pct: depth d. */
  readonly preemptions?: number;
  /**
   * dfs: partial-order reduction (strategy/bounded-por.ts): the same verdicts and outcomes as
   * plain bounded search at the same K, in fewer schedules. Not available for async targets
   * and under arm64-lite: there the plain search runs and `ExploreResult.reduction` says so.
   */
  readonly reduction?: boolean;
  /** Explicit workload; else the variant's defaultWorkload (when threads/ops are not given), else built from threads/ops and the target's shape defaults. */
  readonly workload?: Workload;
  readonly threads?: number;
  readonly ops?: number;
  readonly maxSteps?: number;
  /** Stop at the first finding (default true). */
  readonly stopAtFirst?: boolean;
  /** Record traces of failing executions (re-runs them with tracing on). Default true. */
  readonly traceFindings?: boolean;
  /**
   * Draw a workload per execution within the target's shape, as `fuzz` does (issue 13 item 2),
   * unless something pins one (generated-workloads.ts `pinsWorkload`: workload, threads, ops,
   * the variant's hint, dfs). Default false; `lockstep run` sets it.
   */
  readonly generateWorkloads?: boolean;
}

/** A finding of an exploration with its execution and the token that replays it. */
export interface ExploredFinding {
  readonly outcome: ExecutionOutcome;
  /** Index of the execution that found it. */
  readonly execution: number;
  /** Self-contained replay token for `lockstep replay`. */
  readonly replay: string;
  /** The workload of the failing execution (differs from ExploreResult.workload when generated). */
  readonly workload: Workload;
}

export interface ExploreResult {
  readonly executions: number;
  readonly steps: number;
  /** dfs: the bounded space was fully explored. */
  readonly exhausted: boolean;
  /** Executions that hit the step bound (never a bug). */
  readonly inconclusive: number;
  readonly findings: readonly ExploredFinding[];
  /** The pinned workload; with `generated`, the shape's default (each execution drew its own). */
  readonly workload: Workload;
  /** Present when every execution drew its own workload: how they were generated, in words. */
  readonly generated?: string;
  /** Name of the strategy instance, e.g. `default`, `pct(d=3)`, `dfs`. */
  readonly strategyName?: string;
  /** Why the exploration stopped. */
  readonly stoppedBy?: 'finding' | 'runs' | 'time' | 'exhausted';
  /** Histories the checker could not decide within its budget (never counted as bugs). */
  readonly checkUnknown?: number;
  /** Step bound and merged knobs the executions ran with. */
  readonly maxSteps?: number;
  readonly knobs?: Readonly<MemoryKnobs>;
  /** dfs: schedules explored with exactly c preemptions (index c). */
  readonly schedulesPerBound?: readonly number[];
  /** dfs: exhausted and no schedule needed more than K preemptions (the whole tree). */
  readonly complete?: boolean;
  /** dfs with `reduction` asked for: whether it ran, else why the plain search ran instead. */
  readonly reduction?: { readonly used: boolean; readonly note?: string };
  /** pct / default: the PCT guarantee per depth (see strategy/pct-risk.ts). */
  readonly pctBounds?: readonly PctBoundSummary[];
}

/**
 * PCT guarantee of an exploration for one depth: `runs` runs over n schedulable entities and
 * k steps; `fraction` of the runs were plain PCT (the rest delayed store buffers / IPIs).
 */
export interface PctBoundSummary {
  readonly depth: number;
  readonly n: number;
  readonly k: number;
  readonly runs: number;
  readonly fraction?: number;
}
