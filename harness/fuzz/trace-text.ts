import type { ExecutionOutcome } from '../runtime/outcome';

/**
 * A plain interleaving table (one column per thread, Lincheck-style) for trace.txt and for
 * the regressions triage prints. Used until/unless report/interleaving-table.ts is available.
 */
export function traceText(outcome: ExecutionOutcome, maxRows = 400): string {
  const names = outcome.threadNames;
  const trace = outcome.trace ?? [];
  if (trace.length === 0) return '(no trace recorded)';
  const width = 30;
  const pad = (s: string): string => (s.length > width ? `${s.slice(0, width - 1)}…` : s.padEnd(width));
  const lines = [`${'step'.padStart(5)} | ${names.map(pad).join(' | ')}`];
  lines.push(`${'-'.repeat(5)}-+-${names.map(() => '-'.repeat(width)).join('-+-')}`);
  for (const e of trace.slice(0, maxRows)) {
    const cellText = [e.op, e.cell, e.value === undefined ? undefined : `= ${e.value}`, e.location ? `@${e.location}` : undefined].filter(Boolean).join(' ');
    const cols = names.map((_, i) => (i === e.thread ? pad(cellText) : ' '.repeat(width)));
    lines.push(`${String(e.step).padStart(5)} | ${cols.join(' | ')}`);
  }
  if (trace.length > maxRows) lines.push(`... ${trace.length - maxRows} more steps`);
  if (outcome.finding) lines.push('', `${outcome.finding.kind}: ${outcome.finding.message}`, ...(outcome.finding.details ?? []));
  lines.push('', `preemptions: ${outcome.preemptions}, decisions: ${outcome.decisions.length}`);
  return lines.join('\n');
}
