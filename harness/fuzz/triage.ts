import type { CorpusEntry } from '../corpus/corpus-entry';
import { findingSignature } from '../corpus/finding-signature';
import type { MemoryModelName } from '../memory/memory-model';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { Target } from '../target/target';
import type { BatchRunner } from './batch-runner';
import { runCampaign, type CampaignResult } from './campaign';
import type { FuzzEngine } from './fuzz-engine';
import type { FuzzTask, FuzzTuning, TargetRef } from './fuzz-types';

/** How a finding relates to the patch. */
export type TriageVerdict = 'fixed' | 'introduced' | 'unchanged';

/** One row of the verdict table. */
export interface TriageRow {
  readonly verdict: TriageVerdict;
  /** `campaign` (found by the seeded campaign) or `corpus` (a saved entry replayed). */
  readonly source: 'campaign' | 'corpus';
  readonly memory: MemoryModelName;
  readonly signature: string;
  readonly kind: string;
  readonly message: string;
  /** Failing executions on base / patch (campaign rows). */
  readonly baseCount: number;
  readonly patchCount: number;
  /** The corpus entry file (corpus rows). */
  readonly entry?: string;
  /** The shrunk failing run on the side that fails (patch for regressions), with its trace. */
  readonly outcome?: ExecutionOutcome;
  readonly preemptions?: number;
}

/** The inputs of a triage. */
export interface TriageOptions {
  readonly target: Target;
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
  /** Saved entries of this target (any variant): replayed on both sides. */
  readonly corpus: readonly { readonly path: string; readonly entry: CorpusEntry }[];
  /** Engine for the in-thread corpus replays. */
  readonly engine: FuzzEngine;
}

/** Result of a triage. */
export interface TriageResult {
  readonly rows: readonly TriageRow[];
  readonly campaign: CampaignResult;
  /** Corpus entries replayed (per side). */
  readonly replayed: number;
}

/**
 * Patch triage (issue 5): replay the target's saved corpus on base and patch, then run the
 * SAME seeded campaign on both (batch seeds leave the variant out, and cells are interleaved
 * round by round, so both sides get the same workloads and the same number of runs), and
 * classify every finding signature: fixed (base only), introduced (patch only), unchanged.
 */
export async function runTriage(o: TriageOptions, runner: BatchRunner): Promise<TriageResult> {
  const rows: TriageRow[] = [];
  // 1. the corpus, replayed from its decision logs on both variants
  for (const { path, entry } of o.corpus) {
    if (!o.memories.includes(entry.memory)) continue;
    const side = (variant: string): ExecutionOutcome | undefined => {
      const strategy = o.engine.strategy({ kind: 'decisions', decisions: entry.decisions });
      strategy.beginExecution(0);
      let out: ExecutionOutcome;
      try {
        out = o.engine.execute({ target: o.target, variant, memory: entry.memory, workload: entry.workload, strategy, maxSteps: entry.maxSteps, recordTrace: true });
      } catch {
        return undefined; // the entry no longer fits this variant (stale): it shows nothing here
      }
      return out.finding && findingSignature(out.finding) === entry.finding.signature ? out : undefined;
    };
    const b = side(o.base);
    const p = side(o.patch);
    if (!b && !p) continue;
    rows.push({
      verdict: b && p ? 'unchanged' : b ? 'fixed' : 'introduced', source: 'corpus', memory: entry.memory,
      signature: entry.finding.signature, kind: entry.finding.kind, message: entry.finding.message,
      baseCount: b ? 1 : 0, patchCount: p ? 1 : 0, entry: path, outcome: p ?? b, preemptions: (p ?? b)?.preemptions,
    });
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
      rows.push({
        verdict: b && p ? 'unchanged' : b ? 'fixed' : 'introduced', source: 'campaign', memory, signature: sig,
        kind: f.raw.kind, message: f.shrunk?.message ?? f.raw.message, baseCount: b?.count ?? 0, patchCount: p?.count ?? 0,
        ...(f.shrunk ? { outcome: f.shrunk.outcome, preemptions: f.shrunk.run.preemptions } : {}),
      });
    }
  }
  const order: Record<TriageVerdict, number> = { introduced: 0, fixed: 1, unchanged: 2 };
  rows.sort((a, b) => order[a.verdict] - order[b.verdict] || a.memory.localeCompare(b.memory) || a.signature.localeCompare(b.signature) || a.source.localeCompare(b.source));
  return { rows, campaign, replayed: o.corpus.length };
}
