import { RunawayError } from '../runaway/runaway-error';
import { DEFAULT_RUNAWAY_MS, guardSupported, RunawayGuard } from '../runaway/runaway-guard';
import { TargetError } from '../target/target-error';

/**
 * Run a test's check with a runaway guard (runaway/runaway-guard.ts; `undefined` where the
 * platform has none): the checks run target code in the test runner's thread, where a thread
 * that never yields would hang the whole test run (no test timeout interrupts a synchronous
 * loop). A stopped thread is a mistake in the target: a TargetError saying so.
 */
export async function withRunawayGuard<T>(runawayMs: number | undefined, check: (guard: RunawayGuard | undefined) => Promise<T>): Promise<T> {
  const ms = runawayMs ?? DEFAULT_RUNAWAY_MS;
  const guard = guardSupported() ? new RunawayGuard({ timeoutMs: ms }) : undefined;
  try {
    return await check(guard);
  } catch (e) {
    if (e instanceof RunawayError) {
      throw new TargetError(`a thread never yielded to the scheduler for ${ms} ms: a loop without a shared-memory step or cpuRelax() cannot be interleaved; give it one (or raise runawayMs)`);
    }
    throw e;
  } finally {
    await guard?.dispose();
  }
}
