/**
 * End-to-end tests of `lockstep fuzz` and `lockstep triage` through main(): determinism over
 * worker and shard counts, exit codes, the runaway watchdog, Ctrl-C, and triage verdicts.
 * Pool runs load the TypeScript sources in the workers through esbuild-register (no build).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { decodeReportText } from '../harness/report/report-codec';
import { mergeReports } from '../harness/report/merge-reports';
import type { CampaignReport } from '../harness/report/campaign-report';
import { saveEntry } from '../harness/corpus/corpus-store';
import { chromeTraceProblems } from '../harness/report/chrome-trace-check';
import type { CorpusEntry } from '../harness/corpus/corpus-entry';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-e2e-fuzz-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function fuzz(args: string[]): Promise<{ code: number; io: ReturnType<typeof captureIo>; report?: CampaignReport; out: string }> {
  const out = path.join(tmp, `run-${Math.random().toString(36).slice(2)}`);
  const io = captureIo();
  const code = await main(['fuzz', ...args, '--out', out], io);
  const file = path.join(out, 'report.json');
  const report = fs.existsSync(file) ? decodeReportText(fs.readFileSync(file, 'utf8'), file) : undefined;
  return { code, io, report, out };
}

/** Findings as (cell, signature, count), sorted: what must not depend on workers or shards. */
function findingSet(r: CampaignReport): string[] {
  return r.findings.map((f) => `${f.target}:${f.variant}@${f.memory} ${f.signature} x${f.count}`).sort();
}

const CAMPAIGN = ['tas:check-then-set', 'ticket:racy-take', 'ticket:correct', '--memory', 'sc', '--runs', '400', '--seed', '7'];

let inProcess: CampaignReport;
let firstCorpus = '';

