/**
 * What a campaign report says at a glance, by the "behaved as expected" rule
 * (cell-verdict.ts): the shared model of summary.md and the HTML report, so both list the
 * same missed expectations and unexpected findings first.
 */
import type { CampaignReport, CellReport, ReportedFinding } from './campaign-report';
import { cellVerdict, partialReason, type CellVerdict } from './cell-verdict';

/** A cell with its verdict. */
export interface JudgedCell {
  readonly cell: CellReport;
  readonly verdict: CellVerdict;
}

/** The overview of a report. */
export interface CampaignOverview {
  /** Why missed expectations cannot be judged (one shard, interrupted), if so. */
  readonly partial?: string;
  readonly cells: readonly JudgedCell[];
  readonly missed: readonly JudgedCell[];
  readonly unexpectedCells: readonly JudgedCell[];
  readonly undecided: readonly JudgedCell[];
  /** Findings of cells that failed by an unexpected finding. */
  readonly unexpected: readonly ReportedFinding[];
  /** Every other finding (of cells expected to show a bug). */
  readonly expected: readonly ReportedFinding[];
  readonly asExpected: number;
  readonly executions: number;
  /** Summed cell time (workers add up). */
  readonly cellTimeMs: number;
}

/** Judge every cell of `report` and sort its findings into unexpected and expected ones. */
export function campaignOverview(report: CampaignReport): CampaignOverview {
  const partial = partialReason(report);
  const cells = report.cells.map((cell) => ({ cell, verdict: cellVerdict(cell, partial) }));
  const missed = cells.filter((j) => j.verdict.outcome === 'missed-expectation');
  const unexpectedCells = cells.filter((j) => j.verdict.outcome === 'unexpected-finding');
  const undecided = cells.filter((j) => j.verdict.outcome === 'undecided');
  const keys = new Set(unexpectedCells.map((j) => cellKey(j.cell)));
  return {
    ...(partial !== undefined ? { partial } : {}),
    cells, missed, unexpectedCells, undecided,
    unexpected: report.findings.filter((f) => keys.has(cellKey(f))),
    expected: report.findings.filter((f) => !keys.has(cellKey(f))),
    asExpected: cells.length - missed.length - unexpectedCells.length - undecided.length,
    executions: report.cells.reduce((n, c) => n + c.executions, 0),
    cellTimeMs: report.cells.reduce((n, c) => n + c.timeMs, 0),
  };
}

/** `target:variant@memory`. */
export function cellName(c: { readonly target: string; readonly variant: string; readonly memory: string }): string {
  return `${c.target}:${c.variant}@${c.memory}`;
}

function cellKey(c: { readonly target: string; readonly variant: string; readonly memory: string }): string {
  return JSON.stringify([c.target, c.variant, c.memory]);
}
