/**
 * Replay saved corpus entries against the code as it is now and classify each (see
 * corpus-replay-result.ts). The execution is replayed and judged exactly as explore and the
 * fuzzer do (explore/replay-execution.ts: ReplayStrategy + judgeOutcome), so "reproduces"
 * here means the same thing as a finding there.
 */
import { findingText } from '../report/report-format';
import type { CheckHistoryFn } from '../checker/checker-api';
import { replayExecution } from '../explore/replay-execution';
import { replayableLog } from '../strategy/replayable-log';
import { withDeterminismCheck } from '../async/execute-target';
import type { ExecuteFn } from '../runtime/execute-fn';
import { formatDivergence } from '../strategy/replay';
import type { AnyTarget } from '../target/any-target';
import { builtinTargets } from '../target/builtin-targets';
import { findProjectRoot } from '../project/project-root';
import { recordedTargetResolver, type RecordedTargetResolver } from '../project/recorded-target-resolver';
import { constraintProblem } from '../target/workload-constraint';
import type { CorpusEntry } from './corpus-entry';
import type { CorpusReplayResult } from './corpus-replay-result';
import { CorpusError } from './corpus-error';
import { GuardInterrupted, RunawayError } from '../runaway/runaway-error';
import { listEntryFiles, loadEntryFile, type LoadedEntry } from './corpus-store';
import { findingSignature, recordedSignature } from './finding-signature';
import { workloadMisfit } from './workload-misfit';

/** Injected for tests and for targets loaded from files (triage). */
export interface CorpusReplayDeps {
  /** Targets that entries without a recorded module resolve against by name (default: the built-in ones). */
  readonly targets?: readonly AnyTarget[];
  /**
   * Finds the target an entry records (default: its module loaded from the project root of
   * the working directory, else its name among `targets`).
   */
  readonly resolver?: RecordedTargetResolver;
  /** Replay against this target whatever the entry records (triage of a patched copy). */
  readonly target?: AnyTarget;
  readonly execute?: ExecuteFn;
  readonly check?: CheckHistoryFn;
}

/**
 * Replay one entry; never throws for an entry that no longer fits (that is `stale`); throws
 * CorpusError for a workload its target's constraints exclude (bad input, exit 2).
 */
export async function replayEntry(entry: CorpusEntry, deps: CorpusReplayDeps = {}, file?: string): Promise<CorpusReplayResult> {
  const recorded = recordedSignature(entry.finding);
  const base = { entry, recorded, ...(file !== undefined ? { path: file } : {}) };
  const stale = (reason: string): CorpusReplayResult => ({ ...base, status: 'stale', reason });
  if (entry.finding.kind === 'runaway') {
    return { ...base, status: 'skipped', reason: 'a runaway (target code that never yielded) is not replayed in-process' };
  }
  let target = deps.target;
  if (target === undefined) {
    const found = (deps.resolver ?? defaultResolver(deps)).lookup(entry);
    if (found.stale !== undefined) return stale(found.stale);
    target = found.target;
  }
  if (!target.variants.some((v) => v.name === entry.variant)) {
    return stale(`target '${entry.target}' has no variant '${entry.variant}' any more (has: ${target.variants.map((v) => v.name).join(', ')})`);
  }
  const misfit = workloadMisfit(target, entry);
  if (misfit !== undefined) return stale(misfit);
  const violated = constraintProblem(target.workload, entry.workload);
  // a workload the target's constraints exclude is bad input, not a stale entry: no replay of it is meaningful
  if (violated !== undefined) throw new CorpusError(file ?? '<entry>', 'workload', `target '${target.name}': workload violates ${violated}`);

  const log = replayableLog(entry.decisions);
  const execute: ExecuteFn = deps.execute ?? withDeterminismCheck();
  let r: Awaited<ReturnType<typeof replayExecution>>;
  try {
    r = await replayExecution(
      target,
      { target: entry.target, variant: entry.variant, memory: entry.memory, knobs: entry.knobs, workload: entry.workload, decisions: log, maxSteps: entry.maxSteps },
      {
        // the fair window is part of the recorded run; replayExecution does not carry it
        execute: entry.fairWindow === undefined ? execute : (o) => execute({ ...o, fairWindow: entry.fairWindow }),
        ...(deps.check ? { check: deps.check } : {}),
      },
    );
  } catch (e) {
    // a runaway or the user's Ctrl-C stopped the guarded replay: not a property of the entry
    if (e instanceof RunawayError || e instanceof GuardInterrupted) throw e;
    return stale(`the replay could not run: ${(e as Error).message}`);
  }
  const { outcome } = r;
  const now = outcome.finding ? findingSignature(outcome.finding) : undefined;
  const withOutcome = { ...base, outcome, ...(now !== undefined ? { signature: now } : {}) };
  if (r.divergence !== undefined) {
    return { ...withOutcome, status: 'stale', divergence: r.divergence, reason: formatDivergence(r.divergence, log.length) };
  }
  if (outcome.finding === undefined) {
    const early = r.consumed < log.length ? ` (used ${r.consumed} of ${log.length} decisions)` : '';
    return { ...withOutcome, status: 'fixed', reason: `clean now: verdict '${outcome.verdict}' after ${outcome.steps} steps${early}` };
  }
  if (now === recorded) return { ...withOutcome, status: 'reproduces', reason: findingText(outcome.finding.kind, outcome.finding.message) };
  const what = outcome.finding.kind !== entry.finding.kind ? `now a ${outcome.finding.kind} instead of a ${entry.finding.kind}` : 'same kind, other program points';
  return { ...withOutcome, status: 'changed', reason: `${what}: ${now} (recorded ${recorded})` };
}

