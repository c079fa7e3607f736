/**
 * junit.xml of a campaign: one test suite per target, one test case per
 * target/variant/memory model, and a test case means "this cell behaved as expected"
 * (cell-verdict.ts): an unexpected finding or a missed expectation is a <failure>, an expected
 * bug that was found passes and carries the finding and its replay command in <system-out>, and
 * a missed expectation that only the whole campaign can judge (one shard) is <skipped>.
 */
import * as path from 'node:path';
import type { CampaignReport, CellReport, ReportedFinding } from './campaign-report';
import { cellVerdict, partialReason, type CellVerdict } from './cell-verdict';
import { escapeXml, formatCount, formatKinds, replayCommand } from './report-format';

/** Render `report` as JUnit XML; `outDir` prefixes the replay paths. */
export function renderJunitXml(report: CampaignReport, outDir: string): string {
  const byKey = new Map<string, ReportedFinding>();
  for (const f of report.findings) byKey.set(findingKey(f.target, f.variant, f.memory, f.signature), f);
  const partial = partialReason(report);
  const judged = report.cells.map((c) => ({ c, v: cellVerdict(c, partial) }));
  const suites = new Map<string, typeof judged>();
  for (const j of judged) suites.set(j.c.target, [...(suites.get(j.c.target) ?? []), j]);
  const sec = (ms: number): string => (ms / 1000).toFixed(3);
  const count = (list: typeof judged, what: 'failures' | 'skipped'): number =>
    list.filter(({ v }) => (what === 'failures' ? !v.pass : v.outcome === 'undecided')).length;
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const totalMs = report.elapsedMs ?? report.cells.reduce((n, c) => n + c.timeMs, 0);
  out.push(`<testsuites name="lockstep" tests="${judged.length}" failures="${count(judged, 'failures')}" errors="0" skipped="${count(judged, 'skipped')}" time="${sec(totalMs)}">`);
  for (const [target, cells] of suites) {
    const ms = cells.reduce((n, { c }) => n + c.timeMs, 0);
    out.push(`  <testsuite name="${escapeXml(target)}" tests="${cells.length}" failures="${count(cells, 'failures')}" errors="0" skipped="${count(cells, 'skipped')}" time="${sec(ms)}">`);
    out.push('    <properties>');
    out.push(`      <property name="campaignSeed" value="${report.campaignSeed}"/>`);
    out.push(`      <property name="shard" value="${escapeXml(`${report.shard.indices.join(',')}/${report.shard.count}`)}"/>`);
    out.push('    </properties>');
    for (const { c, v } of cells) out.push(...testCase(c, v, target, (sig) => byKey.get(findingKey(c.target, c.variant, c.memory, sig)), outDir));
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function testCase(c: CellReport, v: CellVerdict, target: string, finding: (signature: string) => ReportedFinding | undefined, outDir: string): string[] {
  const out: string[] = [];
  out.push(`    <testcase classname="lockstep.${escapeXml(target)}" name="${escapeXml(`${c.variant} [${c.memory}]`)}" time="${(c.timeMs / 1000).toFixed(3)}">`);
  const details = c.findings.map((cf) => {
    const rf = finding(cf.signature);
    return { cf, cmd: rf ? replayCommand(path.join(outDir, rf.dir, 'repro.json')) : '(no corpus entry)' };
  });
  const body = details.map(({ cf, cmd }) => `${cf.kind} x${cf.count} (${cf.preemptions} preemption${cf.preemptions === 1 ? '' : 's'}): ${cf.message}\n  signature ${cf.signature}\n  replay: ${cmd}`).join('\n');
  if (v.outcome === 'unexpected-finding') {
    out.push(`      <failure type="unexpected-finding" message="${escapeXml(`${v.message}; replay: ${details[0]!.cmd}`)}">${escapeXml(body)}</failure>`);
  } else if (v.outcome === 'missed-expectation') {
    out.push(`      <failure type="missed-expectation" message="${escapeXml(v.message)}">${escapeXml(c.residualRisk ? `residual risk: ${c.residualRisk}` : '')}</failure>`);
  } else if (v.outcome === 'undecided') {
    out.push(`      <skipped message="${escapeXml(v.message)}"/>`);
  }
  const stats = `executions ${formatCount(c.executions)}, steps ${formatCount(c.steps)}, inconclusive ${formatCount(c.inconclusive)}, findings ${formatKinds(c.findingsByKind)}`;
  const lines = [v.message, stats];
  if (v.outcome === 'expected-bug-found') lines.push(body);
  if (c.residualRisk && v.outcome !== 'missed-expectation') lines.push(`residual risk: ${c.residualRisk}`);
  out.push(`      <system-out>${escapeXml(lines.join('\n'))}</system-out>`);
  out.push('    </testcase>');
  return out;
}

function findingKey(target: string, variant: string, memory: string, signature: string): string {
  return JSON.stringify([target, variant, memory, signature]);
}
