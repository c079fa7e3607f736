/**
 * The corpus entry: one saved, replayable failure (issue 5 "Corpus"). Plain serialisable data
 * (JSON), versioned, so a newer harness can refuse an entry it does not understand instead of
 * misreading it. Replay needs only (target, variant, memory, knobs, workload, decisions,
 * maxSteps, fairWindow) — ARCHITECTURE.md "One decision log".
 */
import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import type { FindingKind } from '../runtime/outcome';
import type { Workload } from '../target/target';

/** Format version written by this harness; the codec refuses newer or unknown versions. */
export const CORPUS_FORMAT_VERSION = 1;

/**
 * Kind of a saved finding: an execution's `FindingKind`, or `runaway` (a worker stuck in
 * target code that never yields, killed by the fuzzer's timeout; not replayable in-process).
 */
export type CorpusFindingKind = FindingKind | 'runaway';

/** The finding an entry records, as the fuzzer saw it on the (shrunk) run. */
export interface CorpusFinding {
  readonly kind: CorpusFindingKind;
  readonly message: string;
  /** Dedup signature: `findingSignature(kind, locations)` (finding-signature.ts). */
  readonly signature: string;
  /** Preemptions of the (shrunk) run. */
  readonly preemptions: number;
  /** Program points involved (Finding.locations), kept to recompute/explain the signature. */
  readonly locations?: readonly string[];
  /** What the search for fewer preemptions proved about `preemptions` (absent: not searched). */
  readonly minimal?: MinimalityNote;
}

/**
 * Outcome of the bounded search for fewer preemptions after shrinking (issue 13 item 1,
 * fuzz/minimal-search.ts). Not part of the entry's identity.
 */
export interface MinimalityNote {
  /** Every schedule of the workload with fewer preemptions than the entry's was explored: none fails this way. */
  readonly proved: boolean;
  /** No schedule with fewer than this many preemptions shows the bug (bounds 0..atLeast-1 exhausted). */
  readonly atLeast: number;
  /** Executions the search spent. */
  readonly executions: number;
  /** Preemptions of the run the joint shrink gave, before the search. */
  readonly shrunkPreemptions: number;
}

/** Where the entry came from (not part of its identity: the same bug from two shards dedups). */
export interface CorpusProvenance {
  /** Strategy label, e.g. `random`, `pct:d=2`, `dfs:k=1`, `decisions` (fast-check run). */
  readonly strategy: string;
  /** Seed of the batch/run that found it (campaign-derived). */
  readonly seed: number;
  /** Campaign seed, when found by a campaign. */
  readonly campaignSeed?: number;
  /**
   * Campaign batch of the failing run (batch indices are global: batch b of a cell runs on
   * shard b mod N), and the run's index within it. Together they order the failing runs of a
   * signature the same way in every shard, which picks the representative (representative.ts).
   */
  readonly batch?: number;
  /** Executions the fuzzer spent before finding it (its index in the batch) and shrink steps taken, when known. */
  readonly execution?: number;
  readonly shrinkSteps?: number;
}

/** A versioned, replayable corpus entry (`corpus/<target>/<hash>.json`). */
export interface CorpusEntry {
  readonly formatVersion: number;
  /** Name of the target. */
  readonly target: string;
  /**
   * Module of a target loaded from a file, relative to the project root ('/'-separated);
   * absent for built-in targets (and in entries written before it was recorded).
   */
  readonly targetModule?: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  /** Fully merged knobs the run used (defaults < variant < user). */
  readonly knobs: Readonly<MemoryKnobs>;
  readonly workload: Workload;
  /** The decision log of the (shrunk) failing run. */
  readonly decisions: readonly number[];
  /** Step bound of the run. */
  readonly maxSteps: number;
  /** Fair-continuation window of the run, when not the runtime default. */
  readonly fairWindow?: number;
  readonly finding: CorpusFinding;
  readonly source: CorpusProvenance;
  /** HARNESS_VERSION of the harness that wrote it. */
  readonly harnessVersion: string;
  /** ISO date string passed in by the caller (no clock inside harness/). */
  readonly date: string;
}

/**
 * The fields that identify an entry: what replays it plus what it found. The content hash is
 * taken over their canonical JSON, so the same shrunk failure found twice gets one file.
 */
export type CorpusEntryIdentity = Pick<CorpusEntry, 'formatVersion' | 'target' | 'targetModule' | 'variant' | 'memory' | 'knobs' | 'workload' | 'decisions' | 'maxSteps' | 'fairWindow'> & {
  readonly kind: CorpusFindingKind;
  readonly signature: string;
};
