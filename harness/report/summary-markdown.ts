/**
 * summary.md of a campaign: one table per target (executions, findings by kind, time,
 * residual risk), then each deduplicated finding with its count and replay command. Also
 * what gets appended to GITHUB_STEP_SUMMARY.
 */
import * as path from 'node:path';
import type { CampaignReport, CellReport } from './campaign-report';
import { missingShards, shardText } from './missing-shards';
import { escapeMdCell, formatCount, formatDuration, formatKinds, replayCommand } from './report-format';

/** Options of `renderSummaryMarkdown`. */
export interface SummaryOptions {
  /** Directory the report is written to, as the user gave it (prefix of replay paths). */
  readonly outDir: string;
}

/** Render the markdown summary of `report`. */
export function renderSummaryMarkdown(report: CampaignReport, options: SummaryOptions): string {
  const lines: string[] = [];
  const unique = report.findings.length;
  const total = report.cells.reduce((n, c) => n + c.executions, 0);
  const time = report.cells.reduce((n, c) => n + c.timeMs, 0);
  lines.push('# lockstep campaign report', '');
  const missing = missingShards(report.shard);
  const shard = report.shard.count > 1 ? ` · ${shardText(report.shard)}${missing.length > 0 && report.shard.indices.length > 1 ? ` (**missing: ${missing.join(', ')}**)` : ''}` : '';
  lines.push(`Campaign seed \`${report.campaignSeed}\`${shard} · lockstep ${report.harnessVersion} · ${report.date}${report.interrupted ? ' · **interrupted (partial report)**' : ''}`, '');
  lines.push(
    unique === 0
      ? `**No findings** in ${formatCount(total)} executions (${formatDuration(time)}).`
      : `**${unique} unique finding${unique === 1 ? '' : 's'}** in ${formatCount(total)} executions (${formatDuration(time)}).`,
    '',
  );
  const byTarget = new Map<string, CellReport[]>();
  for (const c of report.cells) byTarget.set(c.target, [...(byTarget.get(c.target) ?? []), c]);
  for (const [target, cells] of byTarget) {
    lines.push(`## ${target}`, '');
    lines.push('| variant | memory | executions | steps | time | findings by kind | unique | expected | residual risk |');
    lines.push('|---|---|--:|--:|--:|---|--:|---|---|');
    for (const c of cells) {
      lines.push(
        `| ${escapeMdCell(c.variant)} | ${c.memory} | ${formatCount(c.executions)} | ${formatCount(c.steps)} | ${formatDuration(c.timeMs)} | ${formatKinds(c.findingsByKind)} | ${c.findings.length} | ${escapeMdCell(c.expected ?? '')} | ${escapeMdCell(c.residualRisk ?? (c.findings.length > 0 ? '' : 'no bound'))} |`,
      );
    }
    lines.push('');
  }
  if (unique > 0) {
    lines.push('## Findings', '');
    for (const f of report.findings) {
      const repro = path.join(options.outDir, f.dir, 'repro.json');
      lines.push(`### ${f.kind} in ${f.target}:${f.variant} (${f.memory})`, '');
      lines.push(`- ${escapeMdCell(f.message)}`);
      lines.push(`- seen ${formatCount(f.count)}×; minimal run: ${f.preemptions} preemption${f.preemptions === 1 ? '' : 's'}, ${f.entry.decisions.length} decisions`);
      lines.push(`- signature \`${f.signature.replace(/`/g, "'")}\``);
      lines.push(`- replay: \`${replayCommand(repro)}\``);
      lines.push(`- artefacts: \`${path.join(options.outDir, f.dir)}/\` (trace.txt, trace.json for Perfetto, finding.html)`, '');
    }
  }
  return lines.join('\n');
}
