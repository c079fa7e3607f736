import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { decodeEntryText } from '../harness/corpus/corpus-codec';
import { decodeReportText } from '../harness/report/report-codec';
import { toChromeTrace, type ChromeTrace } from '../harness/report/chrome-trace';
import { chromeTraceProblems } from '../harness/report/chrome-trace-check';
import { writeCampaignReport } from '../harness/report/write-campaign-report';
import { sampleOutcome, sampleReport } from './report-fixture';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-report-'));
}

const formatTrace = (o: { trace?: readonly { step: number; op: string }[] }): string => (o.trace ?? []).map((e) => `${e.step} ${e.op}`).join('\n');

describe('campaign report files', () => {
  test('writes report.json, summary.md, junit.xml and per-finding artefacts', () => {
    const out = tmpDir();
    const summaryFile = path.join(out, 'gh-summary.md');
    fs.writeFileSync(summaryFile, 'previous step\n');
    const report = sampleReport();
    const f = report.findings[0]!;
    const res = writeCampaignReport(report, { outDir: out, artefacts: () => ({ outcome: sampleOutcome() }), formatTrace, githubStepSummary: summaryFile });
    expect(decodeReportText(fs.readFileSync(path.join(out, 'report.json'), 'utf8'), 'report.json')).toEqual(report);
    const dir = path.join(out, f.dir);
    expect(decodeEntryText(fs.readFileSync(path.join(dir, 'repro.json'), 'utf8'))).toEqual(f.entry);
    expect(fs.readFileSync(path.join(dir, 'trace.txt'), 'utf8')).toContain('5 ipi');
    expect(fs.readdirSync(dir).sort()).toEqual(['finding.html', 'repro.json', 'trace.json', 'trace.txt']);

    const md = fs.readFileSync(path.join(out, 'summary.md'), 'utf8');
    expect(md).toContain('### ticket');
    expect(md).toMatch(/\| no-fence \| tso \| as expected \| violation \| violation 3 \| 1 \| 80 \| 4,000 \| 900 ms \|/);
    expect(md).toContain(`npx lockstep replay ${path.join(out, f.dir, 'repro.json')}`);
    expect(fs.readFileSync(summaryFile, 'utf8')).toBe(`previous step\n${md}\n`);
    expect(res.files).toContain(path.join(out, 'junit.xml'));

    const xml = fs.readFileSync(path.join(out, 'junit.xml'), 'utf8');
    expect(xml.match(/<testcase /g)).toHaveLength(2);
    // the expected violation was found: a pass that carries the finding and its replay command
    expect(xml).not.toMatch(/<failure /);
    expect(xml).toMatch(/<testcase classname="lockstep.ticket" name="no-fence \[tso\]" time="0.900">\s*<system-out>expected violation, found violation: two threads in the critical section &lt;&amp;&gt;\n[^<]*replay: npx lockstep replay [^<]*repro.json/);
    expect(xml).toMatch(/<testsuites name="lockstep" tests="2" failures="0" errors="0" skipped="0"/);
    // no temp files left behind
    const all: string[] = [];
    const walk = (d: string): void => { for (const n of fs.readdirSync(d)) { const p = path.join(d, n); if (fs.statSync(p).isDirectory()) walk(p); else all.push(n); } };
    walk(out);
    expect(all.filter((n) => n.startsWith('.lockstep-tmp-'))).toEqual([]);
  });

  test('without a trace, a finding still gets repro.json and a note', () => {
    const out = tmpDir();
    const report = sampleReport();
    writeCampaignReport(report, { outDir: out, artefacts: () => undefined, formatTrace });
    const dir = path.join(out, report.findings[0]!.dir);
    expect(fs.readdirSync(dir).sort()).toEqual(['repro.json', 'trace.txt']);
    expect(fs.readFileSync(path.join(dir, 'trace.txt'), 'utf8')).toMatch(/no trace.*\nreplay: npx lockstep replay/);
  });
});

describe('Chrome trace', () => {
  test('one track per thread, steps as X slices with args, flushes and IPIs visible, history on its own process', () => {
    const o = sampleOutcome();
    const t: ChromeTrace = JSON.parse(JSON.stringify(toChromeTrace({ title: 'ticket:no-fence (tso)', threadNames: o.threadNames, trace: o.trace!, history: o.history, finding: 'violation' })));
    for (const e of t.traceEvents) {
      expect(typeof e.pid).toBe('number');
      expect(typeof e.tid).toBe('number');
      expect(typeof e.ts).toBe('number');
      if (e.ph === 'X') expect(e.dur).toBeGreaterThan(0);
    }
    const names = t.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name').map((e) => `${e.pid}/${e.tid}=${String(e.args!.name)}`);
    expect(names).toEqual(expect.arrayContaining(['1/1=cpu0', '1/2=cpu1', '1/1000=cpu0 store buffer', '2/1=cpu0 ops', '2/2=cpu1 ops']));
    const steps = t.traceEvents.filter((e) => e.ph === 'X' && e.pid === 1);
    expect(steps).toHaveLength(o.trace!.length);
    const load = steps.find((e) => e.args!.step === 3)!;
    expect(load).toMatchObject({ tid: 2, ts: 3, dur: 1, args: { op: 'load', cell: 'lock.next', value: '0' } });
    expect(steps.find((e) => e.args!.op === 'flush')).toMatchObject({ tid: 1000, cat: 'flush' });
    expect(t.traceEvents.filter((e) => e.cat === 'ipi').map((e) => e.ph).sort()).toEqual(['X', 'i']);
    const ops = t.traceEvents.filter((e) => e.ph === 'X' && e.pid === 2);
    expect(ops.map((e) => [e.tid, e.ts, e.dur])).toEqual([[1, 0, 4], [2, 1, 5], [1, 7, 1]]);
    expect(ops[2]!.cat).toBe('pending');
    expect(chromeTraceProblems(t)).toEqual([]);
  });
});
