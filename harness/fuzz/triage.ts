import type { CorpusEntry } from '../corpus/corpus-entry';
import type { CorpusReplayResult, CorpusReplayStatus } from '../corpus/corpus-replay-result';
import { replayEntry, type CorpusReplayDeps } from '../corpus/replay-corpus';
import { recordedSignature } from '../corpus/finding-signature';
import { RunawayError } from '../runaway/runaway-error';
import { mergeKnobs } from '../explore/merge-knobs';
import { encodeReplayToken } from '../explore/replay-token';
import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { AnyTarget } from '../target/any-target';
import type { BatchRunner } from './batch-runner';
import { RUNAWAY_SIGNATURE, runCampaign, type CampaignProgress, type CampaignResult } from './campaign';
import type { FuzzTask, FuzzTuning, TargetRef } from './fuzz-types';
import type { MinimalityNote } from '../corpus/corpus-entry';

/**
 * How a finding relates to the patch. `changed`: a corpus entry fails on both sides but with
 * different findings; `stale`: a corpus entry's decisions (or workload) do not fit one side's
 * code, so that side could not be judged and the entry says nothing about the patch.
 */
export type TriageVerdict = 'fixed' | 'introduced' | 'unchanged' | 'changed' | 'stale';

/** What replaying one corpus entry showed on one side (corpus rows). */
export interface TriageReplaySide {
  readonly status: CorpusReplayStatus;
  /** Why stale, what changed, or how the run ends now (CorpusReplayResult.reason). */
  readonly reason: string;
  /** Signature of the finding the replay shows on this side, when it fails. */
  readonly signature?: string;
}

/** One row of the verdict table. */
export interface TriageRow {
  readonly verdict: TriageVerdict;
  /** `campaign` (found by the seeded campaign) or `corpus` (a saved entry replayed). */
  readonly source: 'campaign' | 'corpus';
  readonly memory: MemoryModelName;
  /** Campaign rows: the dedup signature; corpus rows: the signature the entry records. */
  readonly signature: string;
  readonly kind: string;
  readonly message: string;
  /** Failing executions on base / patch (campaign rows; corpus rows: 1 when the entry still fails there). */
  readonly baseCount: number;
  readonly patchCount: number;
  /** The corpus entry file (corpus rows). */
  readonly entry?: string;
  /** Corpus rows: the replay status on each side. */
  readonly base?: TriageReplaySide;
  readonly patch?: TriageReplaySide;
  /** The shrunk failing run on the side that fails (patch for regressions), with its trace. */
  readonly outcome?: ExecutionOutcome;
  readonly preemptions?: number;
  /** Campaign rows: what the search for fewer preemptions proved about `preemptions`; corpus rows: the entry's note. */
  readonly minimal?: MinimalityNote;
  /** Campaign rows: a replay token of that run (on the patch for regressions). */
  readonly replay?: string;
}

/** The inputs of a triage. */
export interface TriageOptions {
  readonly target: AnyTarget;
  readonly ref: TargetRef;
  readonly base: string;
  readonly patch: string;
  readonly memories: readonly MemoryModelName[];
  readonly seed: number;
  readonly runs?: number;
  readonly timeMs?: number;
  readonly now?: () => number;
  readonly tuning?: Partial<FuzzTuning>;
  readonly signal?: AbortSignal;
  /** Progress of the campaign half, after every batch. */
  readonly onProgress?: (p: CampaignProgress) => void;
  /** Saved entries of this target (any variant): replayed on both sides. */
  readonly corpus: readonly { readonly path: string; readonly entry: CorpusEntry }[];
  /** Execution/checker overrides for the corpus replays (tests); the target is always `target`. */
  readonly replay?: Omit<CorpusReplayDeps, 'targets' | 'resolver' | 'target'>;
}

/** Result of a triage. */
export interface TriageResult {
  readonly rows: readonly TriageRow[];
  readonly campaign: CampaignResult;
  /** Corpus entries replayed (on each side). */
  readonly replayed: number;
  /** Corpus entries not replayed: runaways (cannot run in-process), with their files. */
  readonly skipped: readonly string[];
}

/**
 * Patch triage (issue 5): replay the target's saved corpus on base and patch, then run the
 * SAME seeded campaign on both (batch seeds leave the variant out, and cells are interleaved
 * round by round, so both sides get the same workloads and the same number of runs), and
 * classify every finding: fixed (base only), introduced (patch only), unchanged, and for
 * corpus entries also changed (fails on both, differently) and stale (does not fit a side).
 */
