/**
 * Merge campaign reports of one campaign (shards run on many machines, issue 5 "--shard"):
 * executions, steps and time add up per target/variant/memory; findings are unioned by
 * signature with their counts added; the representative entry is chosen by
 * representative.ts (the earliest run in the campaign's global batch order, as the unsharded
 * campaign picks it), so the result does not depend on the order of the inputs. A report
 * whose shards are already covered is skipped, which makes merging idempotent (merging a report twice, or merging the output again, changes nothing).
 */
import { CorpusError } from '../corpus/corpus-error';
import type { CampaignReport, CellFinding, CellReport, PctBound, ReportedFinding, StrategyStats } from './campaign-report';
import { compareRepresentatives } from './representative';
import { formatResidualRisk, mergePctBounds } from './residual-risk';

/** A report and the file it came from (for error messages). */
export interface ReportInput {
  readonly report: CampaignReport;
  readonly file: string;
}

/** Result of a merge. */
export interface MergedReports {
  readonly report: CampaignReport;
  /** Files skipped because their shards were already included (duplicates). */
  readonly skipped: readonly string[];
  /**
   * Reports left out because they do not belong with the others (another campaign seed or
   * shard count than the first input, or shards overlapping ones already merged), each with
   * the error naming the file and field. The rest is still merged (issue 10).
   */
  readonly rejected: readonly CorpusError[];
}

/**
 * Merge `inputs` (at least one). The first input decides the campaign (seed, shard count);
 * reports of another campaign, or whose shards overlap ones already merged, are rejected
 * (listed in `rejected`), never merged.
 */