describe('lockstep fuzz', () => {

  it('finds the seeded bugs, exits 1 and writes report, corpus and per-finding files', async () => {
    const r = await fuzz([...CAMPAIGN, '--workers', '0']);
    expect(r.code).toBe(1);
    inProcess = r.report!;
    firstCorpus = path.join(r.out, 'corpus');
    const buggy = inProcess.findings.filter((f) => f.variant !== 'correct');
    expect(buggy.some((f) => f.target === 'tas' && f.kind === 'violation')).toBe(true);
    expect(buggy.some((f) => f.target === 'ticket' && f.kind === 'violation')).toBe(true);
    for (const f of inProcess.findings) {
      expect(fs.existsSync(path.join(r.out, f.dir, 'repro.json'))).toBe(true);
      expect(fs.existsSync(path.join(r.out, f.dir, 'trace.txt'))).toBe(true);
      expect(chromeTraceProblems(JSON.parse(fs.readFileSync(path.join(r.out, f.dir, 'trace.json'), 'utf8')))).toEqual([]);
      expect(fs.existsSync(path.join(r.out, 'corpus', f.target, `${f.entryHash}.json`))).toBe(true);
    }
    expect(fs.existsSync(path.join(r.out, 'summary.md'))).toBe(true);
    expect(fs.existsSync(path.join(r.out, 'junit.xml'))).toBe(true);
    expect(inProcess.cells.every((c) => c.executions === 400)).toBe(true);
    expect(r.io.stdout).toMatch(/lockstep replay/);
    // issue 13: one finding per root cause, how soon it was found, what a preemption counts, minimality
    for (const f of buggy) {
      expect(f.firstFound!.executions).toBeGreaterThanOrEqual(1);
      expect(f.firstFound!.executions).toBeLessThanOrEqual(400);
      expect(f.entry.finding.minimal).toBeDefined();
    }
    expect(buggy.filter((f) => f.target === 'tas').map((f) => f.signature)).toEqual(['violation:property:mutual exclusion']);
    const summary = fs.readFileSync(path.join(r.out, 'summary.md'), 'utf8');
    expect(summary).toMatch(/^- first found after [\d,]+ executions? of its cell, /m);
    expect(summary).toMatch(/^One finding per root cause .* Counting: preemptions = switches away/m);
    expect(summary).toMatch(/^- minimal/m);
  });

  it('gives the same findings with 2 workers as in process', async () => {
    const r = await fuzz([...CAMPAIGN, '--workers', '2']);
    expect(r.code).toBe(1);
    expect(findingSet(r.report!)).toEqual(findingSet(inProcess));
    expect(r.report!.findings.map((f) => f.entryHash)).toEqual(inProcess.findings.map((f) => f.entryHash));
  });

  it('gives the same findings as shards 1/2 + 2/2 merged (1-based, like jest and Playwright)', async () => {
    const s0 = await fuzz([...CAMPAIGN, '--workers', '1', '--shard', '1/2']);
    const s1 = await fuzz([...CAMPAIGN, '--workers', '0', '--shard', '2/2']);
    expect(s0.report!.shard).toEqual({ indices: [1], count: 2 });
    expect(s1.report!.shard).toEqual({ indices: [2], count: 2 });
    const merged = mergeReports([{ report: s0.report!, file: 's0' }, { report: s1.report!, file: 's1' }]).report;
    expect(findingSet(merged)).toEqual(findingSet(inProcess));
    expect(merged.cells.map((c) => c.executions)).toEqual(inProcess.cells.map((c) => c.executions));
  });

  it('takes the shard from a Kubernetes Indexed Job (0-based JOB_COMPLETION_INDEX + LOCKSTEP_SHARD_COUNT)', async () => {
    process.env.JOB_COMPLETION_INDEX = '1';
    process.env.LOCKSTEP_SHARD_COUNT = '2';
    try {
      const r = await fuzz(['tas:xchg', '--memory', 'sc', '--runs', '400', '--workers', '0']);
      expect(r.code).toBe(0);
      expect(r.report!.shard).toEqual({ indices: [2], count: 2 });
      expect(r.report!.cells[0].executions).toBe(200); // batch 1 of 2
      expect(r.io.stderr).toMatch(/shard 2\/2 \(from JOB_COMPLETION_INDEX\)/);
    } finally {
      delete process.env.JOB_COMPLETION_INDEX;
      delete process.env.LOCKSTEP_SHARD_COUNT;
    }
  });

  it('--expect: exit 0 when every cell behaves as expected, 1 on a missed expectation; junit.xml follows the same rule', async () => {
    const ok = await fuzz(['tas:check-then-set', 'tas:xchg', '--memory', 'sc', '--runs', '200', '--workers', '0', '--expect']);
    expect(ok.code).toBe(0); // the expected violation was found, the correct variant stayed clean
    expect(ok.io.stdout).toMatch(/expectations: 2 of 2 cells as expected/);
    expect(fs.readFileSync(path.join(ok.out, 'junit.xml'), 'utf8')).toMatch(/tests="2" failures="0"/);
    const file = path.join(tmp, 'claims-bug-target.js');
    fs.writeFileSync(file, `
exports.quiet = {
  name: 'quiet', summary: 'does nothing wrong',
  variants: [
    { name: 'claims-bug', summary: 'expects a violation it cannot show', expect: { sc: 'violation', tso: 'violation' } },
    { name: 'claims-clean', summary: 'expected clean, breaks its invariant', expect: { sc: 'clean', tso: 'clean' } },
  ],
  workload: { threads: { min: 2, max: 2, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
  setup(env, variant) {
    const body = function* (t) { yield* t.cpuRelax(); };
    return { threads: [{ body }, { body }], ...(variant === 'claims-clean' ? { atEnd: () => 'invariant broken at the end' } : {}) };
  },
};
`);
    const missed = await fuzz([`${file}:claims-bug`, '--memory', 'sc', '--runs', '200', '--workers', '0', '--expect']);
    expect(missed.code).toBe(1);
    expect(missed.io.stdout).toMatch(/quiet:claims-bug@sc .*\(expected: violation, MISSED\)/);
    const xml = fs.readFileSync(path.join(missed.out, 'junit.xml'), 'utf8');
    expect(xml).toMatch(/<failure type="missed-expectation" message="expected a violation, nothing found in 200 executions: the search lost power or the budget is too small">/);
    // without --expect nothing was found: exit 0 (DECISIONS.md item 5)
    expect((await fuzz([`${file}:claims-bug`, '--memory', 'sc', '--runs', '200', '--workers', '0'])).code).toBe(0);
    // a finding where clean is expected fails under --expect too
    const bad = await fuzz([`${file}:claims-clean`, '--memory', 'sc', '--runs', '200', '--workers', '0', '--expect']);
    expect(bad.code).toBe(1);
    expect(bad.io.stdout).toMatch(/quiet:claims-clean@sc .*\(expected: clean, UNEXPECTED\)/);
    expect(fs.readFileSync(path.join(bad.out, 'junit.xml'), 'utf8')).toMatch(/<failure type="unexpected-finding" message="unexpected violation \(expected clean\): invariant broken at the end; replay: npx lockstep replay /);
  });

  it('--reporter: junit and html to files, github annotations and the summary to stdout; json alone is pure report.json', async () => {
    const dir = path.join(tmp, 'reporters');
    const r = await fuzz(['tas:check-then-set', 'tas:xchg', '--memory', 'sc', '--runs', '200', '--workers', '0',
      '--reporter', `junit:${path.join(dir, 'junit.xml')}`, '--reporter', `html:${path.join(dir, 'report.html')}`, '--reporter', 'github', '--reporter', 'default']);
    expect(r.code).toBe(1);
    expect(fs.readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toBe(fs.readFileSync(path.join(r.out, 'junit.xml'), 'utf8'));
    expect(r.io.stdout).toMatch(/^::notice title=lockstep%3A expected violation found in tas%3Acheck-then-set \[sc\]::expected violation, found violation: .*%0Areplay: npx lockstep replay /m);
    expect(r.io.stdout).toMatch(/expectations: 2 of 2 cells as expected/);
    // the page's links work from where it was written: every finding page it links exists
    const html = fs.readFileSync(path.join(dir, 'report.html'), 'utf8');
    const links = [...html.matchAll(/href="([^"]+finding\.html)"/g)].map((m) => m[1]!);
    expect(links.length).toBe(r.report!.findings.length);
    for (const l of links) expect(fs.existsSync(path.resolve(dir, l))).toBe(true);
    expect(fs.existsSync(path.join(r.out, 'index.html'))).toBe(true);
    const json = await fuzz(['tas:xchg', '--memory', 'sc', '--runs', '200', '--workers', '0', '--reporter', 'json']);
    expect(JSON.parse(json.io.stdout)).toEqual(JSON.parse(fs.readFileSync(path.join(json.out, 'report.json'), 'utf8')));
  });

  it('exits 0 with a residual risk when nothing is found', async () => {
    const r = await fuzz(['tas:xchg', '--memory', 'sc', '--runs', '200', '--workers', '0', '--progress', 'off']);
    expect(r.code).toBe(0);
    expect(r.io.stderr).toBe(''); // --progress off: a quiet stderr
    expect(r.report!.findings).toEqual([]);
    expect(r.report!.cells[0].residualRisk).toMatch(/PCT d=1/);
    expect(r.io.stdout).toMatch(/no findings/);
  });

  it.each([
    [['--runs', 'many']],
    [['--shard', '0/2']],
    [['--shard', '3/2']],
    [['--time', '5', '--runs', '5']],
    [['--memory', 'arm']],
    [['--progress', 'loud']],
    [['--reporter', 'xml']],
    [['no-such-target']],
    [['tas:no-such-variant']],
    [[path.join(os.tmpdir(), 'no-such-file.js')]],
  ])('exits 2 on bad usage %j', async (args) => {
    const r = await fuzz(args);
    expect(r.code).toBe(2);
    expect(r.io.stderr).toMatch(/^lockstep: /m);
    expect(r.io.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a target that never yields as a runaway and carries on', async () => {
    const file = path.join(tmp, 'runaway-target.js');
    fs.writeFileSync(file, `
exports.spinner = {
  name: 'spinner', summary: 'thread 1 loops without yielding',
  variants: [{ name: 'stuck', summary: 'never yields', expect: { sc: 'hang', tso: 'hang' } }],
  workload: { threads: { min: 2, max: 2, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
  setup(env) {
    const body = function* (t) { yield* t.cpuRelax(); if (t.id === 1) { for (;;) { /* no yield */ } } };
    return { threads: [{ body }, { body }] };
  },
};
`);
    const r = await fuzz([file, 'tas:xchg', '--memory', 'sc', '--runs', '200', '--workers', '1', '--runaway-ms', '1500']);
    expect(r.code).toBe(1);
    const run = r.report!.findings.find((f) => f.kind === 'runaway');
    expect(run).toBeDefined();
    expect(run!.target).toBe('spinner');
    expect(r.report!.cells.find((c) => c.target === 'tas')!.executions).toBe(200);
  });

  it('stops cleanly on Ctrl-C with exit 130 and a partial report', async () => {
    const timer = setTimeout(() => process.emit('SIGINT'), 1500);
    const r = await fuzz(['tas', '--time', '60', '--workers', '1']);
    clearTimeout(timer);
    expect(r.code).toBe(130);
    expect(r.report!.interrupted).toBe(true);
    expect(r.io.stderr).toMatch(/interrupted/);
  });
});

describe('lockstep triage', () => {
  it('reports a finding introduced by the patch with exit 1 and its interleaving', async () => {
    const io = captureIo();
    const code = await main(['triage', 'ticket', '--base', 'correct', '--patch', 'racy-take', '--memory', 'sc', '--runs', '400', '--workers', '0', '--corpus', tmp], io);
    expect(code).toBe(1);
    expect(io.stdout).toMatch(/INTRODUCED \| sc \| campaign/);
    expect(io.stdout).toMatch(/REGRESSION/);
    expect(io.stdout).toMatch(/step \|/);
  });
  it('prints each regression shrunk, with a replay command that reproduces it on the patch, and no doubled kind', async () => {
    const io = captureIo();
    expect(await main(['triage', 'mcs', '--base', 'correct', '--patch', 'no-wait-for-successor', '--memory', 'sc', '--runs', '400', '--workers', '0', '--corpus', tmp], io)).toBe(1);
    expect(io.stdout).toMatch(/^INTRODUCED \| sc \| campaign \| - \| x\d+ \| hang: no thread can make progress/m);
    expect(io.stdout).toMatch(/^REGRESSION \(sc, campaign\): hang: no thread/m);
    expect(io.stdout).toMatch(/^shrunk run: \d+ preemptions?; minimal/m);
    expect(io.stdout).not.toMatch(/\b(\w+): \1:/i); // `hang: hang:`, `HANG: hang:`
    const token = /^replay on no-wait-for-successor: npx lockstep replay (ls1\.\S+)$/m.exec(io.stdout)?.[1];
    expect(token).toBeDefined();
    const rep = captureIo();
    expect(await main(['replay', token!], rep)).toBe(1);
    expect(rep.stdout).toMatch(/REPRODUCED: hang/);
  });
  it('reports the reverse as fixed with exit 0, for the campaign and the saved corpus', async () => {
    const io = captureIo();
    const code = await main(['triage', 'ticket', '--base', 'racy-take', '--patch', 'correct', '--memory', 'sc', '--runs', '400', '--workers', '0', '--corpus', firstCorpus], io);
    expect(code).toBe(0);
    expect(io.stdout).toMatch(/FIXED \| sc \| campaign/);
    expect(io.stdout).toMatch(/FIXED \| sc \| corpus/);
    expect(io.stdout).not.toMatch(/INTRODUCED/);
  });
  it('reports a saved entry whose decisions do not fit the base as stale on base, with where it diverged', async () => {
    // a real shrunk failure of trylock-check-then-take (fuzz ticket --seed 7); racy-take's code offers fewer choices
    const entry: CorpusEntry = {
      formatVersion: 1, target: 'ticket', variant: 'trylock-check-then-take', memory: 'sc', maxSteps: 2000, harnessVersion: '0.1.0', date: '2026-11-21T06:55:50.383Z',
      knobs: { ipiSendIsFence: true, lockAcquireIsFence: true, pvCallIsFence: true, unlockIsFence: false },
      decisions: [2, 1, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0],
      workload: { ops: [['lock', 'trylock'], ['lock', 'trylock', 'trylock'], ['trylock', 'lock']] },
      finding: {
        kind: 'violation', locations: ['op:try-acquire', 'spec:mutex'], preemptions: 3, signature: 'violation:op:try-acquire|spec:mutex',
        message: "history is not linearizable (spec 'mutex'): try-acquire by process 1 returned false while the mutex was free",
      },
      source: { strategy: 'pos', seed: 2517435104, campaignSeed: 7 },
    };
    const corpus = path.join(tmp, 'stale-corpus');
    const saved = saveEntry(corpus, entry);
    const io = captureIo();
    await main(['triage', 'ticket', '--base', 'racy-take', '--patch', 'trylock-check-then-take', '--memory', 'sc', '--runs', '50', '--workers', '0', '--corpus', corpus], io);
    expect(io.stdout).toMatch(/^STALE ON BASE \| sc \| corpus \| stale \| x1 \| violation: /m);
    expect(io.stdout).toContain(`stale on racy-take (sc, ${saved.path}): replay diverged at decision`);
  });
  it('triages a target given as a module file', async () => {
    const io = captureIo();
    const file = path.join(__dirname, '..', 'targets', 'classic', 'ticket.ts');
    const code = await main(['triage', file, '--base', 'correct', '--patch', 'racy-take', '--memory', 'sc', '--runs', '200', '--workers', '0', '--corpus', tmp], io);
    expect(io.stderr).not.toMatch(/error/);
    expect(code).toBe(1);
    expect(io.stdout).toMatch(/INTRODUCED/);
  });
  it('rejects a missing --patch with exit 2', async () => {
    const io = captureIo();
    expect(await main(['triage', 'ticket', '--base', 'correct'], io)).toBe(2);
    expect(io.stderr).toMatch(/--patch/);
  });
});
