/**
 * `lockstep merge DIR... --out DIR`: corpora unioned by content hash, reports merged with
 * mergeReports, per-finding folders copied; idempotent; bad input exits 2 naming the file.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { saveEntry, listEntryFiles } from '../harness/corpus/corpus-store';
import { decodeReportText } from '../harness/report/report-codec';
import type { CampaignReport } from '../harness/report/campaign-report';
import { writeCampaignReport } from '../harness/report/write-campaign-report';
import { sampleEntry } from './corpus-fixture';
import { sampleOutcome, sampleReport } from './report-fixture';

function tmpDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-merge-'));
}

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

const formatTrace = (o: { trace?: readonly { step: number; op: string }[] }): string => (o.trace ?? []).map((e) => `${e.step} ${e.op}`).join('\n');

/** A shard's --out dir as `lockstep fuzz` writes it: report files, findings/, corpus/. */
function shardDir(root: string, shard: number, decisions: number[], extra: number[]): string {
  const out = path.join(root, `shard-${shard}`);
  const report = sampleReport({ shard: shard + 1, count: 2 + shard, executions: 100 + shard, date: `2026-11-21T05:0${shard}:00.000Z`, decisions });
  writeCampaignReport(report, { outDir: out, artefacts: () => ({ outcome: sampleOutcome() }), formatTrace });
  saveEntry(path.join(out, 'corpus'), report.findings[0]!.entry);
  saveEntry(path.join(out, 'corpus'), sampleEntry({ target: 'mcs', decisions: extra }));
  return out;
}

