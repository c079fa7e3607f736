/**
 * The test-runner core: a variant check's verdict and message (the interleaving table and a
 * replay command on failure), regression replays of corpus entries, the matchers' messages;
 * and lockstep/jest's describeTarget declaring real tests (this file's last describe block).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { explore } from '../explore/explore';
import { saveEntry, loadEntryFile } from '../corpus/corpus-store';
import { buildCorpusEntry } from '../corpus/build-corpus-entry';
import { mergeKnobs } from '../explore/merge-knobs';
import type { Target } from '../target/target';
import { mutexTarget } from '../workloads/lock-target';
import type { MutexImpl } from '../workloads/lock-models';
import type { SetupEnv } from '../target/target';
import { checkVariant } from './variant-check';
import { checkCorpusEntry, corpusEntriesOf } from './corpus-check';
import { lockstepMatchers } from './matchers';
import { describeTarget } from './jest';
import { lockstepSuite } from './lockstep-suite';
import { LockstepTestFailure } from './lockstep-test-failure';
import { describeTarget as vitestDescribeTarget } from './vitest';

function tas(env: SetupEnv, atomic: boolean): MutexImpl {
  const word = env.mem.cell('lock', 0);
  return {
    *lock(t) {
      for (;;) {
        t.at('take');
        if (atomic) { if ((yield* t.cmpxchg(word, 0, 1)) === 0) return; } else if ((yield* t.readOnce(word)) === 0) { t.at('set'); yield* t.writeOnce(word, 1); return; }
        yield* t.waitUntil(word, (v) => v === 0);
      }
    },
    *unlock(t) { yield* t.store(word, 0, 'release'); },
  };
}

const lock = (buggyExpect: 'violation' | 'clean'): Target => mutexTarget({
  name: 'tas', summary: 'test-and-set', threads: { max: 3, default: 2 }, opsPerThread: { max: 2, default: 1 },
  variants: [
    { name: 'fixed', summary: '', expect: 'clean', create: (env) => tas(env, true) },
    { name: 'buggy', summary: '', expect: buggyExpect, create: (env) => tas(env, false) },
  ],
});

describe('checkVariant', () => {
  it('passes a clean variant and a buggy one that shows its bug', async () => {
    expect((await checkVariant(lock('violation'), 'fixed', 'sc', { runs: 300 })).pass).toBe(true);
    const b = await checkVariant(lock('violation'), 'buggy', 'sc', { runs: 300 });
    expect(b).toMatchObject({ pass: true, finding: { kind: 'violation' } });
  });
  it('fails a variant declared clean that is not, with the shrunk interleaving and a replay command', async () => {
    const r = await checkVariant(lock('clean'), 'buggy', 'tso', { runs: 300, module: 'locks/tas.ts' });
    expect(r.pass).toBe(false);
    expect(r.message).toMatch(/^tas:buggy under tso: unexpected violation \(expected clean\)/);
    expect(r.message).toMatch(/step \| cpu0/);
    expect(r.message).toMatch(/replay: npx lockstep replay ls1\./);
    expect(r.finding!.preemptions).toBeLessThanOrEqual(2);
  });
});

describe('checkCorpusEntry', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-test-runner-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  it('a recorded bug of a buggy variant must still reproduce; one of a clean variant must stay fixed', async () => {
    const t = lock('violation');
    const found = await explore({ target: t, variant: 'buggy', memory: 'sc', strategy: 'default', seed: 3, runs: 300 });
    const outcome = found.findings[0]!.outcome;
    const entry = buildCorpusEntry({
      target: 'tas', variant: 'buggy', memory: 'sc', knobs: mergeKnobs(t, 'buggy', 'sc'), workload: found.workload, maxSteps: 2000,
      outcome, source: { strategy: 'default', seed: 3 }, harnessVersion: 'test', date: '2026-12-06',
    });
    saveEntry(dir, entry);
    saveEntry(dir, { ...entry, variant: 'fixed' });
    const loaded = corpusEntriesOf(t, dir);
    expect(loaded).toHaveLength(2);
    const byVariant = Object.fromEntries(await Promise.all(loaded.map(async (l) => [l.entry.variant, await checkCorpusEntry(t, l)] as const)));
    expect(byVariant.buggy).toMatchObject({ pass: true, status: 'reproduces' });
    expect(byVariant.fixed!.pass).toBe(true);
    // the same entries against a build where the fix regressed: the 'fixed' entry now fails, with its interleaving
    const regressed = mutexTarget({ name: 'tas', summary: '', threads: { max: 3, default: 2 }, opsPerThread: { max: 2, default: 1 }, variants: [
      { name: 'fixed', summary: '', expect: 'clean', create: (env) => tas(env, false) },
      { name: 'buggy', summary: '', expect: 'violation', create: (env) => tas(env, false) },
    ] });
    const again = await checkCorpusEntry(regressed, loaded.find((l) => l.entry.variant === 'fixed')!);
    expect(again.pass).toBe(false);
    expect(again.message).toMatch(/the recorded failure is back \(reproduces\)/);
    expect(again.message).toMatch(/replay: npx lockstep replay /);
    // a variant that is gone: stale, a failure (never "fixed")
    const gone = await checkCorpusEntry(regressed, { ...loadEntryFile(loaded[0]!.path), entry: { ...loaded[0]!.entry, variant: 'renamed' } });
    expect(gone).toMatchObject({ pass: false, status: 'stale' });
    expect(gone.message).toMatch(/STALE, target 'tas' has no variant 'renamed'/);
  });
});

describe('matchers', () => {
  it('toBeLinearizable explains a history that is not', () => {
    const ops = [
      { id: 0, process: 0, f: 'acquire', input: undefined, output: undefined, call: 1, ret: 2 },
      { id: 1, process: 1, f: 'acquire', input: undefined, output: undefined, call: 3, ret: 4 },
    ];
    const r = lockstepMatchers.toBeLinearizable.call({}, ops, 'mutex');
    expect(r.pass).toBe(false);
    expect(r.message()).toMatch(/not linearizable against mutex/);
    expect(r.message()).toMatch(/#1 p1 acquire/);
    expect(lockstepMatchers.toBeLinearizable.call({}, [ops[0]!], 'mutex').pass).toBe(true);
  });
  it('toHaveNoFindings shows the interleaving and the replay command', async () => {
    const r = await explore({ target: lock('violation'), variant: 'buggy', memory: 'sc', strategy: 'default', seed: 1, runs: 300 });
    const m = lockstepMatchers.toHaveNoFindings.call({}, r);
    expect(m.pass).toBe(false);
    expect(m.message()).toMatch(/found violation: mutual exclusion violated[\s\S]*step \| cpu0[\s\S]*replay: npx lockstep replay ls1\./);
    expect(lockstepMatchers.toFindBug.call({}, r, 'hang').pass).toBe(false);
  });
  it('are registered on jest\'s expect by lockstep/jest', async () => {
    const r = await explore({ target: lock('violation'), variant: 'fixed', memory: 'sc', strategy: 'default', seed: 1, runs: 100 });
    expect(r).toHaveNoFindings();
    expect([{ id: 0, process: 0, f: 'acquire', input: undefined, output: undefined, call: 1, ret: 2 }]).toBeLinearizable('mutex');
  });
});

describe('lockstep/vitest with the api passed in', () => {
  it('declares the same tests through the given describe/test, and they run', async () => {
    const registered: { name: string; fn: () => Promise<void> }[] = [];
    const names: string[] = [];
    const test = Object.assign((name: string, fn: () => Promise<void>) => { registered.push({ name, fn }); }, { skip: (name: string) => { names.push(`skipped ${name}`); } });
    const api = { describe: (name: string, fn: () => void) => { names.push(name); fn(); }, test };
    vitestDescribeTarget(lock('violation'), { runs: 200, memory: ['sc'], corpus: false }, api);
    expect(names).toEqual(['tas']);
    expect(registered.map((r) => r.name)).toEqual(['fixed under sc is clean', 'buggy under sc shows a violation']);
    for (const r of registered) await r.fn();
    // a wrong expectation makes its test throw the readable failure
    const failing: { name: string; fn: () => Promise<void> }[] = [];
    vitestDescribeTarget(lock('clean'), { runs: 200, memory: ['sc'], corpus: false, variants: ['buggy'] }, { describe: (_n, fn) => fn(), test: Object.assign((name: string, fn: () => Promise<void>) => { failing.push({ name, fn }); }, { skip: () => undefined }) });
    await expect(failing[0]!.fn()).rejects.toThrow(/unexpected violation \(expected clean\)[\s\S]*replay: npx lockstep replay ls1\./);
  });
});

describe('a mistake in the target', () => {
  it('fails its test with one line naming the module, not as a finding of the lock', async () => {
    const broken = mutexTarget({ name: 'st', summary: '', variants: [{ name: 'main', summary: '', expect: 'clean', create: () => { throw new Error('no cells'); } }] });
    const suite = lockstepSuite(broken, { runs: 10, memory: ['sc'], corpus: false, module: 'locks/st.ts' });
    const e = await suite.cases[0]!.run().then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(LockstepTestFailure);
    expect((e as Error).message).toMatch(/^mistake in the target: locks\/st\.ts: target 'st', variant 'main': setup threw Error: no cells/);
    expect((e as Error).stack).not.toMatch(/\n\s+at /);
  });
  it('a thread that never yields stops its test (runaway guard) instead of hanging the test run', async () => {
    const spinner: Target = {
      name: 'spinner', summary: '', workload: { threads: { min: 1, max: 1, default: 1 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
      variants: [{ name: 'main', summary: '', expect: { sc: 'clean', tso: 'clean' } }],
      setup: () => ({ threads: [{ name: 'spin', body: function* (t) { yield* t.cpuRelax(); for (;;) { /* no step */ } } }] }),
    };
    const suite = lockstepSuite(spinner, { runs: 10, memory: ['sc'], corpus: false, runawayMs: 300 });
    const e = await suite.cases[0]!.run().then(() => undefined, (x: unknown) => x);
    expect(e).toBeInstanceOf(LockstepTestFailure);
    expect((e as Error).message).toMatch(/^mistake in the target: a thread never yielded to the scheduler for 300 ms/);
  });
});

describe('an async target file under jest', () => {
  it('runs in jest\'s sandbox, where the async front end installs its virtual timers (a copy loaded by jiti would call the real ones)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-async-suite-'));
    try {
      const file = path.join(dir, 'timed.target.ts');
      fs.writeFileSync(file, fs.readFileSync(path.join(__dirname, 'fixtures', 'async-timed-target.ts.txt'), 'utf8'));
      const suite = lockstepSuite(file, { runs: 100, corpus: false });
      // async targets run under sc only
      expect(suite.cases.map((c) => c.name)).toEqual(['fixed under sc is clean', 'leaky under sc shows a hang']);
      for (const c of suite.cases) await c.run();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// lockstep/jest declaring real tests: if the integration broke, these fail
describeTarget(lock('violation'), { runs: 300, memory: ['sc', 'tso'], corpus: false });
