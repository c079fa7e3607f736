/**
 * Fault battery, runaway targets (issue 10): a thread that never yields to the scheduler is
 * stopped within a bounded time wherever it runs: pool workers, in process (`--workers 0`),
 * `run`, `replay`, `triage`. Campaigns record it as a runaway finding and carry on; the
 * single-run commands report it as a mistake in the target (exit 2, one line).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeReplayToken } from '../../harness/explore/replay-token';
import { Command } from 'commander';
import { builtinTargets } from '../../targets';
import { CliError } from '../../harness/cli/cli-error';
import { registerReplay } from '../../harness/cli/commands/replay';
import { registerRun } from '../../harness/cli/commands/run';
import { saveEntry } from '../../harness/corpus/corpus-store';
import { loadTargetModule } from '../../harness/target/load-target-module';
import { guardSupported } from '../../harness/runaway/runaway-guard';
import { cli, expectNoStack, expectOneLineError, expectValidOut, tempDir, type Ran } from './fault-support';

const root = tempDir('runaway');
/** Thread 1 loops without a yield on the `stuck` variant; `fine` always yields. */
const file = path.join(root, 'spinner.js');
fs.writeFileSync(file, `
exports.spinner = {
  name: 'spinner', summary: 'thread 1 loops without yielding',
  variants: [
    { name: 'stuck', summary: 'never yields', expect: { sc: 'hang', tso: 'hang' } },
    { name: 'fine', summary: 'always yields', expect: { sc: 'clean', tso: 'clean' } },
  ],
  workload: { threads: { min: 2, max: 2, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
  setup(env, variant) {
    const body = function* (t) { yield* t.cpuRelax(); if (t.id === 1 && variant === 'stuck') { for (;;) { /* no yield */ } } };
    return { threads: [{ body }, { body }] };
  },
};
`);
const describeIf = guardSupported() ? describe : describe.skip;

describeIf('a thread that never yields', () => {
  it('fuzz --workers 0: recorded as a runaway finding, the other cells still run (exit 1)', async () => {
    const out = path.join(root, 'fuzz-inproc');
    // 2 s, not 300 ms: on a loaded machine (load 20+ on 2 cores) a GC pause or descheduling
    // stalled a correct tas:xchg execution for 300 ms, and it was killed as a runaway too
    const r = await cli(['fuzz', `${file}:stuck`, 'tas:xchg', '--memory', 'sc', '--runs', '200', '--workers', '0', '--runaway-ms', '2000', '--out', out]);
    expect(r.code).toBe(1);
    expectNoStack(r);
    const report = expectValidOut(out);
    const f = report.findings.find((x) => x.kind === 'runaway');
    expect(f?.target).toBe('spinner');
    expect(f?.message).toMatch(/never yielded to the scheduler: execution 0 of batch 0/);
    expect(report.cells.find((c) => c.target === 'tas')!.executions).toBe(200);
  });

  /** `lockstep <args>` with the spinner target registered beside the built-in ones. */
  const withSpinner = async (register: typeof registerRun | typeof registerReplay, args: string[]): Promise<Ran> => {
    const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.err2 += s; }, err2: '' };
    const program = new Command('lockstep').exitOverride();
    register(program, io as never, { targets: () => [...builtinTargets(), ...loadTargetModule(file).targets] });
    try {
      await program.parseAsync(args, { from: 'user' });
      return { code: io.exitCode, stdout: io.stdout, stderr: io.err2 };
    } catch (e) {
      if (e instanceof CliError) return { code: e.exitCode, stdout: io.stdout, stderr: `lockstep: ${e.message}\n` };
      throw e;
    }
  };

  it('run: stopped, reported as a mistake in the target with the seed that reproduces it (exit 2)', async () => {
    const r = await withSpinner(registerRun, ['run', 'spinner:stuck', '--runaway-ms', '300']);
    expectOneLineError(r, 2, /spinner:stuck \(sc\): a thread never yielded to the scheduler for 300 ms \(execution 0, seed 24301\)/);
  });

  it('replay of a token whose run never yields: exit 2, one line', async () => {
    const token = encodeReplayToken({ target: 'spinner', variant: 'stuck', memory: 'sc', knobs: {}, workload: { ops: [['op'], ['op']] }, decisions: [1, 1], maxSteps: 100 });
    const r = await withSpinner(registerReplay, ['replay', token, '--runaway-ms', '300']);
    expectOneLineError(r, 2, /replay spinner:stuck \(sc\): a thread never yielded to the scheduler for 300 ms/);
  });

  it('replay DIR: the entry that runs away is listed, the others replayed (exit 2)', async () => {
    const dir = path.join(root, 'runaway-corpus');
    const base = { formatVersion: 1, variant: 'stuck', memory: 'sc' as const, knobs: { ipiSendIsFence: true, lockAcquireIsFence: true, pvCallIsFence: true, unlockIsFence: false }, workload: { ops: [['op'], ['op']] }, decisions: [1, 1], maxSteps: 100, harnessVersion: 't', date: 'd', source: { strategy: 'pos', seed: 1 } };
    saveEntry(dir, { ...base, target: 'spinner', finding: { kind: 'hang', message: 'm', signature: 'hang:x', preemptions: 1 } });
    const good = await cli(['fuzz', 'tas:check-then-set', '--memory', 'sc', '--runs', '200', '--seed', '7', '--workers', '0', '--out', path.join(root, 'rg-out'), '--corpus', dir]);
    expect(good.code).toBe(1);
    const r = await withSpinner(registerReplay, ['replay', dir, '--runaway-ms', '300']);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/^RUNAWAY\s+spinner:stuck \(sc\)/m);
    expect(r.stdout).toMatch(/^REPRODUCES\s+tas:check-then-set/m);
    expectNoStack(r);
  });

  it('triage --workers 0: the runaway side is a finding; the command finishes (no hang)', async () => {
    const empty = path.join(root, 'empty-corpus');
    fs.mkdirSync(empty, { recursive: true });
    const r = await cli(['triage', file, '--base', 'fine', '--patch', 'stuck', '--memory', 'sc', '--runs', '200', '--workers', '0', '--runaway-ms', '300', '--corpus', empty]);
    expectNoStack(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/INTRODUCED \| sc \| campaign .*runaway/);
  });
});
