import { buildCorpusEntry } from '../corpus/build-corpus-entry';
import { CORPUS_FORMAT_VERSION, type CorpusEntry } from '../corpus/corpus-entry';
import { entryHash } from '../corpus/entry-hash';
import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import { REPORT_FORMAT_VERSION, type CampaignReport, type CellReport, type PctBound, type ReportedFinding, type ShardInfo, type StrategyStats } from '../report/campaign-report';
import { cellFinding, reportedFinding } from '../report/reported-finding';
import { formatResidualRisk } from '../report/residual-risk';
import type { ExecutionOutcome } from '../runtime/outcome';
import { expectationOf, type AnyTarget } from '../target/any-target';
import { copyWorkload } from '../target/workload-args';
import type { CampaignResult } from './campaign';
import type { CampaignFinding, CellResult } from './cell-result';
import { armLabel, type FuzzTask, type FuzzTuning } from './fuzz-types';
import { expectationUnder } from '../target/expectation';

/** What the report needs besides the campaign result. */
export interface ReportContext {
  readonly campaignSeed: number;
  readonly shard: ShardInfo;
  readonly date: string;
  readonly harnessVersion: string;
  readonly budget?: { readonly timeSec?: number; readonly runs?: number };
  /** Wall time of the campaign (CampaignReport.elapsedMs). */
  readonly elapsedMs?: number;
  readonly tuning: FuzzTuning;
  resolveTarget(task: FuzzTask): AnyTarget;
  /**
   * Entries already built, per finding (a report rebuilt at every checkpoint reuses them;
   * entryHash is a SHA-256 of the canonical entry). Owned by the caller.
   */
  readonly entryCache?: WeakMap<CampaignFinding, { readonly raw: unknown; readonly shrunk: unknown; readonly entry: CorpusEntry; readonly hash: string }>;
  knobs(target: AnyTarget, variant: string, memory: MemoryModelName, user?: Partial<MemoryKnobs>): Readonly<MemoryKnobs>;
}

/** A report plus the traced outcome of each finding (keyed by entry hash) for the artefacts. */
export interface BuiltReport {
  readonly report: CampaignReport;
  readonly entries: readonly CorpusEntry[];
  readonly outcomes: ReadonlyMap<string, ExecutionOutcome>;
}

/**
 * Turn a campaign result into CORPUS's report model: one cell per target/variant/memory
 * with per-strategy counters and the PCT residual risk when nothing was found, and one
 * corpus entry per deduplicated finding (its shrunk run, or the raw run when shrinking was
 * cut short), which is also what `--corpus` saves.
 */
export function buildCampaignReport(result: CampaignResult, ctx: ReportContext): BuiltReport {
  const cells: CellReport[] = [];
  const findings: ReportedFinding[] = [];
  const entries: CorpusEntry[] = [];
  const outcomes = new Map<string, ExecutionOutcome>();
  for (const cell of result.cells) {
    const section = cellSection(cell, ctx, result.batchRuns);
    cells.push(section.cell);
    for (const f of section.findings) {
      findings.push(f.reported);
      entries.push(f.reported.entry);
      if (f.outcome !== undefined) outcomes.set(f.reported.entryHash, f.outcome);
    }
  }
  cells.sort(reportOrder);
  findings.sort(findingOrder);
  return { report: { ...reportHead(result, ctx), cells, findings }, entries, outcomes };
}

/** Cells in report.json: by target, variant, memory. */
export function reportOrder(a: { target: string; variant: string; memory: string }, b: typeof a): number {
  return a.target.localeCompare(b.target) || a.variant.localeCompare(b.variant) || a.memory.localeCompare(b.memory);
}

/** Findings in report.json: by cell, then signature. */
export function findingOrder(a: ReportedFinding, b: ReportedFinding): number {
  return reportOrder(a, b) || a.signature.localeCompare(b.signature);
}

/** Every field of the report but its cells and findings. */
export function reportHead(result: CampaignResult, ctx: ReportContext): Omit<CampaignReport, 'cells' | 'findings'> {
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    harnessVersion: ctx.harnessVersion,
    campaignSeed: ctx.campaignSeed,
    shard: ctx.shard,
    date: ctx.date,
    ...(ctx.budget ? { budget: ctx.budget } : {}),
    ...(ctx.elapsedMs !== undefined ? { elapsedMs: Math.round(ctx.elapsedMs) } : {}),
    ...(result.interrupted ? { interrupted: true } : {}),
  };
}

/** One cell's part of the report: its row, and its findings (signature order) with the traced outcome of each. */
export interface CellSection {
  readonly cell: CellReport;
  readonly findings: readonly { readonly reported: ReportedFinding; readonly outcome?: ExecutionOutcome }[];
}

