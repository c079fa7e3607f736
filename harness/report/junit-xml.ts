/**
 * junit.xml of a campaign: one test suite per target, one test case per
 * target/variant/memory model, and a test case means "this cell behaved as expected"
 * (cell-verdict.ts): an unexpected finding or a missed expectation is a <failure>, an expected
 * bug that was found passes and carries the finding and its replay command in <system-out>, and
 * a missed expectation that only the whole campaign can judge (one shard) is <skipped>.
 */
import * as path from 'node:path';
import type { CampaignReport, ReportedFinding } from './campaign-report';
import { cellVerdict, partialReason } from './cell-verdict';
import { renderJunit, type JunitCase } from './junit-cases';
import { formatCount, formatKinds, replayCommand } from './report-format';

/** Render `report` as JUnit XML; `outDir` prefixes the replay paths. */
export function renderJunitXml(report: CampaignReport, outDir: string): string {
  return renderJunit(campaignJunitCases(report, outDir), {
    totalMs: report.elapsedMs ?? report.cells.reduce((n, c) => n + c.timeMs, 0),
    properties: [['campaignSeed', String(report.campaignSeed)], ['shard', `${report.shard.indices.join(',')}/${report.shard.count}`]],
  });
}

/** The test cases of a campaign report, one per cell. */
export function campaignJunitCases(report: CampaignReport, outDir: string): JunitCase[] {
  const byKey = new Map<string, ReportedFinding>();
  for (const f of report.findings) byKey.set(findingKey(f.target, f.variant, f.memory, f.signature), f);
  const partial = partialReason(report);
  return report.cells.map((c) => ({
    suite: c.target,
    name: `${c.variant} [${c.memory}]`,
    timeMs: c.timeMs,
    verdict: cellVerdict(c, partial),
    findings: c.findings.map((cf) => {
      const rf = byKey.get(findingKey(c.target, c.variant, c.memory, cf.signature));
      return {
        kind: cf.kind, message: cf.message, signature: cf.signature,
        detail: `x${cf.count} (${cf.preemptions} preemption${cf.preemptions === 1 ? '' : 's'})`,
        replay: rf ? replayCommand(path.join(outDir, rf.dir, 'repro.json')) : '(no corpus entry)',
      };
    }),
    stats: `executions ${formatCount(c.executions)}, steps ${formatCount(c.steps)}, inconclusive ${formatCount(c.inconclusive)}, findings ${formatKinds(c.findingsByKind)}`,
    ...(c.residualRisk ? { residualRisk: c.residualRisk } : {}),
  }));
}

function findingKey(target: string, variant: string, memory: string, signature: string): string {
  return JSON.stringify([target, variant, memory, signature]);
}
