/**
 * The npm lock targets in this process (their CommonJS libraries; the ESM ones, p-queue and
 * mortice 3, run through the CLI in test/e2e-async.test.ts since jest cannot import ESM
 * packages): every historical bug is found in its buggy version with the kind its variant
 * declares (among the findings of a few hundred runs) and replays from its token; the fixed version stays clean under the same budget.
 */
import { explore } from '../../harness/explore/explore';
import { replayExecution } from '../../harness/explore/replay-execution';
import { decodeReplayToken } from '../../harness/explore/replay-token';
import { builtinTargets } from '../index';
import { installedNpmLockTargets, npmLockTargets } from './index';
import { morticePr1Target } from './mortice';
import { runAsyncExecution } from '../../harness/async/run-async-execution';
import { ReplayStrategy } from '../../harness/strategy/replay';

const PAIRS: [string, string, string][] = [
  ['async-mutex-27', '0.2.4', '0.2.6'],
  ['async-mutex-52', '0.3.2', '0.4.0'],
  ['locks-mutex', '0.1.0', '0.2.2'],
  ['locks-semaphore', '0.1.0', '0.2.2'],
  ['async-lock-64', '1.4.1', '1.5.0'],
  ['mortice-pr1', '1.2.1', '1.2.2'],
];

describe('historical bugs of npm lock libraries', () => {
  const targets = npmLockTargets();
  it.each(PAIRS)('%s: %s shows its declared bug and replays it; %s is clean', async (name, buggy, fixed) => {
    const target = targets.find((t) => t.name === name)!;
    const expected = target.variants.find((v) => v.name === buggy)!.expect;
    // a bug may show first as another consequence (locks 0.1.0: the second unlock throws)
    const found = await explore({ target, variant: buggy, memory: 'sc', strategy: 'default', seed: 1, runs: 300, stopAtFirst: false });
    const f = found.findings.find((x) => x.outcome.finding?.kind === expected);
    expect(f?.outcome.finding?.kind).toBe(expected);
    const again = await replayExecution(target, decodeReplayToken(f!.replay));
    expect(again.outcome.finding?.message).toBe(f!.outcome.finding?.message);
    const clean = await explore({ target, variant: fixed, memory: 'sc', strategy: 'default', seed: 1, runs: 150 });
    expect(clean.findings.map((f) => f.outcome.finding?.message)).toEqual([]);
    expect(clean.executions).toBe(150);
  });
});

describe('mortice-pr1: a fresh mutex per execution', () => {
  it('a target object made later (the campaign resolves one per batch) replays a violation exactly, beside the stuck mutex of the first', async () => {
    // the violation ends the execution with the writer stopped inside: its mutex stays held forever.
    // mortice 1.x keeps mutexes by name, process-wide; a name counted per target object came round
    // again with the next batch's object, which got that held mutex (a hang of one task, or
    // "uncontrolled nondeterminism" in the determinism check)
    const workload = { ops: [['write'], ['read']] };
    const run = async (decisions: readonly number[]) => {
      const s = new ReplayStrategy(decisions);
      s.beginExecution(0);
      return runAsyncExecution({ target: morticePr1Target(), variant: '1.2.1', workload, strategy: s });
    };
    const first = await run([]);
    expect(first.finding?.message).toMatch(/entered the critical section exclusive while task\d \(shared\) was inside/);
    const again = await run(first.decisions);
    expect(again.events).toEqual(first.events);
    expect(again.finding?.message).toBe(first.finding?.message);
  });
});

describe('current versions', () => {
  it('async-lock 1.5.0 gives key c two holders with three overlapping multi-key acquires (C2), and the token replays it', async () => {
    const target = npmLockTargets().find((t) => t.name === 'async-lock')!;
    const r = await explore({ target, variant: '1.5.0', memory: 'sc', strategy: 'default', seed: 1, runs: 200 });
    const f = r.findings[0];
    expect(f?.outcome.finding?.message).toMatch(/^task\d entered the critical section of key "c" while task\d was inside \(mutual exclusion broken\)$/);
    const again = await replayExecution(target, decodeReplayToken(f!.replay));
    expect(again.outcome.finding?.message).toBe(f!.outcome.finding?.message);
  });
});

describe('npm lock targets as built-ins', () => {
  it('are registered when their libraries are installed, with distinct names', () => {
    const names = builtinTargets().map((t) => t.name);
    for (const t of npmLockTargets()) expect(names).toContain(t.name);
    expect(new Set(names).size).toBe(names.length);
  });

  it('are skipped with a note naming the missing package when it is not installed (lockstep installed as a package)', () => {
    const r = installedNpmLockTargets((pkg) => pkg !== 'p-queue-7.3.0' && pkg !== 'mortice');
    expect(r.skipped).toEqual([{ name: 'mortice', missing: ['mortice'] }, { name: 'p-queue-168', missing: ['p-queue-7.3.0'] }]);
    expect(r.targets.map((t) => t.name)).not.toContain('p-queue-168');
    expect(r.targets.length).toBe(npmLockTargets().length - 2);
  });
});
