/**
 * JUnit XML from neutral test cases: a case is one cell (target/variant/memory) and means
 * "this cell behaved as expected" (cell-verdict.ts). Campaign reports (junit-xml.ts) and
 * `lockstep run` results (run-reporters.ts) both render through here.
 */
import type { CellVerdict } from './cell-verdict';
import { escapeXml } from './report-format';

/** One finding a case carries. */
export interface JunitFinding {
  readonly kind: string;
  readonly message: string;
  /** `x3 (2 preemptions)`-style detail after the kind, when known. */
  readonly detail?: string;
  readonly signature?: string;
  /** The command that replays it. */
  readonly replay: string;
}

/** One test case. */
export interface JunitCase {
  /** Suite = target. */
  readonly suite: string;
  /** `variant [memory]`. */
  readonly name: string;
  readonly timeMs: number;
  readonly verdict: CellVerdict;
  readonly findings: readonly JunitFinding[];
  /** Statistics line(s) for <system-out>. */
  readonly stats: string;
  readonly residualRisk?: string;
}

/** Options of `renderJunit`. */
export interface JunitOptions {
  /** <testsuites time>: the wall time when known, else the summed case times. */
  readonly totalMs?: number;
  /** Properties of every suite (campaign seed, shard). */
  readonly properties?: readonly (readonly [string, string])[];
}

/** Render `cases` (in order; suites in order of first appearance). */
export function renderJunit(cases: readonly JunitCase[], o: JunitOptions = {}): string {
  const sec = (ms: number): string => (ms / 1000).toFixed(3);
  const failures = (list: readonly JunitCase[]): number => list.filter((c) => !c.verdict.pass).length;
  const skipped = (list: readonly JunitCase[]): number => list.filter((c) => c.verdict.outcome === 'undecided').length;
  const suites = new Map<string, JunitCase[]>();
  for (const c of cases) suites.set(c.suite, [...(suites.get(c.suite) ?? []), c]);
  const total = o.totalMs ?? cases.reduce((n, c) => n + c.timeMs, 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  out.push(`<testsuites name="lockstep" tests="${cases.length}" failures="${failures(cases)}" errors="0" skipped="${skipped(cases)}" time="${sec(total)}">`);
  for (const [suite, list] of suites) {
    out.push(`  <testsuite name="${escapeXml(suite)}" tests="${list.length}" failures="${failures(list)}" errors="0" skipped="${skipped(list)}" time="${sec(list.reduce((n, c) => n + c.timeMs, 0))}">`);
    if (o.properties && o.properties.length > 0) {
      out.push('    <properties>');
      for (const [k, v] of o.properties) out.push(`      <property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`);
      out.push('    </properties>');
    }
    for (const c of list) out.push(...testCase(c));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function testCase(c: JunitCase): string[] {
  const v = c.verdict;
  const out = [`    <testcase classname="lockstep.${escapeXml(c.suite)}" name="${escapeXml(c.name)}" time="${(c.timeMs / 1000).toFixed(3)}">`];
  const body = c.findings.map((f) => `${f.kind}${f.detail ? ` ${f.detail}` : ''}: ${f.message}${f.signature ? `\n  signature ${f.signature}` : ''}\n  replay: ${f.replay}`).join('\n');
  if (v.outcome === 'unexpected-finding') {
    out.push(`      <failure type="unexpected-finding" message="${escapeXml(`${v.message}; replay: ${c.findings[0]?.replay ?? '(none)'}`)}">${escapeXml(body)}</failure>`);
  } else if (v.outcome === 'missed-expectation') {
    out.push(`      <failure type="missed-expectation" message="${escapeXml(v.message)}">${escapeXml(c.residualRisk ? `residual risk: ${c.residualRisk}` : '')}</failure>`);
  } else if (v.outcome === 'undecided') {
    out.push(`      <skipped message="${escapeXml(v.message)}"/>`);
  }
  const lines = [v.message, c.stats];
  if (v.outcome === 'expected-bug-found') lines.push(body);
  if (c.residualRisk && v.outcome !== 'missed-expectation') lines.push(`residual risk: ${c.residualRisk}`);
  out.push(`      <system-out>${escapeXml(lines.join('\n'))}</system-out>`);
  out.push('    </testcase>');
  return out;
}
