import { BoundedDfsStrategy } from '../strategy/bounded-dfs';
import { replayableLog } from '../strategy/replayable-log';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { Workload } from '../target/target';
import type { AnyTarget } from '../target/any-target';
import type { FuzzEngine, FuzzRunRequest } from './fuzz-engine';
import type { RunRecord } from './fuzz-types';
import type { MinimalityNote } from '../corpus/corpus-entry';

/** Default executions the search for fewer preemptions may spend per finding. */
export const DEFAULT_MINIMAL_BUDGET = 2000;

/** What `searchMinimal` needs besides the engine. */
export interface MinimalSearchInput {
  readonly target: AnyTarget;
  /** Everything of an execution request but the strategy (variant, memory, knobs, maxSteps). */
  readonly request: Omit<FuzzRunRequest, 'strategy' | 'workload' | 'target' | 'recordTrace' | 'recordCoverage'>;
  /** The (shrunk) workload to search. */
  readonly workload: Workload;
  /** Preemptions of the run the shrinker gave. */
  readonly preemptions: number;
  /** True when an outcome shows the same bug (same signature). */
  readonly sameBug: (o: ExecutionOutcome) => boolean;
  /** Executions the search may spend. */
  readonly budget: number;
}

/** Result: the fewest-preemption failing run found (if it beats the input) and what is proved. */
export interface MinimalSearchResult {
  /** A failing run of the same signature with fewer preemptions than the input, if found. */
  readonly run?: RunRecord;
  readonly note: MinimalityNote;
}

/**
 * Minimal by construction (issue 13 item 1; Lincheck's and CHESS's exploration order):
 * iterative context bounding over the shrunk workload, phases K = 0, 1, ... up to the shrunk
 * run's preemptions minus one (bounded-dfs.ts runs every schedule with exactly K preemptions
 * in phase K). The first failing schedule of the same signature has the fewest preemptions
 * any schedule of this workload needs; when every phase below the shrunk count is exhausted
 * without one, the shrunk run itself is minimal. Only an execution budget bounds it, so the
 * result is a pure function of its input (campaigns stay shard-independent).
 * "Fewest" is relative to this workload and step bound; a hang's count stops at its last
 * progress event, so for hangs the bound is on the preemptions the search paid.
 */
export async function searchMinimal(input: MinimalSearchInput, engine: FuzzEngine): Promise<MinimalSearchResult> {
  const shrunk = input.preemptions;
  if (shrunk === 0) return { note: { proved: true, atLeast: 0, executions: 0, shrunkPreemptions: 0 } };
  const dfs = new BoundedDfsStrategy({ preemptions: shrunk - 1 });
  let executions = 0;
  try {
    while (executions < input.budget && dfs.beginExecution(executions)) {
      executions++;
      const o = await engine.execute({ ...input.request, target: input.target, workload: input.workload, strategy: dfs });
      const failed = o.finding !== undefined;
      dfs.endExecution({ steps: o.steps, decisions: o.decisions, failed });
      if (failed && input.sameBug(o) && o.preemptions < shrunk) {
        // phases below the one in progress are exhausted: nothing with fewer preemptions fails
        const atLeast = Math.min(dfs.stats().bound, o.preemptions);
        return {
          run: { workload: input.workload, decisions: replayableLog(o.decisions), preemptions: o.preemptions, steps: o.steps },
          note: { proved: atLeast >= o.preemptions, atLeast, executions, shrunkPreemptions: shrunk },
        };
      }
    }
  } catch {
    // a target that does not replay its own prefix (nondeterministic) cannot be searched
  }
  const st = dfs.stats();
  const atLeast = st.exhausted ? shrunk : Math.min(shrunk, st.bound);
  return { note: { proved: atLeast >= shrunk, atLeast, executions, shrunkPreemptions: shrunk } };
}
