/**
 * Fault battery, outputs (issue 10): unusable --out/--corpus locations are refused before any
 * work (exit 2, one line); a write that fails later (a full disk, EIO) stops the campaign with
 * exit 3 and one line naming the path, and what was saved before stays whole and readable.
 * Real ENOSPC/EROFS come from a tiny tmpfs where this process may mount one (root, as in CI);
 * elsewhere the same failures are simulated at the fs layer.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { saveEntry } from '../../harness/corpus/corpus-store';
import { sampleEntry } from '../corpus-fixture';
import { cli, cliAs, errnoError, expectKept, expectNoStack, expectOneLineError, expectValidOut, snapshot, tempDir, tinyTmpfs } from './fault-support';

const root = tempDir('out');
const CAMPAIGN = ['tas:check-then-set', 'ticket:racy-take', '--memory', 'sc', '--runs', '400', '--seed', '7', '--workers', '0'];
const fuzz = (extra: string[]): ReturnType<typeof cli> => cli(['fuzz', ...CAMPAIGN, ...extra]);

afterEach(() => jest.restoreAllMocks());

describe('unusable output locations are refused before any work (exit 2)', () => {
  const file = path.join(root, 'a-file');
  fs.writeFileSync(file, 'not a directory');

  it.each([
    ['--out is a file', ['--out', file], /--out: cannot write to '.*a-file': it exists and is not a directory/],
    ['--out below a file', ['--out', path.join(file, 'sub', 'dir')], /--out: cannot write to .*: '.*a-file' is a file, not a directory/],
    ['--corpus is a file', ['--out', path.join(root, 'o1'), '--corpus', file], /--corpus: cannot write to .*a-file/],
    ['--corpus below a file', ['--out', path.join(root, 'o2'), '--corpus', path.join(file, 'c')], /--corpus: .*is a file, not a directory/],
  ])('%s', async (_name, args, re) => {
    const r = await fuzz(args);
    expectOneLineError(r, 2, re);
    expect(r.stdout).toBe('');
  });

  it('merge --out is a file', async () => {
    const shard = path.join(root, 'shard-for-merge');
    saveEntry(path.join(shard, 'corpus'), sampleEntry());
    expectOneLineError(await cli(['merge', shard, '--out', file]), 2, /--out: cannot write to/);
  });

  it('--out on a read-only file system (EROFS)', async () => {
    const ro = tinyTmpfs(64, { ro: true });
    if (ro === undefined) return; // cannot mount here: the simulated failures below still run
    expectOneLineError(await fuzz(['--out', ro]), 2, /--out: cannot write to .*: read-only file system \(EROFS\)/);
    expectOneLineError(await fuzz(['--out', path.join(ro, 'new', 'dir')]), 2, /cannot create it: read-only file system \(EROFS\)/);
  });

  // root may write anywhere: a real EACCES needs an unprivileged process (nobody), where possible
  it('--out not writable and an unreadable entry (EACCES, as user nobody): exit 2, one line', async () => {
    const locked = path.join(root, 'locked-dir');
    fs.mkdirSync(locked, { mode: 0o755 });
    fs.chmodSync(locked, 0o755);
    const secret = path.join(root, 'secret.json');
    fs.writeFileSync(secret, '{}', { mode: 0o600 });
    fs.chmodSync(root, 0o755);
    const asNobody = await cliAs(65534, ['fuzz', 'tas:xchg', '--memory', 'sc', '--runs', '200', '--workers', '0', '--out', path.join(locked, 'out')]);
    if (asNobody === undefined) return; // not root, or no such user: nothing to show
    expectOneLineError(asNobody, 2, /--out: cannot write to .*locked-dir\/out': cannot create it: permission denied \(EACCES\)/);
    const unreadable = await cliAs(65534, ['replay', secret]);
    expectOneLineError(unreadable!, 2, /secret\.json: permission denied \(EACCES\)/);
  });

  it('--corpus on a full file system (the probe write fails: ENOSPC)', async () => {
    const full = tinyTmpfs(32, { fill: true });
    const out = path.join(root, 'full-corpus-out');
    if (full === undefined) return; // cannot mount here: the simulated failures below still run
    const r = await fuzz(['--out', out, '--corpus', full]);
    expectOneLineError(r, 2, /--corpus: cannot write to .*: no space left on device \(ENOSPC\)/);
    expect(fs.existsSync(path.join(out, 'report.json'))).toBe(false); // nothing ran
  });
});

describe('a write that fails during the campaign: exit 3, one line naming the path, earlier files intact', () => {
  it('a real full disk (64 KiB tmpfs) under --out', async () => {
    const small = tinyTmpfs(64);
    if (small === undefined) return; // simulated below
    const out = path.join(small, 'out');
    const r = await fuzz(['--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^lockstep fuzz: cannot write .*: no space left on device \(ENOSPC\); the campaign stopped, what was saved before is intact$/m);
    expect(r.stderr.trim().split('\n').filter((l) => l.startsWith('lockstep fuzz: cannot write'))).toHaveLength(1);
    expectNoStack(r);
    // the summary still reaches the user, and what is on disk is valid (report.json: the last
    // checkpoint, or the final report when only a finding's folder did not fit)
    expect(r.stdout).toMatch(/distinct finding|no findings/);
    expectValidOut(out);
  });

  it('simulated EIO on the corpus after some entries: those stay whole, the next is named', async () => {
    const out = path.join(root, 'eio');
    const corpus = path.join(out, 'corpus');
    const real = fs.promises.open;
    let corpusOpens = 0;
    jest.spyOn(fs.promises, 'open').mockImplementation((async (p: fs.PathLike, ...rest: unknown[]) => {
      if (String(p).startsWith(corpus) && ++corpusOpens > 1) throw errnoError('EIO', 'open', String(p));
      return (real as (...a: unknown[]) => Promise<fs.promises.FileHandle>)(p, ...rest);
    }) as typeof fs.promises.open);
    const r = await fuzz(['--out', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^lockstep fuzz: cannot write .*corpus.*: input\/output error \(EIO\); the campaign stopped/m);
    expectNoStack(r);
    jest.restoreAllMocks();
    const report = expectValidOut(out);
    expect(snapshot(corpus).size).toBe(1); // the entry written before the failure, whole (decoded above)
    expect(report.findings.length).toBeGreaterThan(0);
  });

  it('simulated ENOSPC on the final report.json: the last checkpoint stays valid', async () => {
    const out = path.join(root, 'final-enospc');
    const real = fs.promises.open;
    let failing = false;
    jest.spyOn(fs.promises, 'open').mockImplementation((async (p: fs.PathLike, ...rest: unknown[]) => {
      if (failing && path.dirname(String(p)) === out) throw errnoError('ENOSPC', 'open', String(p));
      return (real as (...a: unknown[]) => Promise<fs.promises.FileHandle>)(p, ...rest);
    }) as typeof fs.promises.open);
    // fail every write into --out itself once the campaign has run (the checkpoints before succeed)
    const r = await cli(['fuzz', 'tas:check-then-set', '--memory', 'sc', '--runs', '200', '--seed', '7', '--workers', '0', '--out', out]).finally(() => undefined);
    expect(r.code).toBe(1);
    failing = true;
    const before = snapshot(out);
    const again = await cli(['fuzz', 'tas:check-then-set', '--memory', 'sc', '--runs', '200', '--seed', '8', '--workers', '0', '--out', out]);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/cannot write .*(report\.json|summary\.md|junit\.xml).*no space left on device \(ENOSPC\)/);
    expectNoStack(again);
    jest.restoreAllMocks();
    expectValidOut(out);
    // the first campaign's corpus entries are untouched (finding folders of the same hash may be refreshed)
    expectKept(new Map([...before].filter(([rel]) => rel.startsWith('corpus'))), out);
  });

  it('an unwritable GITHUB_STEP_SUMMARY: exit 3 naming it, the report itself written', async () => {
    const out = path.join(root, 'step-summary');
    const bad = path.join(root, 'a-file-not-a-dir', 'summary.md');
    fs.writeFileSync(path.join(root, 'a-file-not-a-dir'), 'x');
    const saved = process.env.GITHUB_STEP_SUMMARY;
    process.env.GITHUB_STEP_SUMMARY = bad;
    try {
      const r = await cli(['fuzz', 'tas:check-then-set', '--memory', 'sc', '--runs', '200', '--seed', '7', '--workers', '0', '--out', out]);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/^lockstep fuzz: cannot write .*a-file-not-a-dir\/summary\.md: a component of the path is not a directory \(ENOTDIR\)/m);
      expectNoStack(r);
    } finally {
      if (saved === undefined) delete process.env.GITHUB_STEP_SUMMARY; else process.env.GITHUB_STEP_SUMMARY = saved;
    }
    const report = expectValidOut(out);
    expect(report.interrupted).toBeUndefined();
    expect(fs.existsSync(path.join(out, 'summary.md'))).toBe(true);
  });

  it('an existing --out keeps what an earlier campaign saved there', async () => {
    const out = path.join(root, 'reused');
    expect((await cli(['fuzz', 'tas:check-then-set', '--memory', 'sc', '--runs', '200', '--seed', '1', '--workers', '0', '--out', out])).code).toBe(1);
    const corpusBefore = snapshot(path.join(out, 'corpus'));
    expect(corpusBefore.size).toBeGreaterThan(0);
    expect((await cli(['fuzz', 'tas:check-then-set', '--memory', 'sc', '--runs', '200', '--seed', '2', '--workers', '0', '--out', out])).code).toBe(1);
    expectKept(corpusBefore, path.join(out, 'corpus'));
    expectValidOut(out);
  });
});
