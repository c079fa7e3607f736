/**
 * The authoring targets: each buggy variant needs its feature to be found (node pools,
 * timeouts, explicit progress, a multi-cell wait, a spec and constraint from the workload),
 * and each correct variant is clean under bounded exhaustive search.
 */
import { explore } from '../../harness/explore/explore';
import type { ExploreResult } from '../../harness/explore/explore-options';
import { decodeReplayToken } from '../../harness/explore/replay-token';
import { replayExecution } from '../../harness/explore/replay-execution';
import { shrinkFound } from '../../harness/fuzz/shrink-finding';
import { runBatch } from '../../harness/fuzz/run-batch';
import { engineAdapter } from '../../harness/fuzz/default-host';
import { DEFAULT_TUNING } from '../../harness/fuzz/fuzz-types';
import type { MemoryModelName } from '../../harness/memory/memory-model';
import type { Target, Workload } from '../../harness/target/target';
import { clhPoolTarget } from './clh-pool';
import { authoringTargets } from './index';
import { politeLocksTarget } from './polite-locks';
import { senseBarrierTarget } from './sense-barrier';
import { timedMutexTarget } from './timed-mutex';

const SEED = 20261206;
const hunt = (target: Target, variant: string, memory: MemoryModelName, runs = 3000, workload?: Workload): Promise<ExploreResult> =>
  explore({ target, variant, memory, strategy: 'default', seed: SEED, runs, ...(workload ? { workload } : {}) });
const dfs = (target: Target, variant: string, memory: MemoryModelName, workload: Workload): Promise<ExploreResult> =>
  explore({ target, variant, memory, strategy: 'dfs', seed: 0, preemptions: 2, workload });

describe('authoring targets: correct variants are clean under dfs K=2', () => {
  const cases: [string, Target, string, MemoryModelName, Workload][] = [];
  const two = (target: Target, variant: string, ...ws: Workload[]) => {
    for (const m of ['sc', 'tso'] as const) for (const w of ws) cases.push([`${target.name}:${variant} ${m} ${JSON.stringify(w.ops)}`, target, variant, m, w]);
  };
  const [clh, timed, rw, polite, barrier] = authoringTargets();
  two(clh!, 'correct', { ops: [['lock', 'lock'], ['lock']] });
  cases.push(['clh-pool:correct sc 3 cpus', clh!, 'correct', 'sc', { ops: [['lock'], ['lock'], ['lock']] }]);
  two(timed!, 'correct', { ops: [['lock', 'lock'], ['timedlock']] });
  cases.push(['timed-mutex:correct sc two timed locks each', timed!, 'correct', 'sc', { ops: [['lock', 'timedlock'], ['timedlock', 'lock']] }]);
  two(rw!, 'correct', { ops: [['write'], ['read'], ['read']] }, { ops: [['write', 'read'], ['read', 'write']] });
  two(polite!, 'ordered', { ops: [['both'], ['both']] });
  two(barrier!, 'correct', { ops: [['await', 'await'], ['await', 'await']] }, { ops: [['await', 'await'], ['await', 'await'], ['await', 'await']] });
  // the weakly ordered model too, where a missing acquire/release shows (the cheap cases)
  for (const [t, v, w] of [[rw!, 'correct', { ops: [['write', 'read'], ['read', 'write']] }], [polite!, 'ordered', { ops: [['both'], ['both']] }], [barrier!, 'correct', { ops: [['await', 'await'], ['await', 'await']] }]] as const) {
    cases.push([`${t.name}:${v} arm64-lite ${JSON.stringify(w.ops)}`, t, v, 'arm64-lite', w]);
  }
  it.each(cases)('%s', async (_n, target, variant, memory, workload) => {
    const r = await dfs(target, variant, memory, workload);
    expect(r.findings.map((f) => f.outcome.finding!.message)).toEqual([]);
    expect(r.exhausted).toBe(true);
  });
});

describe('buggy variants: found by the default strategy, and the token replays', () => {
  it.each(authoringTargets().flatMap((t) => t.variants.filter((v) => v.expect.sc !== 'clean').map((v) => [`${t.name}:${v.name}`, t, v.name] as const)))('%s', async (_n, target, variant) => {
    const r = await hunt(target, variant, 'sc');
    expect(r.findings.length).toBe(1);
    const f = r.findings[0]!;
    const again = await replayExecution(target, decodeReplayToken(f.replay));
    expect(again.divergence).toBeUndefined();
    expect(again.outcome.finding?.message).toBe(f.outcome.finding?.message);
  });
});

