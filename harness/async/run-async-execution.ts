import type { ExecutionOutcome } from '../runtime/outcome';
import { ReplayStrategy } from '../strategy/replay';
import { TargetError } from '../target/target-error';
import { AsyncExecution, type AsyncExecutionOptions } from './async-execution';
import { firstDivergence, uncontrolledNondeterminism } from './determinism';

/**
 * Run ONE execution of an async target to a verdict (async-execution.ts). The driver calls
 * strategy.beginExecution / endExecution around it, as for the generator engine. Rejects with
 * a TargetError when the target itself is at fault (setup threw, no client code for an
 * operation, nothing controlled, real timers or I/O), never for a bug of the lock.
 *
 * A real resource seen during an event is confirmed before it is reported: the decisions are
 * replayed and the resource must appear again by the same event (the host process, e.g. jest
 * or the CLI's own output, creates resources at unrelated moments), or the replay must diverge.
 */
export async function runAsyncExecution(options: AsyncExecutionOptions): Promise<ExecutionOutcome> {
  const o = options.target.prepare === undefined || options.prepared !== undefined ? options : { ...options, prepared: await prepare(options) };
  const ex = new AsyncExecution(o);
  const outcome = await ex.run();
  const s = ex.suspect;
  if (s === undefined) return outcome;
  const replay = new ReplayStrategy(outcome.decisions);
  replay.beginExecution(0);
  const again = new AsyncExecution({ ...o, strategy: replay, recordTrace: false, recordCoverage: false });
  try {
    await again.run();
  } catch {
    // a different failure on the re-run says nothing about the resource: keep the first outcome
  }
  const t = again.suspect;
  const leak = `uses ${s.what} that lockstep cannot control (it appears during event ${s.event}: ${s.during}); lockstep controls the global timer functions and clocks called during an execution, not real I/O or timer functions captured before it`;
  // by the same event (an earlier one when the first run's own I/O is still going on)
  if (t !== undefined && t.event <= s.event && t.what === s.what) throw new TargetError(`target '${o.target.name}' (variant '${o.variant}') ${leak}`);
  // the real resource made the replay go another way (a real I/O completing at its own pace)
  const d = firstDivergence(outcome.events ?? [], again.events);
  if (d !== undefined) throw new TargetError(`${uncontrolledNondeterminism(o.target.name, o.variant, d).message}. It ${leak}`);
  return outcome;
}

async function prepare(o: AsyncExecutionOptions): Promise<unknown> {
  try {
    return await o.target.prepare!(o.variant);
  } catch (e) {
    throw new TargetError(`target '${o.target.name}': prepare of variant '${o.variant}' failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
