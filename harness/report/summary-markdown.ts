/**
 * summary.md of a campaign, what needs a look first: cells that missed their expectation,
 * then unexpected findings (with replay commands), then the rest (one table per target with
 * each cell's verdict, and the expected findings). The headline time is the campaign's wall
 * time. Also what gets appended to GITHUB_STEP_SUMMARY.
 */
import * as path from 'node:path';
import type { CampaignReport, ReportedFinding } from './campaign-report';
import type { CellVerdict } from './cell-verdict';
import { campaignOverview, cellName } from './campaign-overview';
import { missingShards, shardText } from './missing-shards';
import { escapeMdCell, formatCount, formatDuration, formatKinds, replayCommand } from './report-format';
import { minimalityText } from './minimality-text';
import { PREEMPTION_NOTE } from '../strategy/preemption-cost';

/** Options of `renderSummaryMarkdown`. */
export interface SummaryOptions {
  /** Directory the report is written to, as the user gave it (prefix of replay paths). */
  readonly outDir: string;
}

const VERDICT_LABEL: Record<CellVerdict['outcome'], string> = {
  'clean': 'as expected',
  'expected-bug-found': 'as expected',
  'unexpected-finding': '**UNEXPECTED**',
  'missed-expectation': '**MISSED**',
  'undecided': 'not found on this part',
};

/** Render the markdown summary of `report`. */
export function renderSummaryMarkdown(report: CampaignReport, options: SummaryOptions): string {
  const lines: string[] = [];
  const o = campaignOverview(report);
  const { partial, missed, unexpectedCells, undecided, unexpected } = o;
  const judged = o.cells.map((j) => ({ c: j.cell, v: j.verdict }));
  const expectedFindings = o.expected;
  const total = o.executions;
  const cellTime = o.cellTimeMs;

  lines.push('# lockstep campaign report', '');
  const missing = missingShards(report.shard);
  const shard = report.shard.count > 1 ? ` · ${shardText(report.shard)}${missing.length > 0 && report.shard.indices.length > 1 ? ` (**missing: ${missing.join(', ')}**)` : ''}` : '';
  lines.push(`Campaign seed \`${report.campaignSeed}\`${shard} · lockstep ${report.harnessVersion} · ${report.date}${report.interrupted ? ' · **interrupted (partial report)**' : ''}`, '');
  const verdicts = [
    missed.length > 0 ? `**${missed.length} cell${missed.length === 1 ? '' : 's'} missed ${missed.length === 1 ? 'its' : 'their'} expectation**` : '',
    unexpected.length > 0 ? `**${unexpected.length} unexpected finding${unexpected.length === 1 ? '' : 's'}**` : '',
  ].filter((s) => s !== '');
  const asExpected = o.asExpected;
  const head = verdicts.length > 0 ? `${verdicts.join(', ')}; ${asExpected} of ${judged.length} cells as expected` : `**All ${judged.length} cells as expected**`;
  const undecidedText = undecided.length > 0 ? `, ${undecided.length} undecided on this part of the campaign` : '';
  const time = report.elapsedMs !== undefined
    ? `${formatDuration(report.elapsedMs)} wall time${report.shard.indices.length > 1 ? ' (the longest shard)' : ''}, ${formatDuration(cellTime)} summed over cells`
    : `${formatDuration(cellTime)} summed over cells`;
  lines.push(`${head}${undecidedText}. ${report.findings.length} unique finding${report.findings.length === 1 ? '' : 's'} in ${formatCount(total)} executions (${time}).`, '');
  if (report.findings.length > 0) lines.push(`One finding per root cause (the violated property, else the program points involved), seen × times. Counting: ${PREEMPTION_NOTE}.`, '');

  if (missed.length > 0) {
    lines.push('## Missed expectations', '', 'An expected bug that was not found: the search lost power, or the budget is too small.', '');
    lines.push('| cell | expected | executions | residual risk |', '|---|---|--:|---|');
    for (const { cell: c } of missed) lines.push(`| ${escapeMdCell(cellName(c))} | ${escapeMdCell(c.expected ?? '')} | ${formatCount(c.executions)} | ${escapeMdCell(c.residualRisk ?? 'no bound')} |`);
    lines.push('');
  }
  if (unexpected.length > 0) {
    lines.push('## Unexpected findings', '');
    for (const f of unexpected) lines.push(...findingLines(f, options.outDir));
  }
  if (undecided.length > 0) {
    lines.push(`## Not found on ${partial}`, '', 'Expected bugs this part did not find; the report of the whole campaign (`lockstep merge`) decides.', '');
    lines.push(undecided.map(({ cell: c }) => `\`${cellName(c)}\` (${c.expected})`).join(', '), '');
  }
  lines.push('## All cells', '');
  const byTarget = new Map<string, typeof judged>();
  for (const j of judged) byTarget.set(j.c.target, [...(byTarget.get(j.c.target) ?? []), j]);
  for (const [target, cells] of byTarget) {
    lines.push(`### ${target}`, '');
    lines.push('| variant | memory | verdict | expected | findings by kind | unique | executions | steps | time | residual risk |');
    lines.push('|---|---|---|---|---|--:|--:|--:|--:|---|');
    for (const { c, v } of cells) {
      lines.push(
        `| ${escapeMdCell(c.variant)} | ${c.memory} | ${VERDICT_LABEL[v.outcome]} | ${escapeMdCell(c.expected ?? '')} | ${formatKinds(c.findingsByKind)} | ${c.findings.length} | ${formatCount(c.executions)} | ${formatCount(c.steps)} | ${formatDuration(c.timeMs)} | ${escapeMdCell(c.residualRisk ?? (c.findings.length > 0 ? '' : 'no bound'))} |`,
      );
    }
    lines.push('');
  }
  if (expectedFindings.length > 0) {
    lines.push('## Expected findings', '');
    for (const f of expectedFindings) lines.push(...findingLines(f, options.outDir));
  }
  return lines.join('\n');
}

function findingLines(f: ReportedFinding, outDir: string): string[] {
  const repro = path.join(outDir, f.dir, 'repro.json');
  return [
    `### ${f.kind} in ${f.target}:${f.variant} (${f.memory})`, '',
    `- ${escapeMdCell(f.message)}`,
    ...(f.firstFound !== undefined ? [`- first found after ${formatCount(f.firstFound.executions)} execution${f.firstFound.executions === 1 ? '' : 's'} of its cell${f.firstFound.elapsedMs !== undefined ? `, ${formatDuration(f.firstFound.elapsedMs)} into the campaign` : ''}`] : []),
    `- seen ${formatCount(f.count)}×; shrunk run: ${f.preemptions} preemption${f.preemptions === 1 ? '' : 's'}, ${f.entry.decisions.length} decisions`,
    `- ${minimalityText(f.entry.finding.minimal, f.preemptions)}`,
    `- signature \`${f.signature.replace(/`/g, "'")}\``,
    `- replay: \`${replayCommand(repro)}\``,
    `- artefacts: \`${path.join(outDir, f.dir)}/\` (trace.txt, trace.json for Perfetto, finding.html)`, '',
  ];
}
