/**
 * The rule of issue 11 "JUnit and summaries": a test case means "this cell behaved as
 * expected". An unexpected finding or a missed expectation fails; an expected bug that was
 * found passes and carries the finding; summary.md puts missed expectations first, then
 * unexpected findings, then the rest, and gives the campaign's wall time.
 */
import type { CampaignReport, CellReport } from '../harness/report/campaign-report';
import { cellVerdict } from '../harness/report/cell-verdict';
import { renderJunitXml } from '../harness/report/junit-xml';
import { cellFinding, reportedFinding } from '../harness/report/reported-finding';
import { renderSummaryMarkdown } from '../harness/report/summary-markdown';
import { sampleEntry } from './corpus-fixture';
import { sampleReport } from './report-fixture';

/** Four cells: clean as expected, expected bug found, unexpected finding, missed expectation. */
function fourCells(shard: { indices: number[]; count: number }): CampaignReport {
  const base = sampleReport();
  const [clean, found] = base.cells as [CellReport, CellReport];
  const wrong = reportedFinding(sampleEntry({ variant: 'correct' }), 2);
  return {
    ...base,
    shard,
    elapsedMs: 48_500,
    cells: [
      clean,
      found,
      { ...found, variant: 'correct', expected: 'clean', findings: [cellFinding(wrong)], findingsByKind: { violation: 2 } },
      { ...clean, variant: 'lost-kick', expected: 'hang', executions: 500, residualRisk: 'a depth-2 bug is missed with probability <= 1%' },
    ],
    findings: [...base.findings, wrong],
  };
}

describe('cellVerdict', () => {
  it('passes clean and expected-bug cells, fails unexpected findings and missed expectations', () => {
    const f = [{ kind: 'hang', message: 'cpu1 halted forever' }];
    expect(cellVerdict({ expected: 'clean', executions: 10, findings: [] })).toMatchObject({ outcome: 'clean', pass: true });
    expect(cellVerdict({ expected: 'hang', executions: 10, findings: f })).toMatchObject({ outcome: 'expected-bug-found', pass: true, message: 'expected hang, found hang: cpu1 halted forever' });
    expect(cellVerdict({ expected: 'clean', executions: 10, findings: f })).toMatchObject({ outcome: 'unexpected-finding', pass: false, message: 'unexpected hang (expected clean): cpu1 halted forever' });
    expect(cellVerdict({ expected: 'hang', executions: 1234, findings: [] })).toEqual({
      outcome: 'missed-expectation', pass: false,
      message: 'expected a hang, nothing found in 1234 executions: the search lost power or the budget is too small',
    });
    // no expectation (a target variant unknown to the report): any finding fails
    expect(cellVerdict({ executions: 10, findings: f })).toMatchObject({ outcome: 'unexpected-finding', pass: false });
  });

  it('says so when an expected bug shows as another kind, and leaves one shard undecided', () => {
    const v = cellVerdict({ expected: 'hang', executions: 10, findings: [{ kind: 'violation', message: 'use after free' }] });
    expect(v).toMatchObject({ outcome: 'expected-bug-found', pass: true });
    expect(v.message).toMatch(/^expected hang, found violation \(not the expected kind hang/);
    expect(cellVerdict({ expected: 'deadlock', executions: 3, findings: [] }, 'shard 2 of 4')).toMatchObject({ outcome: 'undecided', pass: true, message: expect.stringMatching(/in 3 executions of shard 2 of 4: the report of the whole campaign decides/) });
  });
});

describe('junit.xml', () => {
  it('one test case per cell, failing exactly the unexpected finding and the missed expectation', () => {
    const xml = renderJunitXml(fourCells({ indices: [1], count: 1 }), 'out');
    expect(xml).toMatch(/<testsuites name="lockstep" tests="4" failures="2" errors="0" skipped="0" time="48.500">/);
    const cases = xml.split('<testcase ').slice(1);
    const byName = (n: string): string => cases.find((c) => c.includes(`name="${n} [tso]"`))!;
    expect(byName('fixed')).not.toMatch(/<failure|<skipped/);
    expect(byName('no-fence')).not.toMatch(/<failure|<skipped/);
    expect(byName('no-fence')).toMatch(/<system-out>expected violation, found violation: [^<]*replay: npx lockstep replay out\/findings\/ticket\/[0-9a-f]+\/repro.json/);
    expect(byName('correct')).toMatch(/<failure type="unexpected-finding" message="unexpected violation \(expected clean\): two threads in the critical section &lt;&amp;&gt;; replay: npx lockstep replay out\/findings\/ticket\/[0-9a-f]+\/repro.json">/);
    expect(byName('lost-kick')).toMatch(/<failure type="missed-expectation" message="expected a hang, nothing found in 500 executions: the search lost power or the budget is too small">residual risk: a depth-2 bug/);
  });

  it('on one shard of several, a missed expectation is skipped (the merged report decides); unexpected findings still fail', () => {
    const xml = renderJunitXml(fourCells({ indices: [2], count: 4 }), 'out');
    expect(xml).toMatch(/tests="4" failures="1" errors="0" skipped="1"/);
    expect(xml).toMatch(/<skipped message="expected a hang, nothing found in 500 executions of shard 2 of 4: the report of the whole campaign decides"\/>/);
    // all shards merged: the rule applies in full again
    expect(renderJunitXml(fourCells({ indices: [1, 2, 3, 4], count: 4 }), 'out')).toMatch(/failures="2" errors="0" skipped="0"/);
  });
});

describe('summary.md', () => {
  it('missed expectations first, then unexpected findings, then the rest; wall time in the headline', () => {
    const md = renderSummaryMarkdown(fourCells({ indices: [1], count: 1 }), { outDir: 'out' });
    const at = (s: string): number => {
      const i = md.indexOf(s);
      expect({ s, found: i >= 0 }).toEqual({ s, found: true });
      return i;
    };
    expect(at('## Missed expectations')).toBeLessThan(at('## Unexpected findings'));
    expect(at('## Unexpected findings')).toBeLessThan(at('## All cells'));
    expect(at('## All cells')).toBeLessThan(at('## Expected findings'));
    expect(md).toContain('**1 cell missed its expectation**, **1 unexpected finding**; 2 of 4 cells as expected');
    expect(md).toContain('48.5 s wall time');
    expect(md).toMatch(/\| ticket:lost-kick@tso \| hang \| 500 \| a depth-2 bug/);
    // the unexpected finding (variant correct) sits under its heading, the expected one under the rest
    const unexpected = md.slice(at('## Unexpected findings'), at('## All cells'));
    expect(unexpected).toContain('### violation in ticket:correct (tso)');
    expect(unexpected).not.toContain('ticket:no-fence');
    expect(md.slice(at('## Expected findings'))).toContain('### violation in ticket:no-fence (tso)');
    expect(md).toMatch(/\| correct \| tso \| \*\*UNEXPECTED\*\* \|/);
    expect(md).toMatch(/\| lost-kick \| tso \| \*\*MISSED\*\* \|/);
  });

  it('says when every cell behaved, and names the missing shards of a merged report', () => {
    const r = fourCells({ indices: [1, 3], count: 4 });
    const ok: CampaignReport = { ...r, cells: r.cells.slice(0, 2), findings: r.findings.slice(0, 1) };
    const md = renderSummaryMarkdown(ok, { outDir: 'out' });
    expect(md).toContain('**All 2 cells as expected**');
    expect(md).toContain('shards 1, 3 of 4 (**missing: 2, 4**)');
    expect(md).toContain('(the longest shard)');
  });
});
