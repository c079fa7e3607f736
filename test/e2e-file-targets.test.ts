/**
 * A user's target file in every command (issue 8 "Config file and file targets everywhere"):
 * a temporary project with a package.json and src/tas-lock.ts, the CLI run from inside it.
 * What a finding records (the module relative to the project root) must bring `replay` back
 * to the same target from anywhere in the project, without flags; a recording whose module,
 * target or variant is gone is stale (exit 4), never fixed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';
import { decodeReplayToken } from '../harness/explore/replay-token';
import { createSchemaValidator } from '../harness/report/json-schemas';

function captureIo(): CliIo & { stdout: string; stderr: string } {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } };
  return io;
}

const project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-file-targets-')));
const lockFile = path.join(project, 'src', 'tas-lock.ts');
const home = process.cwd();

beforeAll(() => {
  fs.mkdirSync(path.join(project, 'src', 'deep'), { recursive: true });
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "user-project", "private": true }\n');
  fs.copyFileSync(path.join(__dirname, 'fixtures', 'tas-lock.ts'), lockFile);
  fs.writeFileSync(path.join(project, 'src', 'helpers.ts'), 'export const two = 2;\n');
  process.chdir(project);
});
afterAll(() => {
  process.chdir(home);
  fs.rmSync(project, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo();
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** Run `fn` with the working directory set to `dir` (inside the project). */
async function inDir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  process.chdir(dir);
  try { return await fn(); } finally { process.chdir(project); }
}

describe('file targets', () => {
  let token = '';

  it('run: path.ts:variant finds the bug; the token records the module relative to the project root', async () => {
    const r = await cli('run', 'src/tas-lock.ts:check-then-set', '--json');
    expect(r.code).toBe(1);
    token = JSON.parse(r.out).results[0].findings[0].replay as string;
    expect(decodeReplayToken(token)).toMatchObject({ target: 'mylock', targetModule: 'src/tas-lock.ts', variant: 'check-then-set' });
    expect((await cli('run', './src/tas-lock.ts:correct', '--runs', '300')).code).toBe(0);
  });

  it('replay: the token finds its target from a subdirectory of the project, without flags', async () => {
    const r = await inDir(path.join(project, 'src', 'deep'), () => cli('replay', token));
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^replaying src\/tas-lock\.ts:mylock:check-then-set/);
    expect(r.out).toMatch(/REPRODUCED: violation/);
  });

  it('list, globs and path.ts:target:variant', async () => {
    const listed = await cli('list', 'src/*.ts', '--json');
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.out).targets.map((t: { name: string }) => t.name)).toEqual(['mylock']);
    const r = await cli('run', 'src/**/*.ts:mylock:correct', '--runs', '50', '--json');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).results.map((x: { variant: string }) => x.variant)).toEqual(['correct']);
    const none = await cli('run', 'src/*.ts:nope');
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^lockstep: 'src\/\*\.ts:nope': none of the 2 matching files exports a Target with variant 'nope'/);
    const missing = await cli('fuzz', 'lib/*.ts');
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/no file matches 'lib\/\*\.ts'/);
  });

  it('fuzz + replay of repro.json and of the corpus; triage lists the fix', async () => {
    const out = path.join(project, 'out');
    const f = await cli('fuzz', 'src/tas-lock.ts', '--runs', '200', '--workers', '1', '--memory', 'sc', '--seed', '3', '--out', 'out');
    expect(f.code).toBe(1);
    const report = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')) as { findings: { dir: string; variant: string }[] };
    const finding = report.findings.find((x) => x.variant === 'check-then-set')!;
    const repro = path.join(out, finding.dir, 'repro.json');
    const entry = JSON.parse(fs.readFileSync(repro, 'utf8')) as unknown;
    expect(entry).toMatchObject({ target: 'mylock', targetModule: 'src/tas-lock.ts' });
    expect(createSchemaValidator().problems('repro', entry)).toEqual([]);
    expect(createSchemaValidator().problems('report', JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')))).toEqual([]);
    expect(f.out).toContain(`npx lockstep replay ${path.join('out', finding.dir, 'repro.json')}`);
    expect((await cli('replay', repro)).code).toBe(1);
    expect((await cli('replay', path.join(out, 'corpus'))).code).toBe(1);
    // a target as replay's input: its entries in the corpus, its variants only; several inputs; a glob of entries
    const fixedOnly = await cli('replay', 'src/tas-lock.ts:correct', '--corpus', 'out/corpus');
    expect(fixedOnly.code).toBe(2);
    expect(fixedOnly.err).toMatch(/no corpus entries found/);
    const buggy = await cli('replay', 'src/*.ts:check-then-set', '--corpus', 'out/corpus');
    expect(buggy.code).toBe(1);
    expect(buggy.out).toMatch(/^REPRODUCES  src\/tas-lock\.ts:mylock:check-then-set \(sc\)  .* out\/corpus\/mylock\/[0-9a-f]{16}\.json/m);
    expect(buggy.out).not.toMatch(/:correct /);
    const entries = fs.readdirSync(path.join(out, 'corpus', 'mylock'));
    const both = await cli('replay', path.join('out', 'corpus', 'mylock', entries[0]!), 'out/corpus/mylock/*.json');
    expect(both.out).toContain(`${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}:`);
    expect((await cli('replay', token, repro)).code).toBe(2);
    const t = await cli('triage', 'src/tas-lock.ts', '--base', 'check-then-set', '--patch', 'correct', '--runs', '200', '--workers', '0', '--memory', 'sc', '--corpus', path.join(out, 'corpus'));
    expect(t.code).toBe(0);
    expect(t.out).toMatch(/verdict: 0 introduced by the patch, [1-9]\d* fixed/);
    expect(t.out).toMatch(/^FIXED \| sc \| corpus/m);
  });

  it('a recording whose module, target or variant is gone is stale: exit 4, never fixed', async () => {
    const renamed = fs.readFileSync(lockFile, 'utf8').replace("name: 'check-then-set'", "name: 'read-then-write'");
    fs.writeFileSync(path.join(project, 'src', 'renamed.ts'), renamed);
    fs.renameSync(lockFile, path.join(project, 'src', 'moved.ts'));
    try {
      const moved = await cli('replay', token);
      expect(moved.code).toBe(4);
      expect(moved.out).toMatch(/^STALE  src\/tas-lock\.ts:mylock:check-then-set \(sc\)  -- target module 'src\/tas-lock\.ts' does not exist/);
      fs.writeFileSync(lockFile, renamed);
      const gone = await cli('replay', path.join(project, 'out', 'corpus'));
      expect(gone.code).toBe(4);
      expect(gone.out).toMatch(/STALE .*has no variant 'check-then-set' any more/);
      expect(gone.out).not.toMatch(/^FIXED/m);
    } finally {
      fs.renameSync(path.join(project, 'src', 'moved.ts'), lockFile);
      fs.rmSync(path.join(project, 'src', 'renamed.ts'));
    }
  });
});
