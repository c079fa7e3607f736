/**
 * The campaign report model (issue 5 "Reports"): plain serialisable data written as
 * report.json and rendered as summary.md / junit.xml. One report per campaign run (or shard);
 * `lockstep merge` sums reports of the same campaign. All times are wall-clock figures
 * measured by the CLI and passed in (no clock inside harness/).
 */
import type { MemoryModelName } from '../memory/memory-model';
import type { CorpusEntry, CorpusFindingKind } from '../corpus/corpus-entry';

/**
 * Format version of report.json; `lockstep merge` refuses newer ones. Version 2 numbers shards
 * from 1 (version 1 reports, with 0-based shard indices, are read and converted).
 */
export const REPORT_FORMAT_VERSION = 2;

/** Which part of a sharded campaign a report covers (`--shard I/N`; merged = all indices). */
export interface ShardInfo {
  /** Shard numbers included in this report, 1-based as in `--shard I/N`, ascending. One for a single shard. */
  readonly indices: readonly number[];
  /** N of `--shard I/N` (1 when not sharded). */
  readonly count: number;
}

/** Per-strategy counters (adaptive budget split, issue 5 "Fuzzer"). */
export interface StrategyStats {
  /** Strategy label, e.g. `random`, `pct:d=2`, `dfs:k=1`. */
  readonly strategy: string;
  readonly executions: number;
  readonly steps: number;
  readonly timeMs: number;
  /** Executions that produced new coverage. */
  readonly newCoverage: number;
  /** Failing executions (before dedup). */
  readonly findings: number;
  /** dfs: the bounded space was fully explored. */
  readonly exhausted?: boolean;
}

/**
 * A PCT guarantee (Burckhardt et al. 2010): `runs` PCT runs of depth `depth` over `n` threads
 * and at most `k` steps miss a depth-d bug with probability <= (1 - fraction/(n k^(d-1)))^runs.
 */
export interface PctBound {
  readonly depth: number;
  readonly n: number;
  readonly k: number;
  readonly runs: number;
  /** Share of the per-run guarantee that applies (1 for plain PCT). */
  readonly fraction?: number;
}

/** One deduplicated finding within a cell (target/variant/memory). */
export interface CellFinding {
  readonly signature: string;
  readonly kind: CorpusFindingKind;
  readonly message: string;
  /** How many failing executions showed this signature. */
  readonly count: number;
  /** Preemptions of the representative (shrunk) run. */
  readonly preemptions: number;
  /** Content hash of the representative corpus entry (key into `CampaignReport.findings`). */
  readonly entryHash: string;
}

/** Results of one target/variant/memory model: one JUnit test case. */
export interface CellReport {
  readonly target: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly executions: number;
  readonly steps: number;
  readonly timeMs: number;
  /** Executions that hit the step bound (never a bug). */
  readonly inconclusive: number;
  /** Failing executions per kind (counts before dedup). */
  readonly findingsByKind: Readonly<Partial<Record<CorpusFindingKind, number>>>;
  /** Deduplicated findings, sorted by signature. */
  readonly findings: readonly CellFinding[];
  /** Residual-risk sentence when nothing was found and a bound applies (PCT), else undefined. */
  readonly residualRisk?: string;
  /**
   * The numbers behind `residualRisk`, so `lockstep merge` can recompute it over the summed
   * runs of all shards (residual-risk.ts). Optional: without them merge keeps the text.
   */
  readonly residualBounds?: readonly PctBound[];
  readonly strategies: readonly StrategyStats[];
  /** What the variant is expected to show (VariantSpec.expect), for the summary. */
  readonly expected?: string;
}

/** A deduplicated finding of the whole report, with its representative corpus entry. */
export interface ReportedFinding {
  readonly signature: string;
  readonly kind: CorpusFindingKind;
  readonly message: string;
  readonly target: string;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly count: number;
  readonly preemptions: number;
  /**
   * How soon the campaign found this bug: executions of its cell up to and including the first
   * failing run (deterministic: batch x batch runs + execution + 1; global across shards) and
   * the campaign wall time when a batch first showed it (absent in older reports).
   */
  readonly firstFound?: { readonly executions: number; readonly elapsedMs?: number };
  /** Content hash of `entry` (its corpus file name without `.json`). */
  readonly entryHash: string;
  /** Folder of this finding's artefacts inside --out, e.g. `findings/<target>/<hash>`. */
  readonly dir: string;
  /** The representative (shrunk) corpus entry. */
  readonly entry: CorpusEntry;
}

/** A campaign report (report.json). */
export interface CampaignReport {
  readonly formatVersion: number;
  readonly harnessVersion: string;
  readonly campaignSeed: number;
  readonly shard: ShardInfo;
  /** ISO date string passed in by the caller. */
  readonly date: string;
  /** Budget as given: `{ timeSec }` or `{ runs }` per target. */
  readonly budget?: { readonly timeSec?: number; readonly runs?: number };
  /**
   * Wall time of the campaign (batches and shrinking) in ms, measured by the CLI; a merged
   * report holds its longest shard's (shards run side by side). Absent in older reports.
   */
  readonly elapsedMs?: number;
  /** True when the campaign was interrupted (Ctrl-C): a partial report. */
  readonly interrupted?: boolean;
  /** Sorted by target, variant, memory. */
  readonly cells: readonly CellReport[];
  /** Deduplicated findings across cells, sorted by target, variant, memory, signature. */
  readonly findings: readonly ReportedFinding[];
}
