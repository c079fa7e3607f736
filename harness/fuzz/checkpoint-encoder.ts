import type { ReportedFinding } from '../report/campaign-report';
import type { CampaignResult } from './campaign';
import { cellSection, reportHead, reportOrder, type ReportContext } from './campaign-report-builder';
import type { CellResult } from './cell-result';

/** A cell's report text as last encoded, and what it was encoded from. */
interface EncodedCell {
  /** The campaign's runs per batch, cell.batches, executions, timeMs, then per finding: the finding, its representative, shrink, count and first time. */
  readonly stamp: readonly unknown[];
  readonly json: string;
  readonly findings: readonly { readonly reported: ReportedFinding; readonly json: string }[];
}

/**
 * The compact report.json text of a campaign checkpoint (issue 12: the checkpoints took about
 * 4 % of a long campaign's CPU, most of it re-encoding the ~700 kB report every second). A
 * cell's row and findings are re-encoded only when the cell changed since the last checkpoint
 * (a batch merged into it, or one of its findings got a new representative, shrink, count or
 * first time); the text of the others is reused. The result parses to exactly the report
 * `buildCampaignReport` gives, marked interrupted (checkpoint-encoder.test.ts).
 * One encoder per campaign output (it holds the cells' texts).
 */
export class CheckpointEncoder {
  private readonly cells = new WeakMap<CellResult, EncodedCell>();
  /** Each cell's place in report order (equal places for equal keys), for the cells array it was computed for. */
  private ranks: { readonly of: readonly CellResult[]; readonly rank: readonly number[] } | undefined;

  encode(result: CampaignResult, ctx: ReportContext): string {
    const rank = this.ranksOf(result.cells);
    const encoded = result.cells.map((cell, i) => ({ rank: rank[i]!, e: this.cell(cell, result, ctx) }));
    // the builder's orders (reportOrder, then findingOrder) with the cells' places computed
    // once: localeCompare on every checkpoint cost more than the encoding that remained
    const rows = [...encoded].sort((a, b) => a.rank - b.rank).map((x) => x.e);
    const findings = encoded.flatMap((x) => x.e.findings.map((f) => ({ rank: x.rank, f })))
      .sort((a, b) => a.rank - b.rank || a.f.reported.signature.localeCompare(b.f.reported.signature)).map((x) => x.f);
    const head = JSON.stringify({ ...reportHead(result, ctx), interrupted: true });
    return `${head.slice(0, -1)},"cells":[${rows.map((r) => r.json).join(',')}],"findings":[${findings.map((f) => f.json).join(',')}]}\n`;
  }

  private ranksOf(cells: readonly CellResult[]): readonly number[] {
    if (this.ranks?.of === cells && this.ranks.rank.length === cells.length) return this.ranks.rank;
    const keys = cells.map((c) => c.task);
    const sorted = keys.map((_, i) => i).sort((a, b) => reportOrder(keys[a]!, keys[b]!));
    const rank = new Array<number>(cells.length);
    sorted.forEach((i, k) => { rank[i] = k > 0 && reportOrder(keys[sorted[k - 1]!]!, keys[i]!) === 0 ? rank[sorted[k - 1]!]! : k; });
    this.ranks = { of: cells, rank };
    return rank;
  }

  private cell(cell: CellResult, result: CampaignResult, ctx: ReportContext): EncodedCell {
    const stamp = stampOf(cell, result.batchRuns);
    const known = this.cells.get(cell);
    if (known !== undefined && sameStamp(known.stamp, stamp)) return known;
    const section = cellSection(cell, ctx, result.batchRuns);
    const fresh: EncodedCell = {
      stamp,
      json: JSON.stringify(section.cell),
      findings: section.findings.map((f) => ({ reported: f.reported, json: JSON.stringify(f.reported) })),
    };
    this.cells.set(cell, fresh);
    return fresh;
  }
}

/** What a cell's report text is a function of (besides the campaign's constant context). */
function stampOf(cell: CellResult, batchRuns: number | undefined): unknown[] {
  const out: unknown[] = [batchRuns, cell.batches, cell.executions, cell.timeMs, cell.findings.size];
  for (const f of cell.findings.values()) out.push(f, f.raw, f.shrunk, f.shrinkError, f.count, f.firstMs);
  return out;
}

function sameStamp(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}