export async function runTriage(o: TriageOptions, runner: BatchRunner): Promise<TriageResult> {
  const rows: TriageRow[] = [];
  const skipped: string[] = [];
  let replayed = 0;
  // 1. the corpus, replayed from its decision logs on both variants exactly as `lockstep replay` does
  for (const { path, entry } of o.corpus) {
    if (!o.memories.includes(entry.memory)) continue;
    const b = await replayOn(o, entry, o.base, path);
    const p = await replayOn(o, entry, o.patch, path);
    if (b.status === 'skipped' || p.status === 'skipped') { skipped.push(path); continue; }
    replayed++;
    const row = corpusRow(entry, path, b, p);
    if (row) {
      // the token replays the entry as run on the side that fails (the patch for regressions)
      const m = movedEntry(o.target, entry, fails(p) ? o.patch : o.base);
      rows.push({ ...row, replay: encodeReplayToken({ target: m.target, variant: m.variant, memory: m.memory, knobs: m.knobs, workload: m.workload, decisions: m.decisions, maxSteps: m.maxSteps }) });
    }
  }
  // 2. the same seeded campaign on both
  const tasks: FuzzTask[] = [];
  for (const memory of o.memories) {
    tasks.push({ ref: o.ref, target: o.target.name, variant: o.base, memory });
    tasks.push({ ref: o.ref, target: o.target.name, variant: o.patch, memory });
  }
  const campaign = await runCampaign({
    tasks, seed: o.seed, ...(o.runs !== undefined ? { runs: o.runs } : {}), ...(o.timeMs !== undefined ? { timeMs: o.timeMs } : {}),
    ...(o.now ? { now: o.now } : {}), ...(o.tuning ? { tuning: o.tuning } : {}), ...(o.signal ? { signal: o.signal } : {}),
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    seedKey: (t) => `${t.target}:${t.memory}`,
    equalRounds: true,
  }, runner);
  for (const memory of o.memories) {
    const base = campaign.cells.find((c) => c.task.memory === memory && c.task.variant === o.base)!;
    const patch = campaign.cells.find((c) => c.task.memory === memory && c.task.variant === o.patch)!;
    const sigs = [...new Set([...base.findings.keys(), ...patch.findings.keys()])].sort();
    for (const sig of sigs) {
      const b = base.findings.get(sig);
      const p = patch.findings.get(sig);
      const f = (p ?? b)!;
      const variant = p ? o.patch : o.base;
      // the shrunk run when it replays from its log, else the run as found
      const run = f.shrunk?.reproduced ? f.shrunk.run : f.raw.run;
      rows.push({
        verdict: b && p ? 'unchanged' : b ? 'fixed' : 'introduced', source: 'campaign', memory, signature: sig,
        kind: f.raw.kind, message: f.shrunk?.message ?? f.raw.message, baseCount: b?.count ?? 0, patchCount: p?.count ?? 0,
        ...(f.shrunk ? { outcome: f.shrunk.outcome, preemptions: f.shrunk.run.preemptions, ...(f.shrunk.minimal ? { minimal: f.shrunk.minimal } : {}) } : {}),
        ...(f.raw.kind === 'runaway' ? {} : {
          replay: encodeReplayToken({
            target: o.target.name, variant, memory, knobs: mergeKnobs(o.target, variant, memory), workload: run.workload, decisions: run.decisions,
            maxSteps: o.tuning?.maxSteps ?? o.target.maxSteps ?? 2000,
          }),
        }),
      });
    }
  }
  const order: Record<TriageVerdict, number> = { introduced: 0, fixed: 1, changed: 2, stale: 3, unchanged: 4 };
  rows.sort((a, b) => order[a.verdict] - order[b.verdict] || a.memory.localeCompare(b.memory) || a.signature.localeCompare(b.signature) || a.source.localeCompare(b.source));
  return { rows, campaign, replayed, skipped };
}

/**
 * Replay `entry` as if it had been recorded on `variant`. The entry stores fully merged knobs
 * (defaults < its variant < the user's); only the user's part is carried over, so each side
 * runs with its own variant's knobs, as the campaign half does.
 */
function replayOn(o: TriageOptions, entry: CorpusEntry, variant: string, path: string): Promise<CorpusReplayResult> {
  const moved = movedEntry(o.target, entry, variant);
  return replayEntry(moved, { ...(o.replay ?? {}), target: o.target }, path).catch((e: unknown) => {
    // stopped by the runaway guard: on this side the entry's run now never yields, a failure
    if (!(e instanceof RunawayError)) throw e;
    return { status: 'changed', entry: moved, path, recorded: recordedSignature(moved.finding), signature: RUNAWAY_SIGNATURE, reason: `now a runaway: ${e.message}` } satisfies CorpusReplayResult;
  });
}

/** `entry` as recorded on `variant` (with that variant's knobs plus the user's overrides). */
function movedEntry(target: AnyTarget, entry: CorpusEntry, variant: string): CorpusEntry {
  const recordedVariant = mergeKnobs(target, entry.variant, entry.memory);
  const user: Partial<MemoryKnobs> = {};
  for (const k of Object.keys(entry.knobs) as (keyof MemoryKnobs)[]) {
    if (entry.knobs[k] !== recordedVariant[k]) (user as Record<string, unknown>)[k] = entry.knobs[k];
  }
  return { ...entry, variant, knobs: mergeKnobs(target, variant, entry.memory, user) };
}

/** An entry "shows" on a side when it still fails there (`reproduces` or `changed`). */
function fails(r: CorpusReplayResult): boolean {
  return r.status === 'reproduces' || r.status === 'changed';
}

function side(r: CorpusReplayResult): TriageReplaySide {
  return { status: r.status, reason: r.reason, ...(r.signature !== undefined ? { signature: r.signature } : {}) };
}

/** The row of one replayed entry, or none when it is clean on both sides. */
function corpusRow(entry: CorpusEntry, path: string, b: CorpusReplayResult, p: CorpusReplayResult): TriageRow | undefined {
  const bf = fails(b);
  const pf = fails(p);
  let verdict: TriageVerdict;
  if (b.status === 'stale' || p.status === 'stale') verdict = 'stale';
  else if (bf && pf) verdict = b.signature === p.signature ? 'unchanged' : 'changed';
  else if (bf) verdict = 'fixed';
  else if (pf) verdict = 'introduced';
  else return undefined;
  const shown = pf ? p : bf ? b : undefined;
  return {
    verdict, source: 'corpus', memory: entry.memory, signature: b.recorded, kind: entry.finding.kind, message: entry.finding.message,
    baseCount: bf ? 1 : 0, patchCount: pf ? 1 : 0, entry: path, base: side(b), patch: side(p),
    ...(shown?.outcome ? { outcome: shown.outcome, preemptions: shown.outcome.preemptions } : {}),
  };
}
