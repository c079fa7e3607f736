/**
 * The seam between the fuzzer and the engine: run one judged execution, and build the
 * strategies of the portfolio. The real implementation (engine-adapter.ts) wraps the runtime,
 * the strategies and the checker; unit tests pass a small fake.
 */
import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import type { Awaitable } from '../runtime/execute-fn';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { Strategy } from '../strategy/strategy';
import type { AnyTarget } from '../target/any-target';
import type { Workload } from '../target/target';

/** What determines one execution besides the strategy's answers. */
export interface FuzzRunRequest {
  readonly target: AnyTarget;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly knobs?: Partial<MemoryKnobs>;
  readonly workload: Workload;
  readonly strategy: Strategy;
  readonly maxSteps?: number;
  readonly recordCoverage?: boolean;
  readonly recordTrace?: boolean;
}

/**
 * A strategy request of the portfolio. `prefixLimit`: scheduling points after which the
 * strategy hands over to the engine's fair continuation (where hangs are judged); the
 * fuzzer passes half the step bound, as explore does.
 */
export type StrategyRequest =
  | { readonly kind: 'pos'; readonly seed: number; readonly prefixLimit?: number }
  | { readonly kind: 'urw'; readonly seed: number; readonly prefixLimit?: number }
  | { readonly kind: 'random'; readonly seed: number; readonly prefixLimit?: number }
  | { readonly kind: 'pct'; readonly seed: number; readonly depth: number; readonly prefixLimit?: number }
  | { readonly kind: 'dfs'; readonly preemptions: number }
  | { readonly kind: 'decisions'; readonly decisions: readonly number[] };

/** Everything the fuzzer needs from the engine. */
export interface FuzzEngine {
  /**
   * Run ONE execution with `req.strategy` (already begun by the caller with
   * `beginExecution`), judge it (oracles and the history check against the target's spec) and
   * return the outcome; never throws for a bug in the target (that is a `crash` finding).
   * Generator targets answer synchronously, async targets with a promise; callers await
   * only a promise (see runtime/execute-fn.ts).
   */
  execute(req: FuzzRunRequest): Awaitable<ExecutionOutcome>;
  /** A fresh strategy. */
  strategy(req: StrategyRequest): Strategy;
  /** Fully merged knobs of a run (the model's defaults < variant < user), for corpus entries. */
  knobs(target: AnyTarget, variant: string, memory: MemoryModelName, user?: Partial<MemoryKnobs>): Readonly<MemoryKnobs>;
  /** Step bound the engine applies to `target` when none is given. */
  maxSteps(target: AnyTarget): number;
}
