import fc from 'fast-check';
import { findingSignature } from '../corpus/finding-signature';
import type { ExecutionOutcome, Finding } from '../runtime/outcome';
import type { FuzzRunRequest } from './fuzz-engine';
import { runBatch } from './run-batch';
import { shrinkRun } from './shrink-run';
import { DEFAULT_TUNING, type BatchSpec, type FuzzTask } from './fuzz-types';
import type { StrategyRequest } from './fuzz-engine';
import { RACY_FLAG_TARGET, racyFlagEngine } from './testing/racy-flag-engine';
import { sameOpCount } from '../target/workload-constraints';

const task = (variant: string): FuzzTask => ({ ref: { kind: 'builtin', name: 'racy-flag' }, target: 'racy-flag', variant, memory: 'sc' });
const env = { engine: racyFlagEngine(), resolveTarget: () => RACY_FLAG_TARGET };
const batch = (variant: string, seed: number, runs = 150): BatchSpec => ({ task: task(variant), index: 0, seed, runs, tuning: DEFAULT_TUNING });

describe('runBatch', () => {
  it('is a pure function of its spec', async () => {
    const a = await runBatch(batch('racy', 7), env);
    const b = await runBatch(batch('racy', 7), env);
    expect(b).toEqual(a);
    expect(a.executions).toBe(150);
  });
  it('finds the race of the racy variant once per signature, with a count', async () => {
    const r = await runBatch(batch('racy', 11), env);
    expect(r.findings.map((f) => f.signature)).toEqual(['violation:cs']);
    expect(r.findings[0].count).toBeGreaterThanOrEqual(1);
    expect(r.coverage.length).toBeGreaterThan(0);
    expect(r.arms.reduce((s, a) => s + a.executions, 0)).toBe(r.executions);
  });
  it('gives the same result when the engine answers with promises (the async front end\'s seam)', async () => {
    const engine = racyFlagEngine();
    const deferred = { ...engine, execute: async (req: Parameters<typeof engine.execute>[0]) => { await new Promise((r) => setImmediate(r)); return engine.execute(req); } };
    const sync = await runBatch(batch('racy', 7), env);
    const viaPromises = await runBatch(batch('racy', 7), { engine: deferred, resolveTarget: () => RACY_FLAG_TARGET });
    expect(viaPromises).toEqual(sync);
    const f = sync.findings[0]!;
    const spec = { task: task('racy'), finding: f, tuning: DEFAULT_TUNING };
    expect(await shrinkRun(spec, RACY_FLAG_TARGET, deferred)).toEqual(await shrinkRun(spec, RACY_FLAG_TARGET, engine));
  });
  it('finds nothing in the atomic variant', async () => {
    const r = await runBatch(batch('atomic', 11), env);
    expect(r.findings).toEqual([]);
  });
  it('hands pos, random and PCT over to the fair continuation at half the step bound, as explore does', async () => {
    const requests: StrategyRequest[] = [];
    const engine = racyFlagEngine();
    const recording = { ...engine, strategy: (req: StrategyRequest) => { requests.push(req); return engine.strategy(req); } };
    await runBatch(batch('atomic', 5, 100), { engine: recording, resolveTarget: () => RACY_FLAG_TARGET });
    const kinds = new Set(requests.map((r) => r.kind));
    expect([...kinds].sort()).toEqual(['decisions', 'dfs', 'pct', 'pos', 'random', 'urw']);
    for (const r of requests) {
      if (r.kind === 'pos' || r.kind === 'random' || r.kind === 'urw' || r.kind === 'pct') expect(r.prefixLimit).toBe(RACY_FLAG_TARGET.maxSteps! / 2);
      else expect('prefixLimit' in r).toBe(false);
    }
  });
  it("runs a variant's stated workload in part of the runs (not in the bounded exhaustive arm)", async () => {
    const stated = { ops: [['trylock'], ['trylock'], ['trylock'], ['lock', 'lock']] };
    const target = { ...RACY_FLAG_TARGET, variants: RACY_FLAG_TARGET.variants.map((v) => (v.name === 'atomic' ? { ...v, defaultWorkload: stated } : v)) };
    const seen: string[] = [];
    const engine = racyFlagEngine();
    const recording = { ...engine, execute: (req: Parameters<typeof engine.execute>[0]) => { seen.push(JSON.stringify(req.workload.ops)); return engine.execute(req); } };
    await runBatch(batch('atomic', 5, 150), { engine: recording, resolveTarget: () => target });
    const share = seen.filter((w) => w === JSON.stringify(stated.ops)).length / seen.length;
    expect(share).toBeGreaterThan(0.15);
    expect(share).toBeLessThan(0.5);
    const plain: string[] = [];
    await runBatch(batch('atomic', 5, 150), { engine: { ...engine, execute: (req) => { plain.push(JSON.stringify(req.workload.ops)); return engine.execute(req); } }, resolveTarget: () => RACY_FLAG_TARGET });
    expect(plain.filter((w) => w === JSON.stringify(stated.ops)).length / plain.length).toBeLessThan(0.05);
  });
  it('spreads runs over every arm and retires an exhausted dfs', async () => {
    const r = await runBatch(batch('atomic', 3, 300), env);
    for (const a of r.arms) expect(a.executions).toBeGreaterThan(0);
    expect(r.arms.find((a) => a.arm === 'dfs')?.exhausted).toBe(true);
  });
});

