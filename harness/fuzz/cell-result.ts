import { ARM_NAMES, type ArmStats, type BatchResult, type FuzzTask, type RawFinding, type ShrinkResult } from './fuzz-types';

/** A deduplicated finding of a cell: the representative run, the total count, its shrink. */
export interface CampaignFinding {
  /** Earliest (batch, execution) failing run of this signature. */
  raw: RawFinding;
  /** Failing executions of this signature over all batches. */
  count: number;
  shrunk?: ShrinkResult;
  shrinkError?: string;
  /** Campaign wall time (ms) when a batch first showed this signature (set by the campaign; not deterministic). */
  firstMs?: number;
}

/** Accumulated results of one cell (target variant under one memory model). */
export interface CellResult {
  readonly task: FuzzTask;
  batches: number;
  executions: number;
  steps: number;
  inconclusive: number;
  timeMs: number;
  readonly coverage: Set<string>;
  readonly arms: ArmStats[];
  readonly pctRuns: [number, number, number];
  maxThreads: number;
  maxSteps: number;
  /** Failing executions per kind (before dedup). */
  readonly byKind: Map<string, number>;
  /** By signature. */
  readonly findings: Map<string, CampaignFinding>;
}

/** A fresh accumulator. */
export function emptyCell(task: FuzzTask): CellResult {
  return {
    task, batches: 0, executions: 0, steps: 0, inconclusive: 0, timeMs: 0,
    coverage: new Set(), arms: ARM_NAMES.map((arm) => ({ arm, executions: 0, steps: 0, newCoverage: 0, findings: 0, exhausted: false })),
    pctRuns: [0, 0, 0], maxThreads: 0, maxSteps: 0, byKind: new Map(), findings: new Map(),
  };
}

/** A change of representative caused by a batch: shrink `finding` (and drop the shrink of `replaced`). */
export interface RepresentativeChange {
  readonly finding: CampaignFinding;
  readonly replaced?: CampaignFinding;
}

/**
 * Merge a batch into its cell. Counts add up; for each signature the representative is the
 * failing run with the smallest (batch, execution), so it does not depend on the order in
 * which batches complete. Returns the findings whose representative is new.
 */
export function mergeBatch(cell: CellResult, r: BatchResult, raws: readonly RawFinding[]): RepresentativeChange[] {
  cell.batches++;
  cell.executions += r.executions;
  cell.steps += r.steps;
  cell.inconclusive += r.inconclusive;
  for (const c of r.coverage) cell.coverage.add(c);
  for (const a of r.arms) {
    const acc = cell.arms.find((x) => x.arm === a.arm);
    if (!acc) continue;
    acc.executions += a.executions;
    acc.steps += a.steps;
    acc.newCoverage += a.newCoverage;
    acc.findings += a.findings;
    acc.exhausted = acc.exhausted || a.exhausted;
  }
  for (let d = 0; d < 3; d++) cell.pctRuns[d] += r.pctRuns[d];
  cell.maxThreads = Math.max(cell.maxThreads, r.maxThreads);
  cell.maxSteps = Math.max(cell.maxSteps, r.maxSteps);
  const changes: RepresentativeChange[] = [];
  for (const raw of raws) {
    cell.byKind.set(raw.kind, (cell.byKind.get(raw.kind) ?? 0) + raw.count);
    const seen = cell.findings.get(raw.signature);
    if (!seen) {
      const finding: CampaignFinding = { raw, count: raw.count };
      cell.findings.set(raw.signature, finding);
      changes.push({ finding });
      continue;
    }
    seen.count += raw.count;
    if (raw.batch < seen.raw.batch || (raw.batch === seen.raw.batch && raw.execution < seen.raw.execution)) {
      const finding: CampaignFinding = { raw, count: seen.count, ...(seen.firstMs !== undefined ? { firstMs: seen.firstMs } : {}) };
      cell.findings.set(raw.signature, finding);
      changes.push({ finding, replaced: seen });
    }
  }
  return changes;
}