/** The report's row and findings of one cell (a pure function of the cell's counters and findings). */
export function cellSection(cell: CellResult, ctx: ReportContext, batchRuns: number | undefined): CellSection {
  const target = ctx.resolveTarget(cell.task);
  const cellFindings = [...cell.findings.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const found: { reported: ReportedFinding; outcome?: ExecutionOutcome }[] = [];
  for (const [, f] of cellFindings) {
    // a finding's entry changes only when its representative or its shrink does
    let known = ctx.entryCache?.get(f);
    if (known === undefined || known.shrunk !== f.shrunk || known.raw !== f.raw) {
      const e = findingEntry(cell.task, target, f, ctx);
      known = { raw: f.raw, shrunk: f.shrunk, entry: e, hash: entryHash(e) };
      ctx.entryCache?.set(f, known);
    }
    const { entry, hash } = known;
    const first = batchRuns === undefined ? undefined : { executions: f.raw.batch * batchRuns + f.raw.execution + 1, ...(f.firstMs !== undefined ? { elapsedMs: f.firstMs } : {}) };
    const reported = { ...reportedFinding(entry, f.count, hash), ...(first ? { firstFound: first } : {}) };
    found.push({ reported, ...(f.shrunk?.reproduced ? { outcome: f.shrunk.outcome } : {}) });
  }
  const bounds = found.length === 0 ? pctBounds(cell) : undefined;
  const variant = target.variants.find((v) => v.name === cell.task.variant);
  return {
    cell: {
      target: cell.task.target,
      variant: cell.task.variant,
      memory: cell.task.memory,
      executions: cell.executions,
      steps: cell.steps,
      timeMs: Math.round(cell.timeMs),
      inconclusive: cell.inconclusive,
      findingsByKind: Object.fromEntries(cell.byKind),
      findings: found.map((f) => cellFinding(f.reported)),
      ...(bounds && bounds.length > 0 ? { residualRisk: formatResidualRisk(bounds), residualBounds: bounds } : {}),
      strategies: strategyStats(cell, ctx.tuning),
      ...(variant ? { expected: expectationOf(target, variant.name, cell.task.memory) } : {}),
    },
    findings: found,
  };
}

/** PCT bounds of a cell (Burckhardt et al. 2010); under tso only 1/4 of PCT runs are plain PCT (pct.ts 'uniform' mode). */
export function pctBounds(cell: CellResult): PctBound[] {
  const out: PctBound[] = [];
  for (let d = 1; d <= 3; d++) {
    const runs = cell.pctRuns[d - 1];
    if (runs <= 0 || cell.maxThreads <= 0 || cell.maxSteps <= 0) continue;
    out.push({ depth: d, n: cell.maxThreads, k: cell.maxSteps, runs, ...(cell.task.memory !== 'sc' ? { fraction: 0.25 } : {}) });
  }
  return out;
}

function strategyStats(cell: CellResult, tuning: FuzzTuning): StrategyStats[] {
  return cell.arms.filter((a) => a.executions > 0).map((a) => ({
    strategy: armLabel(a.arm, tuning.dfsBound),
    executions: a.executions,
    steps: a.steps,
    timeMs: cell.steps > 0 ? Math.round((cell.timeMs * a.steps) / cell.steps) : 0,
    newCoverage: a.newCoverage,
    findings: a.findings,
    ...(a.arm === 'dfs' ? { exhausted: a.exhausted } : {}),
  }));
}

/** The corpus entry of a deduplicated finding: its shrunk run, or the raw run as found. */
export function findingEntry(task: FuzzTask, target: AnyTarget, f: CampaignFinding, ctx: ReportContext): CorpusEntry {
  const knobs = ctx.knobs(target, task.variant, task.memory, task.knobs);
  const maxSteps = ctx.tuning.maxSteps ?? target.maxSteps ?? 2000;
  const source = {
    strategy: f.raw.strategy, seed: f.raw.seed, campaignSeed: ctx.campaignSeed, batch: f.raw.batch, execution: f.raw.execution,
    ...(f.shrunk ? { shrinkSteps: f.shrunk.steps } : {}),
  };
  const o = f.shrunk?.outcome;
  // where the target came from travels with the entry, so replay finds it (DECISIONS.md item 3)
  const targetModule = task.ref.kind === 'file' ? { targetModule: task.ref.module } : {};
  if (f.raw.kind !== 'runaway' && f.shrunk?.reproduced && o?.finding) {
    return buildCorpusEntry({
      target: task.target, ...targetModule, variant: task.variant, memory: task.memory, knobs,
      workload: f.shrunk!.run.workload, maxSteps,
      outcome: { decisions: f.shrunk!.run.decisions, preemptions: f.shrunk!.run.preemptions, finding: o.finding },
      source, harnessVersion: ctx.harnessVersion, date: ctx.date,
      ...(f.shrunk!.minimal !== undefined ? { minimal: f.shrunk!.minimal } : {}),
    });
  }
  // runaway, or a run that could not be re-traced: record the raw run as found
  return {
    formatVersion: CORPUS_FORMAT_VERSION,
    target: task.target, ...targetModule, variant: task.variant, memory: task.memory, knobs,
    workload: copyWorkload(f.raw.run.workload),
    decisions: [...f.raw.run.decisions], maxSteps,
    finding: { kind: f.raw.kind, message: f.raw.message, signature: f.raw.signature, preemptions: f.raw.run.preemptions, locations: [...new Set(f.raw.locations)].sort() },
    source, harnessVersion: ctx.harnessVersion, date: ctx.date,
  };
}