/** Every file under `dir` (relative path -> content). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const n of fs.readdirSync(d).sort()) {
      const f = path.join(d, n);
      if (fs.statSync(f).isDirectory()) walk(f);
      else out[path.relative(dir, f)] = fs.readFileSync(f, 'utf8');
    }
  };
  walk(dir);
  return out;
}

async function merge(args: string[]): Promise<ReturnType<typeof captureIo> & { code: number }> {
  const io = captureIo();
  const saved = process.env.GITHUB_STEP_SUMMARY;
  delete process.env.GITHUB_STEP_SUMMARY;
  try {
    const code = await main(['merge', ...args], io);
    return Object.assign(io, { code });
  } finally {
    if (saved !== undefined) process.env.GITHUB_STEP_SUMMARY = saved;
  }
}

describe('lockstep merge', () => {
  test('two shards: counts add up, the smaller representative wins (the loser leaves the corpus), corpora are unioned, folders copied', async () => {
    const root = tmpDir();
    const a = shardDir(root, 0, [0, 1, 0, 2, 1], [1]);
    const b = shardDir(root, 1, [0, 1], [2]);
    const out = path.join(root, 'merged');
    const r = await merge([a, b, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/shards 1,2 of 2, 2 cells, 1 unique finding/);
    const report = decodeReportText(fs.readFileSync(path.join(out, 'report.json'), 'utf8'), 'report.json');
    expect(report.shard).toEqual({ indices: [1, 2], count: 2 });
    expect(report.findings).toHaveLength(1);
    const f = report.findings[0]!;
    expect(f.count).toBe(2 + 3);
    expect(f.entry.decisions).toEqual([0, 1]); // fewer decisions: the representative of shard 1
    expect(report.cells.find((c) => c.variant === 'fixed')!.executions).toBe(100 + 101);
    // the finding folder comes from shard 1, with the replay path pointing into the merged dir
    const trace = fs.readFileSync(path.join(out, f.dir, 'trace.txt'), 'utf8');
    expect(trace).toContain(path.join(out, f.dir, 'repro.json'));
    expect(trace).not.toContain(b);
    expect(fs.readdirSync(path.join(out, f.dir)).sort()).toEqual(['finding.html', 'repro.json', 'trace.json', 'trace.txt']);
    expect(fs.readFileSync(path.join(out, 'summary.md'), 'utf8')).toContain('shards 1, 2 of 2');
    expect(fs.readFileSync(path.join(out, 'junit.xml'), 'utf8')).toContain(path.join(out, f.dir, 'repro.json'));
    // corpus: the winning representative (not shard 1's losing one) and both extra entries
    const hashes = listEntryFiles(path.join(out, 'corpus')).map((x) => path.basename(x, '.json'));
    expect(hashes).toHaveLength(3);
    expect(hashes).toContain(f.entryHash);
    expect(r.stdout).toMatch(/corpus: 3 entries \(3 new\)/);
    // the merged corpus replays (the entries name a target variant that does not exist: stale, exit 4)
    const rep = captureIo();
    expect(await main(['replay', path.join(out, 'corpus')], rep)).toBe(4);
    expect(rep.stdout).toMatch(/3 entries: 3 stale/);
  });

  test('idempotent: merging again, merging the output with its inputs, or the output alone changes nothing', async () => {
    const root = tmpDir();
    const a = shardDir(root, 0, [0, 1, 0, 2, 1], [1]);
    const b = shardDir(root, 1, [0, 1], [2]);
    const out = path.join(root, 'merged');
    expect((await merge([a, b, '--out', out])).code).toBe(0);
    const first = snapshot(out);
    expect(Object.keys(first).length).toBeGreaterThan(8);
    expect((await merge([b, a, '--out', out])).code).toBe(0);
    expect(snapshot(out)).toEqual(first);
    const again = await merge([out, a, b, '--out', out]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`skipped ${path.join(a, 'report.json')}`);
    expect(snapshot(out)).toEqual(first);
    expect((await merge([out, '--out', out])).code).toBe(0);
    expect(snapshot(out)).toEqual(first);
    // the same shard twice counts once
    const twice = path.join(root, 'twice');
    const t = await merge([a, a, '--out', twice]);
    expect(t.code).toBe(0);
    expect(decodeReportText(fs.readFileSync(path.join(twice, 'report.json'), 'utf8'), 'r').findings[0]!.count).toBe(2);
    expect(t.stdout).toMatch(/1 shard missing: 2\b/);
  });

  test('--expect-shards N: exit 3 naming the missing shards (the rest is still merged), 0 when all are there', async () => {
    const root = tmpDir();
    const a = shardDir(root, 0, [0, 1], [1]);
    const b = shardDir(root, 1, [0, 1, 0], [2]);
    const lost = await merge([a, '--out', path.join(root, 'lost'), '--expect-shards', '2']);
    expect(lost.code).toBe(3);
    expect(lost.stderr).toMatch(/^lockstep merge: missing shard 2 of 2: no report.json of it among the inputs/m);
    expect(fs.existsSync(path.join(root, 'lost', 'report.json'))).toBe(true);
    expect(fs.readFileSync(path.join(root, 'lost', 'summary.md'), 'utf8')).toContain('shard 1 of 2');
    const all = await merge([a, b, '--out', path.join(root, 'all'), '--expect-shards', '2']);
    expect({ code: all.code, stderr: all.stderr }).toEqual({ code: 0, stderr: '' });
    const wrong = await merge([a, b, '--out', path.join(root, 'wrong'), '--expect-shards', '3']);
    expect(wrong.code).toBe(3);
    expect(wrong.stderr).toMatch(/expected 3 shards, but the reports come from a campaign of 2/);
    const none = tmpDir();
    saveEntry(none, sampleEntry({ decisions: [1] }));
    const corpusOnly = await merge([none, '--out', path.join(root, 'none'), '--expect-shards', '2']);
    expect(corpusOnly.code).toBe(3);
    expect(corpusOnly.stderr).toMatch(/no input holds a report.json/);
    expect((await merge([a, '--out', path.join(root, 'x'), '--expect-shards', 'two'])).code).toBe(2);
  });

  test('reads a version-1 report (0-based shards) as shard numbers from 1', async () => {
    const root = tmpDir();
    const a = shardDir(root, 0, [0, 1], [1]);
    const file = path.join(a, 'report.json');
    const v1 = JSON.parse(fs.readFileSync(file, 'utf8'));
    fs.writeFileSync(file, JSON.stringify({ ...v1, formatVersion: 1, shard: { indices: [0], count: 2 } }));
    expect(decodeReportText(fs.readFileSync(file, 'utf8'), file).shard).toEqual({ indices: [1], count: 2 });
    fs.writeFileSync(file, JSON.stringify({ ...v1, shard: { indices: [0], count: 2 } }));
    expect(() => decodeReportText(fs.readFileSync(file, 'utf8'), file)).toThrow(/shard.indices\[0\].*a shard number in \[1, 2\]/);
  });

  test('plain corpus directories are unioned by content hash', async () => {
    const root = tmpDir();
    const c1 = path.join(root, 'c1');
    const c2 = path.join(root, 'c2');
    saveEntry(c1, sampleEntry({ decisions: [1] }));
    saveEntry(c1, sampleEntry({ decisions: [2] }));
    saveEntry(c2, sampleEntry({ decisions: [2], date: 'another night' }));
    saveEntry(c2, sampleEntry({ target: 'mcs' }));
    const out = path.join(root, 'out');
    const r = await merge([c1, c2, '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/corpora merged only/);
    expect(listEntryFiles(path.join(out, 'corpus'))).toHaveLength(3);
    expect(fs.existsSync(path.join(out, 'report.json'))).toBe(false);
  });

  test('bad input: exit 2 naming each bad file, the good inputs merged all the same', async () => {
    const root = tmpDir();
    const a = shardDir(root, 0, [0, 1], [1]);
    const good = decodeReportText(fs.readFileSync(path.join(a, 'report.json'), 'utf8'), 'a');
    const merged = (out: string): CampaignReport => decodeReportText(fs.readFileSync(path.join(out, 'report.json'), 'utf8'), out);
    const broken = path.join(root, 'broken');
    fs.mkdirSync(broken);
    fs.writeFileSync(path.join(broken, 'report.json'), '{"formatVersion": 1, "cells": [');
    let out = path.join(root, 'out1');
    let r = await merge([a, broken, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(broken, 'report.json'));
    expect(r.stderr).toMatch(/not valid JSON/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(merged(out).findings.map((f) => f.entryHash)).toEqual(good.findings.map((f) => f.entryHash));

    const other = path.join(root, 'other');
    const rep = sampleReport({ shard: 1 });
    writeCampaignReport({ ...rep, campaignSeed: 7 }, { outDir: other, artefacts: () => undefined, formatTrace });
    out = path.join(root, 'out2');
    r = await merge([a, other, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/campaign seed 7.*merge only shards of one campaign/);
    expect(merged(out).campaignSeed).toBe(good.campaignSeed);

    fs.writeFileSync(path.join(a, 'corpus', 'ticket', 'zz.json'), '{"formatVersion": 5}');
    out = path.join(root, 'out3');
    r = await merge([a, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(path.join(a, 'corpus', 'ticket', 'zz.json'));
    expect(listEntryFiles(path.join(out, 'corpus')).length).toBeGreaterThan(0);

    out = path.join(root, 'out4');
    r = await merge([path.join(root, 'missing'), a, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/missing: no such directory/);
    expect(merged(out).findings.length).toBe(good.findings.length);
    const empty = path.join(root, 'empty');
    fs.mkdirSync(empty);
    expect((await merge([empty, '--out', path.join(root, 'out5')])).stderr).toMatch(/neither a report.json nor any corpus entry/);
    expect((await merge([a])).code).toBe(2); // --out is required
  });
});
