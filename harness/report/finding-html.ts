/**
 * The self-contained HTML page of one finding: what was found, the replay command, stuck
 * threads, the interleaving with one column per thread (Lincheck-style), the history
 * timeline (operations as bars per thread, Porcupine-style) and the checker's explanation
 * when the history is not linearizable. No external resource: it opens from a CI artefact.
 */
import { formatWorkload } from '../target/workload-args';
import type { CheckResult } from '../checker/checker-api';
import type { CorpusEntry } from '../corpus/corpus-entry';
import type { ExecutionOutcome, TraceEntry } from '../runtime/outcome';
import { FINDING_CSS, FINDING_SCRIPT } from './finding-html-assets';
import { escapeXml as esc } from './report-format';
import { traceSentence } from './trace-sentence';
import { minimalityText } from './minimality-text';

/** What the page shows. */
export interface FindingPageInput {
  readonly entry: CorpusEntry;
  /** The replayed execution (with trace). */
  readonly outcome: ExecutionOutcome;
  /** Linearizability check of `outcome.history`, when the target has a spec. */
  readonly check?: CheckResult;
  readonly replayCommand: string;
}

/** Render the page. */
export function renderFindingHtml(input: FindingPageInput): string {
  const { entry, outcome } = input;
  const finding = outcome.finding;
  const title = `${entry.finding.kind} in ${entry.target}:${entry.variant} (${entry.memory})`;
  const parts: string[] = [];
  parts.push('<!DOCTYPE html>', '<html lang="en"><head><meta charset="utf-8">', `<title>${esc(title)}</title>`, `<style>${FINDING_CSS}</style></head><body>`);
  parts.push(`<h1>${esc(title)}</h1>`);
  parts.push(`<p id="message">${esc(finding?.message ?? entry.finding.message)}</p>`);
  parts.push('<ul>');
  parts.push(`<li>signature <code>${esc(entry.finding.signature)}</code></li>`);
  parts.push(`<li>${outcome.steps} steps, ${outcome.preemptions} preemptions, ${entry.decisions.length} decisions; workload <code>${esc(formatWorkload(entry.workload))}</code></li>`);
  parts.push(`<li id="minimality">${esc(minimalityText(entry.finding.minimal, entry.finding.preemptions))}</li>`);
  parts.push(`<li>found by <code>${esc(entry.source.strategy)}</code> seed <code>${entry.source.seed}</code>; lockstep ${esc(entry.harnessVersion)}, ${esc(entry.date)}</li>`);
  parts.push('</ul>');
  parts.push(`<pre class="cmd">${esc(input.replayCommand)}</pre>`);
  if (finding?.stuck && finding.stuck.length > 0) {
    parts.push('<h2>Stuck threads</h2><table><tr><th>thread</th><th>state</th><th>at</th><th>waiting for</th></tr>');
    for (const s of finding.stuck) parts.push(`<tr><td>${esc(s.name)}</td><td>${esc(s.state)}</td><td><code>${esc(s.location)}</code></td><td>${esc(s.waitingFor)}</td></tr>`);
    parts.push('</table>');
  }
  if (finding?.details && finding.details.length > 0) parts.push(`<h2>State</h2><pre>${esc(finding.details.join('\n'))}</pre>`);
  if (finding?.stack) parts.push(`<h2>Stack</h2><pre>${esc(finding.stack)}</pre>`);
  const expl = input.check?.explanation;
  if (expl) {
    parts.push('<h2>Checker explanation</h2><div class="explain" id="explanation">');
    if (expl.partition !== undefined) parts.push(`<p>partition <code>${esc(expl.partition)}</code></p>`);
    parts.push(`<p>${esc(expl.reason)}</p>`);
    parts.push(`<p>longest linearizable prefix: ${esc(expl.longestPrefix.map((i) => `#${i}`).join(' → ') || '(empty)')}; cannot be placed next: ${esc(expl.stuck.map((i) => `#${i}`).join(', '))}</p></div>`);
  }
  parts.push('<h2>History timeline</h2><div id="timeline"></div>');
  parts.push(`<script type="application/json" id="history-data">${jsonForScript(timelineData(outcome, input.check))}</script>`);
  parts.push('<h2>Interleaving</h2>');
  parts.push(interleavingTable(outcome.trace ?? [], outcome.threadNames));
  parts.push(`<script>${FINDING_SCRIPT}</script>`, '</body></html>', '');
  return parts.join('\n');
}

function interleavingTable(trace: readonly TraceEntry[], names: readonly string[]): string {
  if (trace.length === 0) return '<p>(no trace recorded)</p>';
  const threads = Math.max(names.length, ...trace.map((e) => e.thread + 1));
  const rows: string[] = ['<table id="interleaving"><tr><th>step</th>'];
  for (let i = 0; i < threads; i++) rows.push(`<th>${esc(names[i] ?? `t${i}`)}</th>`);
  rows.push('</tr>');
  const lastStep = trace.reduce((i, e, j) => (e.op === 'fair' ? i : j), -1);
  trace.forEach((e, idx) => {
    const sentence = traceSentence(e);
    if (sentence.note) {
      rows.push(`<tr class="note"><td class="step"></td><td colspan="${threads}">${esc(sentence.text)}</td></tr>`);
      return;
    }
    const cellText = `${esc(sentence.text)}${e.location !== undefined ? ` <span class="loc">at ${esc(e.location)}</span>` : ''}`;
    const cls = idx === lastStep ? 'step last' : 'step';
    const tds: string[] = [];
    for (let i = 0; i < threads; i++) tds.push(i === e.thread ? `<td class="op ${esc(e.op)}">${cellText}</td>` : '<td></td>');
    rows.push(`<tr class="${cls}" data-step="${e.step}"><td class="step">${e.step}</td>${tds.join('')}</tr>`);
  });
  rows.push('</table>');
  return rows.join('\n');
}

function timelineData(outcome: ExecutionOutcome, check?: CheckResult): unknown {
  const ops = outcome.history.map((o) => ({
    id: o.id,
    process: o.process,
    f: o.f,
    call: o.call,
    ret: o.ret ?? null,
    label: `${o.f}(${o.input === undefined ? '' : JSON.stringify(o.input)})${o.ret === undefined ? ' pending' : ` -> ${JSON.stringify(o.output) ?? ''}`}`,
  }));
  const end = Math.max(outcome.steps, 1, ...outcome.history.map((o) => (o.ret ?? o.call) + 1));
  return { ops, end, names: outcome.threadNames, prefix: check?.explanation?.longestPrefix ?? [], stuck: check?.explanation?.stuck ?? [] };
}

/** JSON safe inside a <script> element (no `</script>` or `<!--` can close it). */
function jsonForScript(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}