export function mergeReports(inputs: readonly ReportInput[]): MergedReports {
  if (inputs.length === 0) throw new Error('mergeReports: no input');
  const first = inputs[0]!;
  const rejected: CorpusError[] = [];
  const same = inputs.filter((inp) => {
    if (inp.report.campaignSeed !== first.report.campaignSeed) {
      rejected.push(new CorpusError(inp.file, 'campaignSeed', `report of campaign seed ${inp.report.campaignSeed}, but ${first.file} has ${first.report.campaignSeed}: merge only shards of one campaign`));
      return false;
    }
    if (inp.report.shard.count !== first.report.shard.count) {
      rejected.push(new CorpusError(inp.file, 'shard.count', `report of ${inp.report.shard.count} shard(s), but ${first.file} has ${first.report.shard.count}: merge only shards of one campaign`));
      return false;
    }
    return true;
  });
  // Largest shard sets first, so a merged output absorbs the shards it already holds.
  const ordered = [...same].sort((a, b) => b.report.shard.indices.length - a.report.shard.indices.length || cmp(a.report.shard.indices.join(','), b.report.shard.indices.join(',')) || cmp(a.file, b.file));
  const covered = new Set<number>();
  const used: ReportInput[] = [];
  const skipped: string[] = [];
  for (const inp of ordered) {
    const idx = inp.report.shard.indices;
    const inside = idx.filter((i) => covered.has(i));
    if (inside.length === idx.length) {
      skipped.push(inp.file);
      continue;
    }
    if (inside.length > 0) {
      rejected.push(new CorpusError(inp.file, 'shard.indices', `shards ${idx.join(',')} overlap shards already merged (${inside.join(',')}); merge each shard once`));
      continue;
    }
    for (const i of idx) covered.add(i);
    used.push(inp);
  }
  const reports = used.map((u) => u.report);
  const findings = mergeFindings(reports.flatMap((r) => r.findings));
  const findingByKey = new Map(findings.map((f) => [key(f.target, f.variant, f.memory, f.signature), f]));
  const cells = mergeCells(reports.flatMap((r) => r.cells), findingByKey);
  const report: CampaignReport = {
    formatVersion: Math.max(...reports.map((r) => r.formatVersion)),
    harnessVersion: [...new Set(reports.map((r) => r.harnessVersion))].sort().join(', '),
    campaignSeed: first.report.campaignSeed,
    shard: { indices: [...covered].sort((a, b) => a - b), count: first.report.shard.count },
    date: reports.map((r) => r.date).sort().at(-1)!,
    ...(reports[0]!.budget ? { budget: reports[0]!.budget } : {}),
    // shards run side by side: the campaign took as long as its longest shard
    ...(reports.some((r) => r.elapsedMs !== undefined) ? { elapsedMs: Math.max(...reports.map((r) => r.elapsedMs ?? 0)) } : {}),
    ...(reports.some((r) => r.interrupted) ? { interrupted: true } : {}),
    cells,
    findings,
  };
  return { report, skipped: skipped.sort(), rejected };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function key(...parts: string[]): string {
  return JSON.stringify(parts);
}

/** True when `a` represents its signature before `b` (representative.ts). */
function smaller(a: ReportedFinding, b: ReportedFinding): boolean {
  return compareRepresentatives(a.entry, b.entry, a.entryHash, b.entryHash) < 0;
}

/** The sooner of two shards' first finds: fewest executions (the representative's), earliest wall time. */
function mergeFirstFound(a: ReportedFinding['firstFound'], b: ReportedFinding['firstFound']): Pick<ReportedFinding, 'firstFound'> {
  if (a === undefined || b === undefined) return a ?? b ? { firstFound: (a ?? b)! } : {};
  const ms = [a.elapsedMs, b.elapsedMs].filter((x): x is number => x !== undefined);
  return { firstFound: { executions: Math.min(a.executions, b.executions), ...(ms.length > 0 ? { elapsedMs: Math.min(...ms) } : {}) } };
}

function mergeFindings(all: readonly ReportedFinding[]): ReportedFinding[] {
  const byKey = new Map<string, ReportedFinding>();
  for (const f of all) {
    const k = key(f.target, f.variant, f.memory, f.signature);
    const prev = byKey.get(k);
    if (!prev) byKey.set(k, f);
    else byKey.set(k, { ...(smaller(f, prev) ? f : prev), count: prev.count + f.count, ...mergeFirstFound(prev.firstFound, f.firstFound) });
  }
  return [...byKey.values()].sort((a, b) => cmp(key(a.target, a.variant, a.memory, a.signature), key(b.target, b.variant, b.memory, b.signature)));
}

function mergeCells(all: readonly CellReport[], findings: ReadonlyMap<string, ReportedFinding>): CellReport[] {
  const groups = new Map<string, CellReport[]>();
  for (const c of all) {
    const k = key(c.target, c.variant, c.memory);
    groups.set(k, [...(groups.get(k) ?? []), c]);
  }
  const out: CellReport[] = [];
  for (const k of [...groups.keys()].sort(cmp)) {
    const cs = groups.get(k)!;
    const c0 = cs[0]!;
    const byKind: Record<string, number> = {};
    for (const c of cs) for (const [kind, n] of Object.entries(c.findingsByKind)) byKind[kind] = (byKind[kind] ?? 0) + (n ?? 0);
    const cellFindings = new Map<string, CellFinding>();
    for (const c of cs) {
      for (const f of c.findings) {
        const prev = cellFindings.get(f.signature);
        cellFindings.set(f.signature, prev ? { ...prev, count: prev.count + f.count } : f);
      }
    }
    // The representative comes from the merged report findings, so cell and list agree.
    const merged = [...cellFindings.values()]
      .map((f) => {
        const rf = findings.get(key(c0.target, c0.variant, c0.memory, f.signature));
        return rf ? { ...f, entryHash: rf.entryHash, preemptions: rf.preemptions, message: rf.message } : f;
      })
      .sort((a, b) => cmp(a.signature, b.signature));
    const boundLists = cs.map((c) => c.residualBounds).filter((b): b is readonly PctBound[] => b !== undefined);
    const bounds = boundLists.length > 0 ? mergePctBounds(boundLists) : undefined;
    const texts = [...new Set(cs.map((c) => c.residualRisk).filter((t): t is string => t !== undefined))];
    const risk = merged.length > 0 ? undefined : bounds ? formatResidualRisk(bounds) : texts.length === 1 ? texts[0] : texts.length > 1 ? `per shard: ${texts.join(' / ')}` : undefined;
    const sum = (f: (c: CellReport) => number): number => cs.reduce((n, c) => n + f(c), 0);
    out.push({
      target: c0.target,
      variant: c0.variant,
      memory: c0.memory,
      executions: sum((c) => c.executions),
      steps: sum((c) => c.steps),
      timeMs: sum((c) => c.timeMs),
      inconclusive: sum((c) => c.inconclusive),
      findingsByKind: byKind,
      findings: merged,
      ...(risk !== undefined ? { residualRisk: risk } : {}),
      ...(bounds ? { residualBounds: bounds } : {}),
      strategies: mergeStrategies(cs.flatMap((c) => c.strategies)),
      ...(c0.expected !== undefined ? { expected: c0.expected } : {}),
    });
  }
  return out;
}

function mergeStrategies(all: readonly StrategyStats[]): StrategyStats[] {
  const by = new Map<string, StrategyStats>();
  for (const s of all) {
    const p = by.get(s.strategy);
    if (!p) {
      by.set(s.strategy, { ...s });
      continue;
    }
    const exhausted = p.exhausted === undefined && s.exhausted === undefined ? undefined : Boolean(p.exhausted) && Boolean(s.exhausted);
    by.set(s.strategy, {
      strategy: s.strategy,
      executions: p.executions + s.executions,
      steps: p.steps + s.steps,
      timeMs: p.timeMs + s.timeMs,
      newCoverage: p.newCoverage + s.newCoverage,
      findings: p.findings + s.findings,
      ...(exhausted === undefined ? {} : { exhausted }),
    });
  }
  return [...by.values()].sort((a, b) => cmp(a.strategy, b.strategy));
}