describe('shrinkRun', () => {
  it('shrinks to two threads, one op each, with the two preemptions the race needs, deterministically', async () => {
    // collect failing runs from several batches and shrink each
    for (const seed of [1, 2, 3, 4]) {
      const r = await runBatch({ ...batch('racy', seed, 200) }, env);
      const f = r.findings[0];
      expect(f).toBeDefined();
      const spec = { task: task('racy'), finding: f, tuning: DEFAULT_TUNING };
      const s = await shrinkRun(spec, RACY_FLAG_TARGET, env.engine);
      expect(s.outcome.finding?.kind).toBe('violation');
      expect(s.run.preemptions).toBeLessThanOrEqual(f.run.preemptions);
      expect(s.run.decisions.length).toBeLessThanOrEqual(f.run.decisions.length);
      expect(s.run.workload.ops.length).toBe(2);
      expect(s.run.workload.ops.flat()).toEqual(['lock', 'lock']);
      expect(s.run.preemptions).toBe(2); // read, switch, read+write, switch back: the minimum
      expect(s.outcome.trace?.length).toBeGreaterThan(0);
      expect(await shrinkRun(spec, RACY_FLAG_TARGET, env.engine)).toEqual(s);
    }
  });
  it('shrinks operation arguments with their arbitraries, keeping arguments parallel to the operations', async () => {
    // the "bug" needs one acquire whose timeout is at least 3: the minimum is one thread, acquire(3)
    const shape = { threads: { min: 1, max: 3, default: 2 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['acquire', 'release'], opArgs: { acquire: fc.integer({ min: 0, max: 50 }) } };
    const target = { ...RACY_FLAG_TARGET, workload: shape };
    const finding: Finding = { kind: 'violation', message: 'timeout race', locations: ['acquire'] };
    const engine = {
      ...env.engine,
      execute: (req: FuzzRunRequest): ExecutionOutcome => {
        const big = (req.workload.args ?? []).some((row, i) => row.some((a, j) => req.workload.ops[i]![j] === 'acquire' && typeof a === 'number' && a >= 3));
        return { verdict: big ? 'violation' : 'ok', ...(big ? { finding } : {}), history: [], decisions: [], steps: 1, preemptions: 0, threadNames: [] };
      },
    };
    const run = { workload: { ops: [['release', 'acquire'], ['acquire', 'acquire']], args: [[null, 41], [17, 2]] }, decisions: [], preemptions: 0, steps: 1 };
    const raw = { signature: findingSignature(finding), kind: 'violation' as const, message: finding.message, locations: finding.locations, strategy: 'random', seed: 1, batch: 0, execution: 0, count: 1, run };
    const s = await shrinkRun({ task: task('racy'), finding: raw, tuning: DEFAULT_TUNING }, target, engine);
    expect(s.reproduced).toBe(true);
    expect(s.run.workload).toEqual({ ops: [['acquire']], args: [[3]] });
  });
  it('shrinks only within the target\'s constraints: a round of every thread at once, never a lopsided workload', async () => {
    // the fake "bug" needs two threads with at least one lock each; the target wants equal rounds
    const target = { ...RACY_FLAG_TARGET, workload: { ...RACY_FLAG_TARGET.workload, constraints: [sameOpCount()] } };
    const finding: Finding = { kind: 'violation', message: 'needs two threads', locations: ['lock'] };
    const seen: string[][][] = [];
    const engine = {
      ...env.engine,
      execute: (req: FuzzRunRequest): ExecutionOutcome => {
        seen.push(req.workload.ops.map((r) => [...r]));
        const bug = req.workload.ops.length >= 2 && req.workload.ops.every((r) => r.includes('lock'));
        return { verdict: bug ? 'violation' : 'ok', ...(bug ? { finding } : {}), history: [], decisions: [], steps: 1, preemptions: 0, threadNames: [] };
      },
    };
    const run = { workload: { ops: [['lock', 'trylock', 'lock'], ['trylock', 'lock', 'lock'], ['lock', 'lock', 'lock']] }, decisions: [], preemptions: 0, steps: 1 };
    const raw = { signature: findingSignature(finding), kind: 'violation' as const, message: finding.message, locations: finding.locations, strategy: 'random', seed: 1, batch: 0, execution: 0, count: 1, run };
    const s = await shrinkRun({ task: task('racy'), finding: raw, tuning: DEFAULT_TUNING }, target, engine);
    expect(s.run.workload.ops).toEqual([['lock'], ['lock']]);
    // every workload the shrinker ran had equal rounds
    for (const w of seen) expect(new Set(w.map((r) => r.length)).size).toBe(1);
  });
  it('keeps a run it cannot reproduce as found', async () => {
    const r = await runBatch(batch('racy', 5), env);
    const f = { ...r.findings[0], signature: 'violation:elsewhere' };
    const s = await shrinkRun({ task: task('racy'), finding: f, tuning: DEFAULT_TUNING }, RACY_FLAG_TARGET, env.engine);
    expect(s.run).toEqual(f.run);
    expect(s.executions).toBe(2);
  });
});
