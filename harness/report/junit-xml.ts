/**
 * junit.xml of a campaign: one test suite per target, one test case per
 * target/variant/memory model; a case with findings fails, and the failure message holds the
 * replay command so a CI test view leads straight to the interleaving.
 */
import * as path from 'node:path';
import type { CampaignReport, CellReport, ReportedFinding } from './campaign-report';
import { escapeXml, formatCount, formatKinds, replayCommand } from './report-format';

/** Render `report` as JUnit XML; `outDir` prefixes the replay paths. */
export function renderJunitXml(report: CampaignReport, outDir: string): string {
  const byKey = new Map<string, ReportedFinding>();
  for (const f of report.findings) byKey.set(findingKey(f.target, f.variant, f.memory, f.signature), f);
  const suites = new Map<string, CellReport[]>();
  for (const c of report.cells) suites.set(c.target, [...(suites.get(c.target) ?? []), c]);
  const sec = (ms: number): string => (ms / 1000).toFixed(3);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const failures = report.cells.filter((c) => c.findings.length > 0).length;
  const totalMs = report.cells.reduce((n, c) => n + c.timeMs, 0);
  out.push(`<testsuites name="lockstep" tests="${report.cells.length}" failures="${failures}" errors="0" time="${sec(totalMs)}">`);
  for (const [target, cells] of suites) {
    const f = cells.filter((c) => c.findings.length > 0).length;
    const ms = cells.reduce((n, c) => n + c.timeMs, 0);
    out.push(`  <testsuite name="${escapeXml(target)}" tests="${cells.length}" failures="${f}" errors="0" skipped="0" time="${sec(ms)}">`);
    out.push('    <properties>');
    out.push(`      <property name="campaignSeed" value="${report.campaignSeed}"/>`);
    out.push(`      <property name="shard" value="${escapeXml(`${report.shard.indices.join(',')}/${report.shard.count}`)}"/>`);
    out.push('    </properties>');
    for (const c of cells) {
      out.push(`    <testcase classname="lockstep.${escapeXml(target)}" name="${escapeXml(`${c.variant} [${c.memory}]`)}" time="${sec(c.timeMs)}">`);
      if (c.findings.length > 0) {
        const details = c.findings.map((cf) => {
          const rf = byKey.get(findingKey(c.target, c.variant, c.memory, cf.signature));
          const cmd = rf ? replayCommand(path.join(outDir, rf.dir, 'repro.json')) : '(no corpus entry)';
          return { cf, cmd };
        });
        const first = details[0]!;
        const msg = `${first.cf.kind}: ${first.cf.message} (seen ${first.cf.count}x${c.findings.length > 1 ? `, +${c.findings.length - 1} more` : ''}); replay: ${first.cmd}`;
        const body = details.map(({ cf, cmd }) => `${cf.kind} x${cf.count} (${cf.preemptions} preemptions): ${cf.message}\n  signature ${cf.signature}\n  ${cmd}`).join('\n');
        out.push(`      <failure type="${escapeXml(first.cf.kind)}" message="${escapeXml(msg)}">${escapeXml(body)}</failure>`);
      }
      out.push(`      <system-out>${escapeXml(`executions ${formatCount(c.executions)}, steps ${formatCount(c.steps)}, inconclusive ${formatCount(c.inconclusive)}, findings ${formatKinds(c.findingsByKind)}${c.residualRisk ? `\nresidual risk: ${c.residualRisk}` : ''}`)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>', '');
  return out.join('\n');
}

function findingKey(target: string, variant: string, memory: string, signature: string): string {
  return JSON.stringify([target, variant, memory, signature]);
}
