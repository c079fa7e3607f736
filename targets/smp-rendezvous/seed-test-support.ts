import { explore } from '../../harness/explore/explore';
import type { ExploredFinding, ExploreOptions, ExploreResult } from '../../harness/explore/explore-options';
import { replayExecution } from '../../harness/explore/replay-execution';
import { decodeReplayToken } from '../../harness/explore/replay-token';
import type { ExecutionOutcome, Finding } from '../../harness/runtime/outcome';
import type { Expectation, Target } from '../../harness/target/target';

/**
 * Test support shared by the kernel seed targets (smp-rendezvous, futex-requeue-pi,
 * perf-install). A kernel "hang" is every involved cpu spinning forever; the engine reports
 * that as a hang itself (a cpu spinning or halted forever), so the kinds compare directly.
 */
export function isHang(f: Finding): boolean {
  return f.kind === 'hang';
}

/** Does a finding show the expected kind of bug? */
export function matchesExpectation(expect: Expectation, f: Finding): boolean {
  return f.kind === expect;
}

/** explore() with the given options on `target` (no time budget: deterministic). */
export function exploreSeed(target: Target, o: Omit<ExploreOptions, 'target'>): Promise<ExploreResult> {
  return explore({ target, ...o });
}

/** Replay a finding from its self-contained token. */
export async function replayToken(target: Target, f: ExploredFinding): Promise<ExecutionOutcome> {
  return (await replayExecution(target, decodeReplayToken(f.replay))).outcome;
}

/** A finding replays when its token gives the same verdict and message. */
export async function replaysExactly(target: Target, f: ExploredFinding): Promise<boolean> {
  const again = await replayToken(target, f);
  return again.verdict === f.outcome.verdict && again.finding?.message === f.outcome.finding?.message;
}