describe('clh-pool: the node-recycling bug through alloc/free detection', () => {
  it('one lock per cpu: a use-after-free naming the free and the access, and the ABA of the recycled node', async () => {
    const r = await explore({ target: clhPoolTarget, variant: 'free-own', memory: 'sc', strategy: 'dfs', seed: 0, preemptions: 1, stopAtFirst: false, workload: { ops: [['lock'], ['lock']] } });
    const kinds = new Set(r.findings.map((f) => (f.outcome.finding!.kind === 'violation' ? f.outcome.finding!.message.split(':')[0] : f.outcome.finding!.kind)));
    expect([...kinds].sort()).toEqual(['hang', 'use-after-free']);
    const uaf = r.findings.find((f) => f.outcome.finding!.kind === 'violation')!.outcome.finding!.message;
    expect(uaf).toMatch(/^use-after-free: cpu(\d) waitUntil clh\.node\[\d\]\.locked at step \d+ \(at 'clh-pool: wait for pred'\); clh\.node#\d was freed by cpu(?!\1)\d at step \d+ \(at 'clh-pool: free own node'\)$/);
    // the ABA: the allocator hands the freed node straight back (LIFO) while the tail still
    // points to it, so the cpu enqueues behind its own node: xchg returns its own handle
    const aba = r.findings.find((f) => f.outcome.finding!.kind === 'hang')!;
    const traced = await replayExecution(clhPoolTarget, decodeReplayToken(aba.replay));
    expect(traced.outcome.trace!.some((row) => row.op === 'xchg' && /^clh\.node#(\d) -> clh\.node#\1$/.test(row.value ?? ''))).toBe(true);
  });
});

describe('timed-mutex: a timeout race found only with the timeout choice', () => {
  it('without timed waits the lock is clean (dfs exhausted); with one the lost hand-over deadlocks', async () => {
    const lockOnly = await dfs(timedMutexTarget, 'no-recheck', 'sc', { ops: [['lock', 'lock'], ['lock']] });
    expect(lockOnly.findings).toEqual([]);
    expect(lockOnly.exhausted).toBe(true);
    const r = await hunt(timedMutexTarget, 'no-recheck', 'sc');
    const f = r.findings[0]!;
    expect(f.outcome.finding!.kind).toBe('deadlock');
    // shrunk like lockstep run does: the timeout stays (it is needed), as one logged choice
    const s = await shrinkFound({ target: timedMutexTarget, variant: 'no-recheck', memory: 'sc', workload: r.workload, outcome: f.outcome, maxSteps: r.maxSteps!, strategy: 'default', seed: SEED, execution: f.execution });
    expect(s.reproduced).toBe(true);
    const timeouts = s.outcome.trace!.filter((row) => row.op === 'timeout');
    expect(timeouts.map((row) => row.value)).toEqual(['futex wait ends: -ETIMEDOUT']);
    expect(s.run.preemptions).toBeLessThan(f.outcome.preemptions);
  });
});

describe('polite-locks: a livelock recorded inside a retry loop', () => {
  it("is found once progress is declared explicit, and hidden by the returns of the failed attempts without it", async () => {
    const found = await hunt(politeLocksTarget, 'polite', 'sc', 300);
    expect(found.findings[0]!.outcome.finding!.message).toMatch(/^livelock \(shared memory keeps changing\)/);
    const hidden = await hunt({ ...politeLocksTarget, progress: undefined }, 'polite', 'sc', 300);
    expect(hidden.findings).toEqual([]);
    expect(hidden.inconclusive).toBeGreaterThan(0);
  });
});

describe('workload hints are hints: the fuzzer finds every hinted bug without its hint too', () => {
  const hinted = authoringTargets().flatMap((t) => t.variants.filter((v) => v.hint !== undefined).map((v) => [`${t.name}:${v.name}`, t, v.name] as const));
  it('there are hinted variants', () => expect(hinted.length).toBeGreaterThanOrEqual(2));
  it.each(hinted)('%s', async (_n, target, variant) => {
    const plain: Target = { ...target, variants: target.variants.map((v) => ({ ...v, hint: undefined })) };
    const engine = engineAdapter();
    const spec = (index: number) => ({ task: { ref: { kind: 'builtin' as const, name: target.name }, target: target.name, variant, memory: 'sc' as const }, index, seed: 7000 + index, runs: 100, tuning: DEFAULT_TUNING });
    let found = 0;
    for (let b = 0; b < 3 && found === 0; b++) found = (await runBatch(spec(b), { engine, resolveTarget: () => plain })).findings.length;
    expect(found).toBeGreaterThan(0);
  });
});

describe('sense-barrier: spec, constraint and hint from the workload', () => {
  it('checks each history against barrier:N for N threads', async () => {
    const r = await hunt(senseBarrierTarget, 'no-reversal', 'sc', 3000, { ops: [['await', 'await'], ['await', 'await'], ['await', 'await']] });
    expect(r.findings[0]!.outcome.finding!.message).toMatch(/^history is not linearizable \(spec 'barrier:3'\)/);
  });

  it('shrinks within the rounds constraint: threads go, every thread keeps the same rounds', async () => {
    const three = { ops: [['await', 'await', 'await'], ['await', 'await', 'await'], ['await', 'await', 'await']] };
    const r = await hunt(senseBarrierTarget, 'no-reversal', 'sc', 3000, three);
    const f = r.findings[0]!;
    const s = await shrinkFound({ target: senseBarrierTarget, variant: 'no-reversal', memory: 'sc', workload: three, outcome: f.outcome, maxSteps: r.maxSteps!, strategy: 'default', seed: SEED, execution: f.execution });
    expect(s.reproduced).toBe(true);
    const lens = s.run.workload.ops.map((r) => r.length);
    expect(s.run.workload.ops.length).toBe(2);
    expect(new Set(lens).size).toBe(1);
    expect(lens[0]).toBeGreaterThanOrEqual(2);
  });

  it('an exploration without a workload takes the hinted two rounds', async () => {
    const hinted = await hunt(senseBarrierTarget, 'no-reversal', 'sc');
    expect(hinted.workload.ops).toEqual([['await', 'await'], ['await', 'await']]);
    expect(hinted.findings.length).toBe(1);
  });
});
