import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import type { Strategy } from '../strategy/strategy';
import type { AnyTarget } from '../target/any-target';
import type { Workload } from '../target/target';

/** Everything that determines one execution (with the strategy's answers). */
export interface ExecutionOptions {
  /** A generator-model target (runExecution) or an async one (executeTarget dispatches). */
  readonly target: AnyTarget;
  readonly variant: string;
  readonly workload: Workload;
  readonly memory: MemoryModelName;
  /** Merged knobs (defaults < variant < user). */
  readonly knobs: Readonly<MemoryKnobs>;
  readonly strategy: Strategy;
  /** Step bound; hitting it without a finding = inconclusive. Default target.maxSteps ?? 2000. */
  readonly maxSteps?: number;
  /** Steps of the fair round-robin continuation without progress before a hang is reported. */
  readonly fairWindow?: number;
  /** Record the interleaving table (slower; on for replay and reports). */
  readonly recordTrace?: boolean;
  /** Record (thread, program point) coverage. */
  readonly recordCoverage?: boolean;
}
