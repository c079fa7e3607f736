/**
 * Mistakes in a user's target (issue 8 "Bad input"): exit 2 with one message naming the file,
 * the export and what was expected; never a finding of the lock, never a harness stack trace.
 * An exception thrown by the lock's own code during a step stays a finding (crash, exit 1).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../harness/cli/main';
import type { CliIo } from '../harness/cli/cli-io';

const project = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bad-targets-')));
const home = process.cwd();
beforeAll(() => {
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "bad", "private": true }\n');
  process.chdir(project);
});
afterAll(() => {
  process.chdir(home);
  fs.rmSync(project, { recursive: true, force: true });
});

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = { stdout: '', stderr: '', exitCode: 0, isTty: false, out(s: string) { io.stdout += s; }, err(s: string) { io.stderr += s; } } as CliIo & { stdout: string; stderr: string };
  const code = await main(args, io);
  return { code, out: io.stdout, err: io.stderr };
}

/** A one-thread target whose setup and body are given as source text. */
function target(file: string, opts: { spec?: string; setup?: string; body?: string; threads?: string }): string {
  const body = opts.body ?? 'function* (t) { yield* t.cpuRelax(); }';
  fs.writeFileSync(path.join(project, file), `export const lock = {
  name: 'lock', summary: 'test', ${opts.spec !== undefined ? `spec: ${JSON.stringify(opts.spec)},` : ''}
  variants: [{ name: 'v', summary: '', expect: { sc: 'clean', tso: 'clean' } }],
  workload: { threads: ${opts.threads ?? '{ min: 1, max: 2, default: 1 }'}, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
  setup(env: any, variant: string, workload: any) {
    ${opts.setup ?? ''}
    return { threads: workload.ops.map((_: unknown, i: number) => ({ name: 'cpu' + i, body: ${body} })) };
  },
};\n`);
  return file;
}

function expectMistake(r: { code: number; err: string; out: string }, pattern: RegExp): void {
  expect(r.code).toBe(2);
  expect(r.err.split('\n').filter((l) => l !== '')).toHaveLength(1);
  expect(r.err).toMatch(pattern);
  expect(r.err).not.toMatch(/\n\s+at /);
  expect(r.out).not.toMatch(/crash/);
}

describe('a mistake in a target is exit 2 naming the file, the export and what was expected', () => {
  it('a module that exports no Target', async () => {
    fs.writeFileSync(path.join(project, 'empty.ts'), 'export const answer = 42;\n');
    expectMistake(await cli('run', 'empty.ts'), /^lockstep: target file 'empty\.ts' exports no Target \(expected an object with name, summary, variants, workload and setup.*its exports: answer\)/);
  });

  it('an async thread body: points at the async front end (run and fuzz)', async () => {
    const f = target('async-body.ts', { body: 'async function (t) { await t.cpuRelax(); }' });
    const pattern = /^lockstep: async-body\.ts \(export lock\): target 'lock', variant 'v': thread cpu0: its body is an async function: .*an AsyncTarget, kind: 'async'/;
    expectMistake(await cli('run', f), pattern);
    expectMistake(await cli('fuzz', f, '--runs', '20', '--workers', '0', '--out', 'o1'), pattern);
  });

  it('a setup that throws, with the line of the target code', async () => {
    const f = target('throwing-setup.ts', { setup: "if (workload.ops.length > 0) throw new RangeError('no cells left');" });
    expectMistake(await cli('run', f), /^lockstep: throwing-setup\.ts \(export lock\): target 'lock', variant 'v': setup threw RangeError: no cells left \(at throwing-setup\.ts:6:\d+\) for the workload op( \| op)?\n$/);
  });

  it('a workload outside the declared shape, or one the setup rejects', async () => {
    const f = target('shape.ts', { setup: "if (workload.ops.length > 1) throw new Error('this lock supports one thread');" });
    expectMistake(await cli('run', f, '--threads', '5'), /^lockstep: shape\.ts \(export lock\): --threads 5: target 'lock' supports 1\.\.2 threads/);
    expectMistake(await cli('run', f, '--threads', '2'), /^lockstep: shape\.ts \(export lock\): .*setup threw Error: this lock supports one thread/);
  });

  it("a variant's own workload outside the shape is a mistake of the declaration", async () => {
    fs.writeFileSync(path.join(project, 'default-workload.ts'), fs.readFileSync(path.join(project, target('dw-base.ts', {})), 'utf8')
      .replace("expect: { sc: 'clean', tso: 'clean' } }", "expect: { sc: 'clean', tso: 'clean' }, defaultWorkload: { ops: [['op'], ['frob']] } }"));
    expectMistake(await cli('run', 'default-workload.ts'), /^lockstep: default-workload\.ts \(export lock\): target 'lock': variant 'v': defaultWorkload does not fit: thread 1 performs 'frob'/);
  });

  it('an unknown spec name, listing the known ones', async () => {
    const f = target('spec.ts', { spec: 'mutx' });
    expectMistake(await cli('run', f), /^lockstep: spec\.ts \(export lock\): target 'lock': unknown spec "mutx" \(expected one of: mutex, /);
  });

  it('a history operation its spec does not know (run and fuzz)', async () => {
    const f = target('unknown-op.ts', { spec: 'mutex', body: "function* (t) { t.invoke('frob'); yield* t.cpuRelax(); t.ok(); }" });
    const pattern = /^lockstep: unknown-op\.ts \(export lock\): target 'lock': checking its history against spec 'mutex' failed: .*spec mutex has no operation "frob" \(expected one of: acquire, /;
    expectMistake(await cli('run', f, '--runs', '5'), pattern);
    expectMistake(await cli('fuzz', f, '--runs', '20', '--workers', '0', '--out', 'o2'), pattern);
  });

  it('a mistake a batch finds after the preflight passed: exit 2, one line naming the file (fuzz, in process and in a worker)', async () => {
    // the setup works for the preflight's execution, then throws: a mistake no single execution shows
    // (a counter per file on the global object: the preflight and an in-process batch share it)
    for (const [file, workers] of [['late-mistake.ts', '0'], ['late-mistake-pool.ts', '1']] as const) {
      const key = JSON.stringify(file);
      const f = target(file, { setup: `const g = globalThis as any; g[${key}] = (g[${key}] ?? 0) + 1; if (g[${key}] > 3) throw new RangeError('out of slots');` });
      const pattern = new RegExp(`^lockstep: ${file.replace('.', '\\.')} \\(export lock\\): target 'lock', variant 'v': setup threw RangeError: out of slots`);
      const r = await cli('fuzz', f, '--memory', 'sc', '--runs', '20', '--workers', workers, '--progress', 'off', '--out', `o-${file}`); expectMistake(r, pattern);
    }
  });

  it("an exception of the lock's own code during a step is a crash finding (exit 1)", async () => {
    const f = target('crashing.ts', { body: "function* (t) { yield* t.cpuRelax(); throw new TypeError('lock code bug'); }" });
    const r = await cli('run', f, '--runs', '5');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/crash/);
    expect(r.out).toMatch(/cpu0 threw TypeError: lock code bug/);
  });
});
