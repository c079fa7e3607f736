/**
 * Helpers of the fault battery (issue 10): run the CLI in process with captured output, assert
 * the "bad input" contract (exit code, a one-line message, no stack frames), and check that
 * what was saved before a fault is still there, whole, and readable.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIo } from '../../harness/cli/cli-io';
import { main } from '../../harness/cli/main';
import { TEMP_PREFIX } from '../../harness/corpus/atomic-write';
import { listEntryFiles, loadEntryFile } from '../../harness/corpus/corpus-store';
import type { CampaignReport } from '../../harness/report/campaign-report';
import { decodeReportText } from '../../harness/report/report-codec';

/** Captured output of one in-process CLI run. */
export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `lockstep <args>` in this process (main() with captured io). */
export async function cli(args: readonly string[]): Promise<Ran> {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } } satisfies CliIo & { stdout: string; stderr: string };
  const code = await main(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

/**
 * Run the CLI (from the sources) in a child process as user `uid`; undefined when this process
 * cannot (not root, or not POSIX). Root ignores file permissions, so EACCES needs this.
 */
export function cliAs(uid: number, args: readonly string[]): Promise<Ran | undefined> {
  if (process.platform === 'win32' || process.getuid?.() !== 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'cli-child.js'), ...args], { uid, gid: uid, stdio: ['ignore', 'pipe', 'pipe'], cwd: os.tmpdir() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    child.on('error', () => resolve(undefined));
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** No stack frame anywhere in the output. */
export function expectNoStack(r: Ran): void {
  expect(`${r.stdout}\n${r.stderr}`).not.toMatch(/^\s+at .+[(:]\d+/m);
  expect(r.stderr).not.toMatch(/internal error|FATAL ERROR|Error: .*\n.*node:/);
}

/**
 * The bad-input contract: exit `code`, stderr is exactly one line (a `lockstep...:` or
 * commander `error:` message) matching `re`, and no stack frame. With `codeFrame`, the line
 * may be followed by a source excerpt of the user's file (`  2 |   code`, `    |   ^`), as a
 * syntax error in a target file shows.
 */
export function expectOneLineError(r: Ran, code: number, re?: RegExp, { codeFrame = false }: { codeFrame?: boolean } = {}): void {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: expect.stringMatching(/\S/) });
  const all = r.stderr.trim().split('\n');
  const lines = codeFrame ? all.filter((l) => !/^\s*(\d+\s*)?\|/.test(l)) : all;
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^(lockstep[ :]|error: )/);
  if (re) expect(lines[0]).toMatch(re);
  expectNoStack(r);
}

/** A fresh temp directory, removed after the test file. */
export function tempDir(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lockstep-fault-${tag}-`));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Every file under `dir` (relative path -> bytes as text), temp files left out. */
export function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const n of fs.readdirSync(d).sort()) {
      const f = path.join(d, n);
      if (fs.statSync(f).isDirectory()) walk(f);
      else if (!n.startsWith(TEMP_PREFIX)) out.set(path.relative(dir, f), fs.readFileSync(f, 'utf8'));
    }
  };
  if (fs.existsSync(dir)) walk(dir);
  return out;
}

/** Everything in `before` is still in `dir`, byte for byte (later files may have been added). */
export function expectKept(before: ReadonlyMap<string, string>, dir: string): void {
  const now = snapshot(dir);
  for (const [rel, text] of before) expect({ rel, text: now.get(rel) }).toEqual({ rel, text });
}

/**
 * `dir` is a valid campaign output: report.json decodes, every corpus entry and repro.json
 * decodes (nothing half-written), no temp file is left. Returns the report.
 */
export function expectValidOut(dir: string, { tempFiles = false }: { tempFiles?: boolean } = {}): CampaignReport {
  const file = path.join(dir, 'report.json');
  const report = decodeReportText(fs.readFileSync(file, 'utf8'), file);
  if (fs.existsSync(path.join(dir, 'corpus'))) for (const f of listEntryFiles(path.join(dir, 'corpus'))) loadEntryFile(f);
  if (fs.existsSync(path.join(dir, 'findings'))) for (const f of listEntryFiles(path.join(dir, 'findings'))) loadEntryFile(f);
  if (!tempFiles) expect([...walkNames(dir)].filter((n) => n.startsWith(TEMP_PREFIX))).toEqual([]);
  return report;
}

function* walkNames(dir: string): Generator<string> {
  for (const n of fs.readdirSync(dir)) {
    yield n;
    const f = path.join(dir, n);
    if (fs.statSync(f).isDirectory()) yield* walkNames(f);
  }
}

/** tmpfs mounts of this test file, unmounted when it ends. */
const mounts: string[] = [];
afterAll(() => {
  for (const dir of mounts.splice(0)) {
    try { execFileSync('umount', ['-l', dir], { stdio: 'ignore' }); } catch { /* already gone */ }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Mount a tmpfs of `sizeKb` (read-only when `ro`) on a fresh directory, for real ENOSPC and
 * EROFS; undefined when this process cannot mount (not root, no CAP_SYS_ADMIN, not Linux):
 * the caller then simulates the failure instead. Unmounted after the test file.
 */
export function tinyTmpfs(sizeKb: number, opts: { ro?: boolean; fill?: boolean } = {}): string | undefined {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-tmpfs-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k${opts.ro ? ',ro' : ''}`, 'tmpfs', dir], { stdio: 'ignore' });
  } catch {
    fs.rmSync(dir, { recursive: true, force: true });
    return undefined;
  }
  mounts.push(dir);
  if (opts.fill) {
    // fill it up: a file as large as it takes (the write stops at ENOSPC)
    const fd = fs.openSync(path.join(dir, 'filler'), 'w');
    try { for (;;) fs.writeSync(fd, Buffer.alloc(4096)); } catch { /* full */ } finally { fs.closeSync(fd); }
  }
  return dir;
}

/** An errno-style error as Node raises it. */
export function errnoError(code: string, syscall: string, file: string): NodeJS.ErrnoException {
  const messages: Record<string, string> = { ENOSPC: 'no space left on device', EIO: 'i/o error', EROFS: 'read-only file system', EACCES: 'permission denied' };
  const e = new Error(`${code}: ${messages[code] ?? 'failed'}, ${syscall} '${file}'`) as NodeJS.ErrnoException;
  e.code = code;
  e.syscall = syscall;
  e.path = file;
  return e;
}
