import * as path from 'node:path';
import { cellVerdict, partialReason } from '../report/cell-verdict';
import { replayCommand } from '../report/report-format';
import type { SessionResult } from './campaign-session';
import { minimalityWord } from '../report/minimality-text';
import { PREEMPTION_NOTE } from '../strategy/preemption-cost';

/** Findings listed in full on stdout (the rest are in summary.md and report.json). */
const MAX_LISTED = 30;

/** Where things went, for the summary. */
export interface SummaryPaths {
  readonly outDir: string;
  readonly corpusDir: string;
  /** Wall time to print when the report has none (it has one when the session measured it). */
  readonly elapsedMs: number;
}

/**
 * The text `lockstep fuzz` prints on stdout: one line per cell (executions, coverage,
 * findings), each distinct finding with its count, preemptions and replay command, the
 * residual risk of clean cells, and where the report and corpus entries went.
 */
export function formatFuzzSummary(s: SessionResult, p: SummaryPaths): string {
  const { report } = s.built;
  const lines: string[] = [];
  const cov = new Map(s.result.cells.map((c) => [`${c.task.target}:${c.task.variant}@${c.task.memory}`, c.coverage.size]));
  const width = Math.max(10, ...report.cells.map((c) => `${c.target}:${c.variant}@${c.memory}`.length));
  const partial = partialReason(report);
  const missed: string[] = [];
  const unexpected: string[] = [];
  lines.push(`${'cell'.padEnd(width)}  ${'executions'.padStart(10)}  ${'coverage'.padStart(8)}  findings`);
  for (const c of report.cells) {
    const name = `${c.target}:${c.variant}@${c.memory}`;
    const found = c.findings.length === 0 ? 'none' : c.findings.map((f) => `${f.kind} x${f.count}`).join(', ');
    // flag a cell whose result disagrees with the variant's declared expectation
    const v = cellVerdict(c, partial);
    if (v.outcome === 'missed-expectation') missed.push(name);
    if (v.outcome === 'unexpected-finding') unexpected.push(name);
    const flag = v.outcome === 'missed-expectation' ? ', MISSED' : v.outcome === 'unexpected-finding' ? ', UNEXPECTED' : '';
    const expect = c.expected ? ` (expected: ${c.expected}${flag})` : flag ? ` (${flag.slice(2)})` : '';
    lines.push(`${name.padEnd(width)}  ${String(c.executions).padStart(10)}  ${String(cov.get(name) ?? 0).padStart(8)}  ${found}${expect}`);
  }
  const executions = report.cells.reduce((n, c) => n + c.executions, 0);
  const secs = (report.elapsedMs ?? p.elapsedMs) / 1000;
  lines.push('', `${executions} executions in ${secs.toFixed(1)}s (${secs > 0 ? Math.round(executions / secs) : 0}/s), seed ${report.campaignSeed}${report.interrupted ? ', INTERRUPTED (partial report)' : ''}`);
  lines.push('coverage signal: distinct (thread, program point) pairs reached per cell');
  if (report.findings.length > 0) {
    lines.push('', `${report.findings.length} distinct finding${report.findings.length === 1 ? '' : 's'} (one per root cause):`);
    lines.push(`(${PREEMPTION_NOTE})`);
    const shown = report.findings.slice(0, MAX_LISTED);
    for (const f of shown) {
      const word = minimalityWord(f.entry.finding.minimal, f.preemptions);
      lines.push(`  ${f.target}:${f.variant}@${f.memory}  ${f.kind} x${f.count}, shrunk run: ${f.preemptions} preemption${f.preemptions === 1 ? '' : 's'}${word ? ` (${word})` : ''}, ${f.entry.workload.ops.length} threads`);
      lines.push(`    ${f.message}`);
      if (f.firstFound !== undefined) lines.push(`    first found after ${f.firstFound.executions} executions of its cell${f.firstFound.elapsedMs !== undefined ? `, ${(f.firstFound.elapsedMs / 1000).toFixed(1)}s into the campaign` : ''}`);
      lines.push(`    ${replayCommand(path.join(p.outDir, f.dir, 'repro.json'))}`);
    }
    if (report.findings.length > shown.length) lines.push(`  ... and ${report.findings.length - shown.length} more: see summary.md`);
  } else {
    lines.push('', 'no findings.');
  }
  const risky = report.cells.filter((c) => c.residualRisk);
  if (risky.length > 0 && risky.length <= 12) {
    lines.push('', 'residual risk of clean cells:');
    for (const c of risky) lines.push(`  ${c.target}:${c.variant}@${c.memory}: ${c.residualRisk}`);
  } else if (risky.length > 12) {
    lines.push('', `residual risk of the ${risky.length} clean cells: see summary.md`);
  }
  const good = report.cells.length - missed.length - unexpected.length;
  lines.push('', `expectations: ${good} of ${report.cells.length} cells as expected${missed.length > 0 ? `; MISSED (expected bug not found): ${missed.join(', ')}` : ''}${unexpected.length > 0 ? `; UNEXPECTED findings: ${unexpected.join(', ')}` : ''}`);
  if (s.written) lines.push('', `report: ${path.join(p.outDir, 'summary.md')} (report.json, junit.xml, index.html, findings/)`);
  if (s.saved.length > 0) lines.push(`corpus: ${s.saved.length} new entr${s.saved.length === 1 ? 'y' : 'ies'} in ${p.corpusDir}`);
  return `${lines.join('\n')}\n`;
}
