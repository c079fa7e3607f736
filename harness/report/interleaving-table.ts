import { findingText } from './report-format';
import { PREEMPTION_NOTE } from '../strategy/preemption-cost';
import type { ExecutionOutcome, TraceEntry } from '../runtime/outcome';

/** Table width the columns share (each gets at least MIN_COLUMN); longer cells are cut with an ellipsis. */
const TABLE_WIDTH = 180;
const MIN_COLUMN = 40;

/** The preemption note of an async target's run (async-execution.ts counts preemptions this way). */
const ASYNC_PREEMPTION_NOTE = 'preemptions = events the strategy chose instead of the next step of the task that ran last, while that task could have continued (the fair continuation counts none)';

/** Rows of the table before the middle is elided (hang reports run thousands of steps). */
export const DEFAULT_MAX_ROWS = 400;

/** Pseudo column of separator rows (the start of the fair continuation). */
const SEPARATOR = -1;

/** Options of `formatInterleaving`. */
export interface InterleavingOptions {
  /** Show at most this many rows: the first and last halves, with a marker in between. Default 400. */
  readonly maxRows?: number;
}

/** Ops whose value is what was written (shown `op cell = v`); the others show `op cell -> v`. */
const WRITES = new Set(['writeOnce', 'store', 'smp_store_release', 'smp_store_mb', 'spin_unlock', 'flush']);

/** Text of one trace row inside its thread's column. */
export function traceCellText(r: TraceEntry): string {
  let s = r.op;
  if (r.cell !== undefined) s += ` ${r.cell}`;
  if (r.value !== undefined) s += r.cell === undefined ? `: ${r.value}` : WRITES.has(r.op) ? ` = ${r.value}` : ` -> ${r.value}`;
  return s;
}

function fit(s: string, w: number): string {
  if (s.length > w) return `${s.slice(0, w - 1)}…`;
  return s.padEnd(w);
}

/**
 * The interleaving of an execution as a table in the manner of Lincheck: one row per trace
 * entry, one column per thread (cpu0..cpuN). Store-buffer flushes and IPI deliveries appear in
 * the column of the cpu concerned. A thread's program point (t.at) gets a line `@ point` in its
 * column whenever it changes; a separator marks where the strategy's prefix ended and the fair
 * continuation began. Long tables keep their first and last `maxRows / 2` rows.
 * A header gives verdict, steps, preemptions and the decision log; for findings the report of
 * `formatFinding` follows the table.
 */
export function formatInterleaving(outcome: ExecutionOutcome, options: InterleavingOptions = {}): string {
  const maxRows = options.maxRows ?? DEFAULT_MAX_ROWS;
  const names = outcome.threadNames;
  // an async execution (it has an event trace) switches between tasks, not spinning threads
  const lines: string[] = [header(outcome), `(${outcome.events !== undefined ? ASYNC_PREEMPTION_NOTE : PREEMPTION_NOTE})`];
  const trace = outcome.trace;
  if (trace === undefined) {
    lines.push('(no trace recorded: run again with recordTrace / --trace to see the interleaving)');
  } else if (names.length > 0) {
    const lastLoc: (string | undefined)[] = names.map(() => undefined);
    const cells: { step: number; col: number; text: string }[] = [];
    for (const r of trace) {
      if (r.op === 'fair') {
        cells.push({ step: -1, col: SEPARATOR, text: `--- ${r.value ?? 'fair continuation'} ---` });
        continue;
      }
      const col = r.thread >= 0 && r.thread < names.length ? r.thread : 0;
      if (r.location !== undefined && r.location !== lastLoc[col]) {
        // a program point gets its own line so that the operation text stays short
        cells.push({ step: -1, col, text: `@ ${r.location}` });
        lastLoc[col] = r.location;
      }
      cells.push({ step: r.step, col, text: traceCellText(r) });
    }
    const maxColumn = Math.max(MIN_COLUMN, Math.floor(TABLE_WIDTH / names.length));
    const widths = names.map((n, i) => Math.min(maxColumn, Math.max(n.length, ...cells.filter((c) => c.col === i).map((c) => c.text.length), 4)));
    const stepW = Math.max(4, String(outcome.steps).length);
    lines.push(`${'step'.padStart(stepW)} | ${names.map((n, i) => fit(n, widths[i])).join(' | ')}`.trimEnd());
    lines.push(`${'-'.repeat(stepW)}-+-${widths.map((w) => '-'.repeat(w)).join('-+-')}`);
    let prevStep = -1;
    const keepHead = Math.ceil(maxRows / 2);
    const keepTail = Math.floor(maxRows / 2);
    const omitted = cells.length > maxRows ? cells.length - keepHead - keepTail : 0;
    for (let i = 0; i < cells.length; i++) {
      const c = cells[i];
      if (omitted > 0 && i >= keepHead && i < cells.length - keepTail) {
        if (i === keepHead) lines.push(`${''.padStart(stepW)} | ... ${omitted} rows omitted ...`);
        continue;
      }
      if (c.col === SEPARATOR) {
        lines.push(`${''.padStart(stepW)} | ${c.text}`);
        continue;
      }
      const stepText = c.step < 0 || c.step === prevStep ? '' : String(c.step);
      if (c.step >= 0) prevStep = c.step;
      const row = names.map((_, i) => fit(i === c.col ? c.text : '', widths[i]));
      lines.push(`${stepText.padStart(stepW)} | ${row.join(' | ')}`.trimEnd());
    }
  }
  if (outcome.finding !== undefined) {
    lines.push('');
    lines.push(formatFinding(outcome));
  }
  return `${lines.join('\n')}\n`;
}

function header(o: ExecutionOutcome): string {
  const d = o.decisions.length > 40 ? `${o.decisions.slice(0, 40).join(',')},… (${o.decisions.length})` : o.decisions.join(',');
  return `verdict ${o.verdict} | ${o.steps} steps | ${o.preemptions} preemptions | decisions [${d}]`;
}

/** The finding of an outcome as text: message, thread, locations, stuck threads, details, stack. */
export function formatFinding(outcome: ExecutionOutcome): string {
  const f = outcome.finding;
  if (f === undefined) return `${outcome.verdict}: no finding`;
  const names = outcome.threadNames;
  const text = findingText(f.kind, f.message);
  const lines = [`${f.kind.toUpperCase()}${text.slice(f.kind.length)}`];
  if (f.thread !== undefined) lines.push(`  thread: ${names[f.thread] ?? `t${f.thread}`}`);
  if (f.locations.length > 0) lines.push(`  at: ${f.locations.join(', ')}`);
  if (f.stuck !== undefined && f.stuck.length > 0) {
    lines.push('  stuck threads:');
    const nw = Math.max(...f.stuck.map((s) => s.name.length));
    for (const s of f.stuck) lines.push(`    ${s.name.padEnd(nw)}  ${s.state} at ${s.location}: waiting for ${s.waitingFor}`);
  }
  if (f.details !== undefined && f.details.length > 0) {
    lines.push('  state:');
    for (const d of f.details) lines.push(`    ${d}`);
  }
  if (f.stack !== undefined) {
    lines.push('  stack:');
    for (const l of f.stack.split('\n').slice(0, 12)) lines.push(`    ${l.trim()}`);
  }
  return lines.join('\n');
}
