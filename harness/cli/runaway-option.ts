import { GuardInterrupted, RunawayError } from '../runaway/runaway-error';
import { DEFAULT_RUNAWAY_MS, guardSupported, RunawayGuard } from '../runaway/runaway-guard';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';

/** Help text of `--runaway-ms` for the single-run commands. */
export const RUNAWAY_HELP = `stop an execution that does not yield to the scheduler for this long, a mistake in the target (default ${DEFAULT_RUNAWAY_MS})`;

/** A guard for a command that runs target code in this thread (undefined where unsupported). */
export function commandGuard(runawayMs: number | undefined): RunawayGuard | undefined {
  return guardSupported() ? new RunawayGuard({ timeoutMs: runawayMs ?? DEFAULT_RUNAWAY_MS }) : undefined;
}

/**
 * What a single-run command (`run`, `replay`) reports when its guard stopped something: a
 * runaway is a mistake in the target (exit 2, DECISIONS.md item 5), the user's Ctrl-C exit 130.
 * `where` names the target and run, e.g. `ticket:v (sc)` and `execution 3, seed 1`.
 */
export function guardFailure(e: unknown, where: string, run: string): CliError | undefined {
  if (e instanceof RunawayError) {
    return new CliError(`${where}: a thread never yielded to the scheduler for ${e.timeoutMs} ms (${run}): a loop without a shared-memory step or cpuRelax() cannot be interleaved; give it one (or raise --runaway-ms)`, EXIT.badInput);
  }
  if (e instanceof GuardInterrupted) return new CliError('interrupted', EXIT.sigint);
  return undefined;
}
