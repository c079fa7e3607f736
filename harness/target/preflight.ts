import { judgeOutcome } from '../explore/judge-outcome';
import { mergeKnobs } from '../explore/merge-knobs';
import { workloadFor } from '../explore/default-workload';
import type { MemoryModelName } from '../memory/memory-model';
import { runExecution } from '../runtime/execute';
import { RunawayError } from '../runaway/runaway-error';
import { DEFAULT_RUNAWAY_MS, guardSupported, RunawayGuard } from '../runaway/runaway-guard';
import { ReplayStrategy } from '../strategy/replay';
import { isAsync, type AnyTarget } from './any-target';
import { TargetError } from './target-error';

/** One cell to check before a campaign: a variant of a target under a memory model. */
export interface PreflightCell {
  readonly target: AnyTarget;
  readonly variant: string;
  readonly memory: MemoryModelName;
  /** Where the target is declared, prefixed to a mistake's message (`locks/lock.ts (export default)`). */
  readonly origin?: string;
}

/**
 * Run one execution of each cell (its variant's default workload, the fair round-robin
 * schedule) so that a mistake in a target (a setup that throws, a thread body that is no
 * generator function, a history operation its spec does not know) is one TargetError naming the file and export before a campaign
 * starts, instead of a harness error of one of its batches in a worker. Findings of these
 * executions are ignored: only mistakes matter here. Pass a guarded `execute`
 * (`guard.wrapExecute(runExecution)`): a thread that never yields is stopped, and left to the
 * campaign, which reports it as its `runaway` finding.
 */
export function preflight(cells: readonly PreflightCell[], execute: typeof runExecution = runExecution): void {
  const seen = new Set<string>();
  for (const c of cells) {
    // async targets have their own front end and checks (their executions await real macrotasks)
    const target = c.target;
    if (isAsync(target)) continue;
    const key = `${c.target.name}\u0000${c.variant}\u0000${c.memory}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const strategy = new ReplayStrategy([]);
    strategy.beginExecution(0);
    try {
      const workload = workloadFor(target, c.variant);
      const outcome = execute({
        target, variant: c.variant, memory: c.memory, workload,
        knobs: mergeKnobs(target, c.variant, c.memory), strategy,
      });
      // the history against the spec too: an operation the spec does not know is a mistake
      // in the target (TargetError), found here rather than in a worker's batch
      judgeOutcome(target, outcome, undefined, { variant: c.variant, workload });
    } catch (e) {
      if (e instanceof RunawayError) continue;
      if (e instanceof TargetError && c.origin !== undefined) throw new TargetError(`${c.origin}: ${e.message}`);
      throw e;
    }
  }
}

/**
 * `preflight` under a runaway guard of `runawayMs` (a command's --runaway-ms; default
 * DEFAULT_RUNAWAY_MS): a mistake in a target is exit 2 before the campaign, and a thread that
 * never yields does not hang the caller here (the campaign reports it as a runaway).
 * Synchronous, like `preflight`: commands install their signal handlers right after it, and no
 * event-loop turn may come in between (the guard's watchdog thread is stopped in the background).
 */
export function guardedPreflight(cells: readonly PreflightCell[], runawayMs?: number): void {
  const guard = guardSupported() ? new RunawayGuard({ timeoutMs: runawayMs ?? DEFAULT_RUNAWAY_MS }) : undefined;
  try {
    preflight(cells, guard ? guard.wrapExecute(runExecution) : runExecution);
  } finally {
    guard?.dispose().catch(() => undefined);
  }
}
