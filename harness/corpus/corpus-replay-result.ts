/**
 * What replaying a saved corpus entry against the code as it is now shows (issue 5
 * "Corpus": `lockstep replay <entry-or-dir>`, the corpus test, patch triage).
 */
import type { ExecutionOutcome } from '../runtime/outcome';
import type { ReplayDivergence } from '../strategy/replay';
import type { CorpusEntry } from './corpus-entry';

/**
 * - `reproduces`: the same finding kind and signature as recorded.
 * - `fixed`: the replay is clean now.
 * - `changed`: it still fails, but differently (another kind or signature).
 * - `stale`: the entry no longer fits the code: its target, variant or operations are gone,
 *   the setup throws, or the decisions no longer fit (replay diverged; `divergence` says where).
 * - `skipped`: a `runaway` entry (target code that never yielded, killed by the fuzzer's
 *   watchdog): it cannot be replayed in-process without hanging the replayer.
 */
export type CorpusReplayStatus = 'reproduces' | 'fixed' | 'changed' | 'stale' | 'skipped';

/** The replay of one entry. */
export interface CorpusReplayResult {
  readonly status: CorpusReplayStatus;
  readonly entry: CorpusEntry;
  /** File the entry came from (replayPath), when any. */
  readonly path?: string;
  /** Signature the entry records, under the current signature rules. */
  readonly recorded: string;
  /** Signature of the finding the replay shows now, when it fails. */
  readonly signature?: string;
  /** One-line explanation (why stale, what changed, how it ends now). */
  readonly reason: string;
  /** The traced, judged execution (absent when the entry could not be run at all). */
  readonly outcome?: ExecutionOutcome;
  /** Where the replay stopped following the log (status `stale`). */
  readonly divergence?: ReplayDivergence;
}

/** True when the entry still shows a bug (`reproduces` or `changed`): replay exits 1. */
export function stillFails(r: CorpusReplayResult): boolean {
  return r.status === 'reproduces' || r.status === 'changed';
}
