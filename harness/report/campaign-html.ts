/**
 * The HTML page of a campaign (index.html of a report directory, `--reporter html`): the same
 * order as summary.md (missed expectations, then unexpected findings, then every cell and the
 * expected findings), each finding linked to its finding.html and trace.json, with its replay
 * command. Self-contained (inline CSS, no script), so it opens from a CI artefact.
 */
import * as path from 'node:path';
import type { CampaignReport, ReportedFinding } from './campaign-report';
import { campaignOverview, cellName, type JudgedCell } from './campaign-overview';
import { CAMPAIGN_HTML_CSS } from './campaign-html-assets';
import { missingShards, shardText } from './missing-shards';
import { escapeXml as esc, formatCount, formatDuration, formatKinds, replayCommand } from './report-format';
import { minimalityWord } from './minimality-text';

/** Where the page and the report files are. */
export interface CampaignHtmlOptions {
  /** The report directory (findings/ inside it), as the user gave it. */
  readonly outDir: string;
  /** Directory the page is written to (links are relative to it); default outDir. */
  readonly pageDir?: string;
  /** Whether a finding's folder has finding.html and trace.json (default: yes). */
  readonly hasPages?: (f: ReportedFinding) => boolean;
}

const VERDICT: Record<string, { label: string; cls: string }> = {
  'clean': { label: 'as expected', cls: 'pass' },
  'expected-bug-found': { label: 'as expected', cls: 'pass' },
  'unexpected-finding': { label: 'UNEXPECTED', cls: 'fail' },
  'missed-expectation': { label: 'MISSED', cls: 'fail' },
  'undecided': { label: 'undecided here', cls: 'undecided' },
};

/** Render the page. */
export function renderCampaignHtml(report: CampaignReport, o: CampaignHtmlOptions): string {
  const ov = campaignOverview(report);
  const pageDir = o.pageDir ?? o.outDir;
  const rel = (file: string): string => path.relative(pageDir, file).split(path.sep).join('/');
  const missing = missingShards(report.shard);
  const title = 'lockstep campaign report';
  const p: string[] = [];
  p.push('<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${title}</title>`, `<style>${CAMPAIGN_HTML_CSS}</style></head><body>`);
  p.push(`<h1>${title}</h1>`);
  const meta = [`campaign seed <code>${report.campaignSeed}</code>`];
  if (report.shard.count > 1) meta.push(`${esc(shardText(report.shard))}${missing.length > 0 && report.shard.indices.length > 1 ? ` <b class="fail">(missing: ${missing.join(', ')})</b>` : ''}`);
  meta.push(`lockstep ${esc(report.harnessVersion)}`, esc(report.date));
  if (report.interrupted) meta.push('<b class="fail">interrupted (partial report)</b>');
  p.push(`<p class="meta">${meta.join(' · ')}</p>`);
  const bad = ov.missed.length + ov.unexpectedCells.length;
  const time = report.elapsedMs !== undefined ? `${formatDuration(report.elapsedMs)} wall time` : `${formatDuration(ov.cellTimeMs)} summed over cells`;
  p.push(`<p id="headline" class="${bad > 0 ? 'fail' : 'pass'}">${bad > 0
    ? `${ov.missed.length} missed expectation${ov.missed.length === 1 ? '' : 's'}, ${ov.unexpected.length} unexpected finding${ov.unexpected.length === 1 ? '' : 's'}; ${ov.asExpected} of ${ov.cells.length} cells as expected`
    : `All ${ov.cells.length} cells as expected`}${ov.undecided.length > 0 ? `, ${ov.undecided.length} undecided on ${esc(ov.partial ?? 'this part')}` : ''}.
 ${report.findings.length} unique finding${report.findings.length === 1 ? '' : 's'} in ${formatCount(ov.executions)} executions (${time}).</p>`);

  if (ov.missed.length > 0) {
    p.push('<section id="missed"><h2>Missed expectations</h2><p>An expected bug that was not found: the search lost power, or the budget is too small.</p>');
    p.push('<table><tr><th>cell</th><th>expected</th><th>executions</th><th>residual risk</th></tr>');
    for (const { cell: c } of ov.missed) p.push(`<tr><td><code>${esc(cellName(c))}</code></td><td>${esc(c.expected ?? '')}</td><td class="num">${formatCount(c.executions)}</td><td>${esc(c.residualRisk ?? 'no bound')}</td></tr>`);
    p.push('</table></section>');
  }
  if (ov.unexpected.length > 0) {
    p.push('<section id="unexpected"><h2>Unexpected findings</h2>');
    p.push(findingTable(ov.unexpected, o, rel));
    p.push('</section>');
  }
  p.push('<section id="cells"><h2>All cells</h2>');
  p.push(cellTable(ov.cells));
  p.push('</section>');
  if (ov.expected.length > 0) {
    p.push('<section id="expected"><h2>Expected findings</h2>');
    p.push(findingTable(ov.expected, o, rel));
    p.push('</section>');
  }
  p.push('</body></html>', '');
  return p.join('\n');
}

function findingTable(findings: readonly ReportedFinding[], o: CampaignHtmlOptions, rel: (file: string) => string): string {
  const rows = ['<table class="findings"><tr><th>cell</th><th>finding</th><th>seen</th><th>shrunk run</th><th>pages</th></tr>'];
  for (const f of findings) {
    const dir = path.join(o.outDir, f.dir);
    const pages = (o.hasPages?.(f) ?? true)
      ? `<a href="${esc(rel(path.join(dir, 'finding.html')))}">interleaving</a> · <a href="${esc(rel(path.join(dir, 'trace.json')))}">trace.json</a>`
      : '(no trace)';
    rows.push(`<tr><td><code>${esc(cellName(f))}</code></td><td><b>${esc(f.kind)}</b>: ${esc(f.message)}<div class="cmd"><code>${esc(replayCommand(path.join(dir, 'repro.json')))}</code></div></td><td class="num">${formatCount(f.count)}×</td><td>${f.preemptions} preemption${f.preemptions === 1 ? '' : 's'}${minimalityWord(f.entry.finding.minimal, f.preemptions) !== undefined ? ` (${esc(minimalityWord(f.entry.finding.minimal, f.preemptions)!)})` : ''}, ${f.entry.workload.ops.length} thread${f.entry.workload.ops.length === 1 ? '' : 's'}</td><td>${pages}</td></tr>`);
  }
  rows.push('</table>');
  return rows.join('\n');
}

function cellTable(cells: readonly JudgedCell[]): string {
  const rows = ['<table class="cells"><tr><th>target</th><th>variant</th><th>memory</th><th>verdict</th><th>expected</th><th>findings by kind</th><th>executions</th><th>time</th><th>residual risk</th></tr>'];
  for (const { cell: c, verdict } of cells) {
    const v = VERDICT[verdict.outcome]!;
    rows.push(`<tr class="${v.cls}"><td>${esc(c.target)}</td><td>${esc(c.variant)}</td><td>${c.memory}</td><td><span class="badge ${v.cls}" title="${esc(verdict.message)}">${v.label}</span></td><td>${esc(c.expected ?? '')}</td><td>${esc(formatKinds(c.findingsByKind))}</td><td class="num">${formatCount(c.executions)}</td><td class="num">${formatDuration(c.timeMs)}</td><td class="risk">${esc(c.residualRisk ?? '')}</td></tr>`);
  }
  rows.push('</table>');
  return rows.join('\n');
}
