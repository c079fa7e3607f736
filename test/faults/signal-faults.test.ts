/**
 * Fault battery, signals and kills (issue 10): SIGINT, SIGTERM and SIGHUP end a campaign with
 * the partial report (exit 130 / 143 / 129); a campaign killed at any moment (SIGKILL, an OOM
 * kill, a power cut: whatever is on disk at that instant) leaves a valid corpus and a
 * report.json that `lockstep merge` accepts.
 */
import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from '../../harness/cli/cli-io';
import { handleInterrupts, type SignalSource } from '../../harness/cli/interrupt-signals';
import { cli, expectNoStack, expectValidOut, tempDir } from './fault-support';

const root = tempDir('sig');

describe('handleInterrupts', () => {
  const fake = (): SignalSource & EventEmitter & { exits: number[] } => Object.assign(new EventEmitter(), { exits: [] as number[], exit(code: number): never { (this as unknown as { exits: number[] }).exits.push(code); return undefined as never; } });
  const io = (): CliIo & { stderr: string } => { const x = { stderr: '', exitCode: 0, isTty: false, out() { /* unused */ }, err(s: string) { x.stderr += s; } }; return x; };
  it.each([['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const)('%s aborts once and exits %i on the second signal', (sig, code) => {
    const src = fake();
    const out = io();
    const h = handleInterrupts(out, 'lockstep fuzz', 'writing the partial report', src);
    expect(h.signal.aborted).toBe(false);
    src.emit(sig);
    expect(h.signal.aborted).toBe(true);
    expect(h.exitCode()).toBe(code);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(src.exits).toEqual([]);
    src.emit('SIGINT'); // any second signal: at once, with the first one's code
    expect(src.exits).toEqual([code]);
    h.dispose();
    expect(src.listenerCount(sig)).toBe(0);
  });
});

describe('lockstep fuzz under a signal: the partial report, exit 128 + n', () => {
  it.each([['SIGTERM', 143], ['SIGHUP', 129]] as const)('%s (in process)', async (sig, code) => {
    const out = path.join(root, `in-${sig}`);
    const timer = setTimeout(() => process.emit(sig), 400);
    const r = await cli(['fuzz', 'tas', 'ticket', '--time', '60', '--workers', '0', '--out', out]);
    clearTimeout(timer);
    expect(r.code).toBe(code);
    expect(r.stderr).toMatch(new RegExp(`${sig} received; finishing running batches and writing the partial report`));
    expectNoStack(r);
    const report = expectValidOut(out);
    expect(report.interrupted).toBe(true);
    expect(report.cells.some((c) => c.executions > 0)).toBe(true);
    expect(r.stdout).toMatch(/INTERRUPTED \(partial report\)/);
  });
});

/**
 * Copy what is on disk in `dir` right now: what a kill at this instant would leave behind. A
 * file renamed or removed while we copy is simply missing from the copy, which is what a kill
 * between the listing and the rename leaves too.
 */
function freeze(dir: string, to: string): void {
  fs.mkdirSync(to, { recursive: true });
  for (const name of fs.readdirSync(dir)) {
    const from = path.join(dir, name);
    try {
      if (fs.statSync(from).isDirectory()) freeze(from, path.join(to, name));
      else fs.copyFileSync(from, path.join(to, name));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
  }
}

describe('a campaign killed at any moment leaves a valid, mergeable output', () => {
  it('every on-disk state during a campaign (each batch boundary) is valid and merges', async () => {
    const out = path.join(root, 'moments');
    const frozen: string[] = [];
    // what a SIGKILL would leave at each batch boundary: the files on disk at that instant
    let n = 0;
    const interval = setInterval(() => { if (fs.existsSync(out)) { const to = path.join(root, `moment-${n++}`); freeze(out, to); frozen.push(to); } }, 15);
    const r = await cli(['fuzz', 'tas', 'ticket', 'mcs', '--memory', 'sc', '--runs', '600', '--seed', '3', '--workers', '0', '--out', out]);
    clearInterval(interval);
    expect(r.code).toBe(1);
    expect(frozen.length).toBeGreaterThan(3);
    for (const dir of frozen) {
      // temp files of writes in flight may be there: readers skip them
      expectValidOut(dir, { tempFiles: true });
      const m = await cli(['merge', dir, '--out', `${dir}-merged`]);
      expect({ dir, code: m.code, stderr: m.stderr }).toEqual({ dir, code: 0, stderr: '' });
    }
    // the last moments hold findings, each with its corpus entry
    const last = expectValidOut(frozen.at(-1)!, { tempFiles: true });
    expect(last.findings.length + fs.readdirSync(path.join(frozen.at(-1)!, 'corpus')).length).toBeGreaterThan(0);
  });

  const child = path.join(__dirname, 'cli-child.js');
  /** Spawn the CLI; resolves its exit code (or 128 + signal) once `until` holds and `sig` was sent. */
  const killWhen = (args: string[], out: string, sig: NodeJS.Signals, until: () => boolean): Promise<{ code: number; stderr: string }> => new Promise((resolve) => {
    const p = spawn(process.execPath, [child, ...args, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    p.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    const poll = setInterval(() => { if (until()) { clearInterval(poll); p.kill(sig); } }, 50);
    p.on('exit', (code, signal) => { clearInterval(poll); resolve({ code: code ?? 128 + (signal === 'SIGKILL' ? 9 : 15), stderr }); });
  });
  const hasFindings = (out: string) => (): boolean => {
    try { return JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8')).findings.length > 0 && fs.readdirSync(path.join(out, 'corpus')).length > 0; } catch { return false; }
  };

  it('a real SIGKILL of the CLI process, after it found something: valid corpus, merge accepts the report', async () => {
    const out = path.join(root, 'kill9');
    const r = await killWhen(['fuzz', '--time', '120', '--workers', '1'], out, 'SIGKILL', hasFindings(out));
    expect(r.code).toBe(137);
    const report = expectValidOut(out, { tempFiles: true });
    expect(report.interrupted).toBe(true);
    const m = await cli(['merge', out, '--out', `${out}-merged`]);
    expect(m.code).toBe(0);
    expect(m.stdout).toMatch(/unique finding/);
  });

  it('a real SIGTERM (a CI job timeout): exit 143, the partial report, merge accepts it', async () => {
    const out = path.join(root, 'term');
    const r = await killWhen(['fuzz', '--time', '120', '--workers', '1'], out, 'SIGTERM', hasFindings(out));
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/SIGTERM received/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const report = expectValidOut(out);
    expect(report.interrupted).toBe(true);
    expect(fs.existsSync(path.join(out, 'summary.md'))).toBe(true);
    expect((await cli(['merge', out, '--out', `${out}-merged`])).code).toBe(0);
  });
});