/** Every entry under a path replayed, and the files that could not be read as entries. */
export interface PathReplay {
  readonly results: CorpusReplayResult[];
  /** One CorpusError per unreadable or malformed file (naming it); the others were replayed. */
  readonly corrupt: CorpusError[];
  /** Entries whose replay ran away (a thread never yielded; stopped by the runaway guard). */
  readonly runaways: { readonly path: string; readonly entry: CorpusEntry; readonly error: RunawayError }[];
}

/**
 * Replay every entry under `fileOrDir` (one file, or a directory walked recursively in
 * sorted order; a report directory's repro.json files count), each on its own (issue 10): a
 * corrupt or unreadable file is listed in `corrupt` and every good entry is still replayed.
 * Entries with the same content hash (a report holding the corpus it saved) replay once.
 * Throws CorpusError only when `fileOrDir` itself cannot be listed.
 */
export async function replayEachPath(fileOrDir: string, deps: CorpusReplayDeps = {}): Promise<PathReplay> {
  const corrupt: CorpusError[] = [];
  const loaded: LoadedEntry[] = [];
  for (const file of listEntryFiles(fileOrDir)) {
    try {
      loaded.push(loadEntryFile(file));
    } catch (e) {
      if (!(e instanceof CorpusError)) throw e;
      corrupt.push(e);
    }
  }
  const seen = new Set<string>();
  const results: CorpusReplayResult[] = [];
  const runaways: PathReplay['runaways'][number][] = [];
  // one resolver for the whole walk: each recorded module is loaded once
  const resolver = deps.resolver ?? defaultResolver(deps);
  for (const l of loaded) {
    if (seen.has(l.hash)) continue;
    seen.add(l.hash);
    try {
      results.push(await replayEntry(l.entry, { ...deps, resolver }, l.path));
    } catch (e) {
      // a workload outside its target's constraints: bad input like a malformed file, listed
      if (e instanceof CorpusError) { corrupt.push(e); continue; }
      if (!(e instanceof RunawayError)) throw e;
      runaways.push({ path: l.path, entry: l.entry, error: e });
    }
  }
  return { results, corrupt, runaways };
}

/**
 * Replay every entry under `fileOrDir` like `replayEachPath`, but fail (CorpusError naming the
 * first bad file) when any file is corrupt: for callers that need the whole corpus.
 */
export async function replayPath(fileOrDir: string, deps: CorpusReplayDeps = {}): Promise<CorpusReplayResult[]> {
  const r = await replayEachPath(fileOrDir, deps);
  if (r.corrupt.length > 0) throw r.corrupt[0]!;
  return r.results;
}

/** Recorded modules from the project root of the working directory; names among `deps.targets` or the built-ins. */
export function defaultResolver(deps: Pick<CorpusReplayDeps, 'targets'>): RecordedTargetResolver {
  const targets = deps.targets;
  return recordedTargetResolver({ root: findProjectRoot().root, builtins: targets ? () => targets : builtinTargets });
}
