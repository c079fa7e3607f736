import type { ExecutionOutcome } from '../runtime/outcome';
import { ReplayStrategy } from '../strategy/replay';
import { TargetError } from '../target/target-error';
import { AsyncExecution, type AsyncExecutionOptions } from './async-execution';
import { firstDivergence, uncontrolledNondeterminism } from './determinism';
import { firstRealResource } from './resource-hook';

/**
 * Run ONE execution of an async target to a verdict (async-execution.ts). The driver calls
 * strategy.beginExecution / endExecution around it, as for the generator engine. Rejects with
 * a TargetError when the target itself is at fault (setup threw, no client code for an
 * operation, nothing controlled, real timers or I/O), never for a bug of the lock.
 *
 * Real resources are decided without timing: an execution that ends in a finding (a task
 * waiting on a real I/O looks like a hang) or after which the cheap poll saw a live resource is
 * re-run from its decisions with an async_hooks init hook (resource-hook.ts); a real resource
 * created by the target's code during the re-run is the TargetError. A poll hint that the hook
 * does not confirm came from the host, unless the replay diverged (a real I/O completing at
 * its own pace), which is uncontrolled nondeterminism.
 */
export async function runAsyncExecution(options: AsyncExecutionOptions): Promise<ExecutionOutcome> {
  const o = options.target.prepare === undefined || options.prepared !== undefined ? options : { ...options, prepared: await prepare(options) };
  const ex = new AsyncExecution(o);
  const outcome = await ex.run();
  const hint = ex.suspect;
  if (hint === undefined && outcome.finding === undefined) return outcome;
  const replay = new ReplayStrategy(outcome.decisions);
  replay.beginExecution(0);
  const again = new AsyncExecution({ ...o, strategy: replay, recordTrace: false, recordCoverage: false });
  const real = await firstRealResource(() => again.run(), (type) => again.resourceSite(type));
  if (real !== undefined) {
    throw new TargetError(`target '${o.target.name}' (variant '${o.variant}') uses ${real.what} that lockstep cannot control (async_hooks type ${real.type}, created during event ${real.event}: ${real.during}); ${CONTROLLED}`);
  }
  if (hint === undefined) return outcome;
  const d = firstDivergence(outcome.events ?? [], again.events);
  if (d !== undefined) throw new TargetError(`${uncontrolledNondeterminism(o.target.name, o.variant, d).message}. It uses ${hint.what} that lockstep cannot control (seen live after event ${hint.event}: ${hint.during}); ${CONTROLLED}`);
  return outcome;
}

const CONTROLLED = 'lockstep controls the global timer functions and clocks called during an execution, not real I/O or timer functions captured before it';

async function prepare(o: AsyncExecutionOptions): Promise<unknown> {
  try {
    return await o.target.prepare!(o.variant);
  } catch (e) {
    throw new TargetError(`target '${o.target.name}': prepare of variant '${o.variant}' failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
