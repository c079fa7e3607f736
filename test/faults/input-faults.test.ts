/**
 * Fault battery, bad inputs (issue 10): flags, replay tokens, corpus entries and campaign
 * reports. Each case asserts the exit code and a one-line message without stack frames; the
 * multi-input commands (replay DIR, merge DIR...) handle every input on its own: the good ones
 * are replayed/merged, the bad ones listed, and the worst exit code wins.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeEntry } from '../../harness/corpus/corpus-codec';
import { entryPath, saveEntry } from '../../harness/corpus/corpus-store';
import { decodeReportText, encodeReport } from '../../harness/report/report-codec';
import { writeCampaignReport } from '../../harness/report/write-campaign-report';
import { sampleEntry } from '../corpus-fixture';
import { sampleReport } from '../report-fixture';
import { cli, expectKept, expectNoStack, expectOneLineError, snapshot, tempDir } from './fault-support';

const root = tempDir('input');

describe('bad flags: exit 2, one line naming the flag', () => {
  it.each([
    [['fuzz', '--runs', 'many'], /--runs: expected an integer >= 1, got 'many'/],
    [['fuzz', '--runs', '0'], /--runs: expected an integer >= 1/],
    [['fuzz', '--time', '-5'], /--time/],
    [['fuzz', '--time', '5', '--runs', '5'], /--time and --runs exclude each other/],
    [['fuzz', '--seed', '1.5'], /--seed: expected an integer/],
    [['fuzz', '--workers', '-1'], /--workers/],
    [['fuzz', '--shard', '3/2'], /--shard/],
    [['fuzz', '--shard', '0/2'], /--shard/],
    [['fuzz', '--shard', 'half'], /--shard/],
    [['fuzz', '--memory', 'arm'], /--memory/],
    [['fuzz', '--runaway-ms', '1'], /--runaway-ms: expected an integer >= 10/],
    [['fuzz', '--frobnicate'], /unknown option '--frobnicate'/],
    [['fuzz', 'no-such-target'], /no-such-target/],
    [['fuzz', 'tas:no-such-variant'], /no-such-variant/],
    [['run', 'ticket', '--strategy', 'nope'], /--strategy/],
    [['run', 'ticket', '--threads', '0'], /--threads/],
    [['run', 'ticket', '--runs', 'x'], /--runs/],
    [['run', 'no-such-target'], /no-such-target/],
    [['triage', 'ticket', '--patch', 'correct'], /--base <variant> is required/],
    [['triage', 'ticket', '--base', 'correct', '--patch', 'nope'], /no variant 'nope'/],
    [['merge', 'x'], /required option '--out <dir>'/],
    [['replay'], /missing required argument/],
    [['no-such-command'], /unknown command/],
  ])('%j', async (args, re) => {
    const r = await cli(args);
    expectOneLineError(r, 2, re);
  });
});

describe('target files', () => {
  const write = (name: string, text: string): string => { const f = path.join(root, name); fs.writeFileSync(f, text); return f; };
  it.each([
    ['a file that does not exist', () => path.join(root, 'no-such-target.js'), /no-such-target\.js/],
    ['a syntax error', () => write('syntax.js', 'exports.t = {\n  name: "x",,\n};\n'), /syntax\.js:2:\d+: Unexpected token/],
    ['a module that throws while loading', () => write('throws.js', 'throw new Error("cannot load me");\n'), /throws\.js.*cannot load me/],
    ['a module exporting no target', () => write('empty.js', 'exports.answer = 42;\n'), /empty\.js.*exports no Target/],
    ['a directory instead of a file', () => { const d = path.join(root, 'adir.js'); fs.mkdirSync(d, { recursive: true }); return d; }, /adir\.js/],
  ])('fuzz with %s: exit 2, one line naming the file', async (_name, make, re) => {
    const r = await cli(['fuzz', make(), '--runs', '200', '--workers', '0', '--out', path.join(root, 'tf-out')]);
    expectOneLineError(r, 2, re, { codeFrame: true });
  });

  it('triage of a .ts target with a syntax error shows the real error and its line', async () => {
    const ts = write('patched.ts', 'import type { Target } from "lockstep";\nexport const t: Target = {\n  name: "x" as string as,\n};\n');
    const r = await cli(['triage', ts, '--base', 'a', '--patch', 'b', '--runs', '200', '--workers', '0']);
    expectOneLineError(r, 2, /patched\.ts:3:\d+/, { codeFrame: true });
    expect(r.stderr).not.toMatch(/Transform failed with 1 error:?\s*$/m);
    expect(r.stderr).toMatch(/^\s*3 \|.*as string as/m);
  });
});

describe('replay tokens and files', () => {
  it.each([
    ['a garbage token', 'lsr1:%%%not-a-token'],
    ['a truncated token', 'lsr1:eyJ0IjoidGlja2V0Ii'],
    ['a path that does not exist', path.join(root, 'nowhere.json')],
  ])('%s: exit 2', async (_name, arg) => {
    expectOneLineError(await cli(['replay', arg]), 2);
  });

  it('a file holding neither a token nor an entry: exit 2 naming it', async () => {
    const f = path.join(root, 'notes.txt');
    fs.writeFileSync(f, 'just some notes\n');
    expectOneLineError(await cli(['replay', f]), 2, /notes\.txt/);
  });
});

describe('corrupt corpus entries', () => {
  const good = sampleEntry({ target: 'tas', variant: 'check-then-set' });
  const cases: [string, string | Buffer, RegExp][] = [
    ['malformed JSON', '{"formatVersion": 1, "target": ', /not valid JSON/],
    ['a newer format', JSON.stringify({ ...good, formatVersion: 99 }), /format 99/],
    ['a missing field', JSON.stringify({ ...good, decisions: undefined }), /decisions/],
    ['a wrong type', JSON.stringify({ ...good, decisions: 'left right' }), /decisions/],
    ['a fractional decision', JSON.stringify({ ...good, decisions: [0, 1.5] }), /decisions/],
    ['an unknown memory model', JSON.stringify({ ...good, memory: 'alpha' }), /memory/],
    ['a half-written file', encodeEntry(good).slice(0, 60), /not valid JSON/],
    ['binary garbage', Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x7b]), /not valid JSON|expected a replay token .* or a JSON object/],
    ['an empty file', '', /not valid JSON|expected a replay token .* or a JSON object/],
  ];
  it.each(cases)('%s: `replay FILE` exits 2 naming the file', async (name, content, re) => {
    const f = path.join(root, `single-${name.replace(/\W+/g, '-')}.json`);
    fs.writeFileSync(f, content);
    const r = await cli(['replay', f]);
    expectOneLineError(r, 2, re);
    expect(r.stderr).toContain(f);
  });

  it('`replay DIR` replays every good entry and lists each corrupt one; exit 2 (the worst)', async () => {
    const dir = path.join(root, 'mixed-corpus');
    const saved = saveEntry(dir, good);
    for (const [name, content] of cases) fs.writeFileSync(path.join(dir, 'tas', `zz-${name.replace(/\W+/g, '-')}.json`), content);
    const r = await cli(['replay', dir]);
    expect(r.code).toBe(2);
    expectNoStack(r);
    expect(r.stdout).toMatch(new RegExp(`^(REPRODUCES|CHANGED|FIXED|STALE)\\s.*${path.basename(saved.path)}`, 'm'));
    expect(r.stdout.match(/^CORRUPT /gm)).toHaveLength(cases.length);
    expect(r.stdout).toMatch(new RegExp(`${cases.length + 1} entries: .*${cases.length} corrupt`));
    expect(r.stderr.trim().split('\n')).toHaveLength(cases.length);
    const json = await cli(['replay', dir, '--json']);
    expect(json.code).toBe(2);
    expect((JSON.parse(json.stdout) as { status: string }[]).filter((x) => x.status === 'corrupt')).toHaveLength(cases.length);
  });

  it('a corrupt entry among real findings: the real ones still reproduce (exit 2 beats 1)', async () => {
    const dir = path.join(root, 'real-corpus');
    const fz = await cli(['fuzz', 'tas:check-then-set', '--memory', 'sc', '--runs', '200', '--seed', '7', '--workers', '0', '--out', path.join(root, 'real-out'), '--corpus', dir]);
    expect(fz.code).toBe(1);
    fs.writeFileSync(path.join(dir, 'tas', '0000-broken.json'), '{');
    const r = await cli(['replay', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^REPRODUCES /m);
    expect(r.stdout).toMatch(/^CORRUPT .*0000-broken\.json/m);
  });

  it('`replay DIR` of an empty directory: exit 2', async () => {
    const empty = path.join(root, 'empty-corpus');
    fs.mkdirSync(empty);
    expectOneLineError(await cli(['replay', empty]), 2, /no corpus entries/);
  });
});

describe('`merge` takes each input on its own', () => {
  const shard = (name: string, n: number, over: { seed?: number } = {}): string => {
    const dir = path.join(root, name);
    const rep = sampleReport({ shard: n });
    writeCampaignReport(over.seed === undefined ? rep : { ...rep, campaignSeed: over.seed }, { outDir: dir, artefacts: () => undefined, formatTrace: () => '' });
    saveEntry(path.join(dir, 'corpus'), rep.findings[0]!.entry);
    return dir;
  };
  const s1 = shard('m-s1', 1);
  const s2 = shard('m-s2', 2);

  it.each([
    ['a corrupt report.json', (d: string) => fs.writeFileSync(path.join(d, 'report.json'), '{"cells": ['), /report\.json: not valid JSON/],
    ['a report of a newer format', (d: string) => fs.writeFileSync(path.join(d, 'report.json'), JSON.stringify({ ...JSON.parse(encodeReport(sampleReport())), formatVersion: 99 })), /formatVersion.*newer/],
    ['a report with a bad field', (d: string) => fs.writeFileSync(path.join(d, 'report.json'), JSON.stringify({ ...JSON.parse(encodeReport(sampleReport())), cells: 7 })), /cells/],
    ['a corrupt corpus entry', (d: string) => fs.writeFileSync(path.join(d, 'corpus', 'ticket', 'broken.json'), '[1, 2'), /broken\.json/],
    ['a report of another campaign', (d: string) => { const r = sampleReport({ shard: 2 }); fs.writeFileSync(path.join(d, 'report.json'), encodeReport({ ...r, campaignSeed: 9 })); }, /campaign seed 9/],
  ])('%s: listed, the other shard merged, exit 2', async (name, spoil, re) => {
    const bad = shard(`m-bad-${name.replace(/\W+/g, '-')}`, 2);
    spoil(bad);
    const out = path.join(root, `m-out-${name.replace(/\W+/g, '-')}`);
    const r = await cli(['merge', s1, bad, '--out', out]);
    expect(r.code).toBe(2);
    expectNoStack(r);
    expect(r.stderr).toMatch(re);
    expect(r.stderr).toMatch(/could not be used \(listed above\); everything else was merged/);
    const merged = decodeReportText(fs.readFileSync(path.join(out, 'report.json'), 'utf8'), out);
    expect(merged.shard.indices).toContain(1);
    expect(fs.readdirSync(path.join(out, 'corpus', 'ticket')).length).toBeGreaterThan(0);
  });

  it('overlapping shards: the second one is listed, the first merged, exit 2', async () => {
    const a = path.join(root, 'm-ov-a');
    const b = path.join(root, 'm-ov-b');
    writeCampaignReport({ ...sampleReport(), shard: { indices: [1, 2], count: 3 } }, { outDir: a, artefacts: () => undefined, formatTrace: () => '' });
    writeCampaignReport({ ...sampleReport(), shard: { indices: [2, 3], count: 3 } }, { outDir: b, artefacts: () => undefined, formatTrace: () => '' });
    const out = path.join(root, 'm-out-ov');
    const r = await cli(['merge', a, b, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/m-ov-b.*overlap shards already merged/);
    expect(decodeReportText(fs.readFileSync(path.join(out, 'report.json'), 'utf8'), out).shard.indices).toEqual([1, 2]);
  });

  it('missing and non-directory inputs are listed; the good shards are merged', async () => {
    const file = path.join(root, 'm-a-file');
    fs.writeFileSync(file, 'x');
    const out = path.join(root, 'm-out-missing');
    const r = await cli(['merge', path.join(root, 'm-nowhere'), file, s1, s2, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/m-nowhere: no such directory/);
    expect(r.stderr).toMatch(/m-a-file: not a directory/);
    expect(decodeReportText(fs.readFileSync(path.join(out, 'report.json'), 'utf8'), out).shard.indices).toEqual([1, 2]);
  });

  it('nothing usable at all: exit 2, no crash, the previous output untouched', async () => {
    const out = path.join(root, 'm-out-kept');
    expect((await cli(['merge', s1, s2, '--out', out])).code).toBe(0);
    const before = snapshot(out);
    const r = await cli(['merge', path.join(root, 'm-nowhere-1'), path.join(root, 'm-nowhere-2'), '--out', out]);
    expect(r.code).toBe(2);
    expectNoStack(r);
    expectKept(before, out);
  });

  it('a half-written finding folder (a killed shard) is merged from its report entry', async () => {
    const dir = shard('m-half', 2);
    const rep = decodeReportText(fs.readFileSync(path.join(dir, 'report.json'), 'utf8'), dir);
    const f = rep.findings[0]!;
    fs.rmSync(path.join(dir, f.dir, 'repro.json'));
    const out = path.join(root, 'm-out-half');
    const r = await cli(['merge', s1, dir, '--out', out]);
    expect(r.code).toBe(0);
    expect(fs.existsSync(path.join(out, f.dir, 'repro.json'))).toBe(true);
    expect(fs.existsSync(entryPath(path.join(out, 'corpus'), f.entry))).toBe(true);
  });
});
