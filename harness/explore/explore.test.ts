import type { Target } from '../target/target';
import type { CheckHistoryFn } from '../checker/checker-api';
import { explore } from './explore';
import { decodeReplayToken } from './replay-token';
import { replayExecution } from './replay-execution';
import { defaultWorkload, workloadSizeProblem } from './default-workload';
import { mergeKnobs } from './merge-knobs';
import { selectTargets } from '../project/select-targets';
import { TargetError } from '../target/target-error';
import { runExecution } from '../runtime/execute';

/** A counter incremented by every thread: `racy` reads then writes (lost update), `atomic` uses fetchAdd. */
const counterTarget: Target = {
  name: 'counter',
  summary: 'shared counter',
  variants: [
    { name: 'atomic', summary: 'fetchAdd', expect: { sc: 'clean', tso: 'clean' } },
    { name: 'racy', summary: 'read then write', expect: { sc: 'violation', tso: 'violation' }, knobs: { unlockIsFence: true } },
  ],
  workload: { threads: { min: 1, max: 4, default: 2 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['inc', 'peek'] },
  spec: 'counter-spec',
  setup(env, variant, workload) {
    const c = env.mem.cell('counter', 0);
    let done = 0;
    let peek: ((x: typeof c) => number) | undefined;
    return {
      threads: workload.ops.map((ops) => ({
        body: function* (t) {
          peek = (x) => t.peek(x);
          for (const op of ops) {
            t.invoke(op);
            if (op === 'peek') {
              t.ok(yield* t.readOnce(c));
              continue;
            }
            if (variant === 'racy') {
              const v = yield* t.readOnce(c);
              yield* t.writeOnce(c, v + 1);
            } else {
              yield* t.fetchAdd(c, 1);
            }
            done++;
            t.ok();
          }
        },
      })),
      atEnd: () => (peek && peek(c) !== done ? `lost update: counter = ${peek(c)} after ${done} increments` : undefined),
    };
  },
};

const alwaysLinearizable: CheckHistoryFn = () => ({ verdict: 'linearizable', steps: 1 });

describe('explore', () => {
  it('finds the lost update, with a trace and a replay token that reproduces it', async () => {
    for (const strategy of ['default', 'random', 'pct', 'dfs'] as const) {
      const r = await explore({ target: counterTarget, variant: 'racy', memory: 'sc', strategy, seed: 7, runs: 500, workload: { ops: [['inc'], ['inc']] } }, { check: alwaysLinearizable });
      expect(r.findings).toHaveLength(1);
      const f = r.findings[0];
      expect(f.outcome.finding?.message).toMatch(/lost update/);
      expect(f.outcome.trace?.length).toBeGreaterThan(0);
      expect(r.stoppedBy).toBe('finding');
      const rec = decodeReplayToken(f.replay);
      expect(rec).toMatchObject({ target: 'counter', variant: 'racy', memory: 'sc', workload: r.workload, decisions: f.outcome.decisions });
      expect(rec.knobs.unlockIsFence).toBe(true);
      const again = await replayExecution(counterTarget, rec, { check: alwaysLinearizable });
      expect(again.outcome.finding?.message).toBe(f.outcome.finding?.message);
      expect(again.outcome.decisions).toEqual(f.outcome.decisions);
      expect(again.divergence).toBeUndefined();
    }
  });

  it('drives an engine that answers with promises exactly like the synchronous one', async () => {
    const o = { target: counterTarget, variant: 'racy', memory: 'sc', strategy: 'default', seed: 5, runs: 200, threads: 3, stopAtFirst: false } as const;
    const sync = await explore(o, { check: alwaysLinearizable });
    let hops = 0;
    const later = await explore(o, { check: alwaysLinearizable, execute: async (x) => { await new Promise((r) => setImmediate(r)); hops++; return runExecution(x); } });
    expect(later).toEqual(sync);
    expect(sync.findings.length).toBeGreaterThan(0);
    expect(hops).toBe(sync.executions + sync.findings.length);
  });

  it('is deterministic for a seed', async () => {
    const run = async (seed: number) => {
      const r = await explore({ target: counterTarget, variant: 'racy', memory: 'tso', strategy: 'default', seed, runs: 300, threads: 3, stopAtFirst: false }, { check: alwaysLinearizable });
      return JSON.stringify({ ...r, findings: r.findings.map((f) => [f.execution, f.replay]) });
    };
    expect(await run(11)).toBe(await run(11));
    expect(await run(11)).not.toBe(await run(12));
  });

  it('dfs exhausts a correct variant and reports the schedules per preemption count', async () => {
    const r = await explore({ target: counterTarget, variant: 'atomic', memory: 'tso', strategy: 'dfs', seed: 0, preemptions: 2, threads: 2, ops: 2 }, { check: alwaysLinearizable });
    expect(r.findings).toHaveLength(0);
    expect(r.exhausted).toBe(true);
    expect(r.stoppedBy).toBe('exhausted');
    expect(r.schedulesPerBound).toHaveLength(3);
    expect(r.executions).toBe(r.schedulesPerBound!.reduce((a, b) => a + b, 0));
  });

  it('turns a not-linearizable history into a violation carrying the checker reason', async () => {
    const check: CheckHistoryFn = (spec, ops) => ({
      verdict: 'not-linearizable', steps: 3,
      explanation: { longestPrefix: [ops[0].id], stuck: [ops[1].id], reason: `${spec}: peek saw a stale value` },
    });
    const r = await explore({ target: counterTarget, variant: 'atomic', memory: 'sc', strategy: 'random', seed: 1, runs: 5, workload: { ops: [['inc'], ['peek']] } }, { check });
    const f = r.findings[0].outcome.finding!;
    expect(f.kind).toBe('violation');
    expect(f.message).toBe("history is not linearizable (spec 'counter-spec'): counter-spec: peek saw a stale value");
    expect(f.details?.join('\n')).toMatch(/longest linearizable prefix: #0 .*\ncannot be placed next: #1 /);
  });

  it('counts unknown checker verdicts and never reports them', async () => {
    const r = await explore({ target: counterTarget, variant: 'atomic', memory: 'sc', strategy: 'random', seed: 1, runs: 4 }, { check: () => ({ verdict: 'unknown', steps: 9 }) });
    expect(r.findings).toHaveLength(0);
    expect(r.checkUnknown).toBe(4);
  });

  it('collects distinct findings when stopAtFirst is off, and honours the time budget', async () => {
    const all = await explore({ target: counterTarget, variant: 'racy', memory: 'sc', strategy: 'random', seed: 3, runs: 200, threads: 3, stopAtFirst: false }, { check: alwaysLinearizable });
    expect(all.executions).toBe(200);
    expect(new Set(all.findings.map((f) => f.outcome.finding!.message)).size).toBe(all.findings.length);
    let clock = 0;
    const timed = await explore({ target: counterTarget, variant: 'atomic', memory: 'sc', strategy: 'random', seed: 3, runs: 1000, timeMs: 10, now: () => (clock += 1) }, { check: alwaysLinearizable });
    expect(timed.stoppedBy).toBe('time');
    expect(timed.executions).toBeLessThan(20);
  });

  it('reports a PCT bound for pct and default', async () => {
    const r = await explore({ target: counterTarget, variant: 'atomic', memory: 'sc', strategy: 'pct', preemptions: 2, seed: 3, runs: 50 }, { check: alwaysLinearizable });
    expect(r.pctBounds).toEqual([{ depth: 2, n: 2, k: expect.any(Number), runs: 50 }]);
    const d = await explore({ target: counterTarget, variant: 'atomic', memory: 'sc', strategy: 'default', seed: 3, runs: 16 }, { check: alwaysLinearizable });
    expect(d.pctBounds?.map((b) => [b.depth, b.runs])).toEqual([[2, 2], [3, 2]]);
  });
});

describe('explore helpers', () => {
  it('default workload: first kind, one op of each other kind, sizes checked', () => {
    expect(defaultWorkload(counterTarget).ops).toEqual([['inc'], ['peek']]);
    expect(defaultWorkload(counterTarget, 3, 2).ops).toEqual([['inc', 'inc'], ['inc', 'inc'], ['inc', 'peek']]);
    expect(workloadSizeProblem(counterTarget, 5)).toMatch(/--threads 5: target 'counter' supports 1\.\.4 threads/);
    expect(workloadSizeProblem(counterTarget, 2, 9)).toMatch(/--ops 9/);
    expect(workloadSizeProblem(counterTarget, 2, 2)).toBeUndefined();
  });

  it('knobs merge defaults < variant < user', () => {
    const k = mergeKnobs(counterTarget, 'racy', 'tso', { lockAcquireIsFence: false });
    expect(k).toEqual({ lockAcquireIsFence: false, unlockIsFence: true, ipiSendIsFence: true, pvCallIsFence: true });
    expect(mergeKnobs(counterTarget, 'racy', 'tso', { unlockIsFence: false }).unlockIsFence).toBe(false);
    // the model's own defaults come first: a lock acquire is an acquire, not a fence, on arm64
    expect(mergeKnobs(counterTarget, 'racy', 'arm64-lite').lockAcquireIsFence).toBe(false);
    expect(mergeKnobs(counterTarget, 'racy', 'tso').lockAcquireIsFence).toBe(true);
  });

  it('selectTargets names the valid targets and variants', () => {
    const ctx = { cwd: process.cwd(), root: process.cwd(), builtins: () => [counterTarget] };
    const one = (arg: string) => selectTargets([arg], ctx)[0];
    expect(one('counter')!.variants).toEqual(['atomic', 'racy']);
    expect(one('counter:racy')).toMatchObject({ variants: ['racy'], explicitVariant: true, ref: { kind: 'builtin', name: 'counter' } });
    expect(() => one('nope')).toThrow(TargetError);
    expect(() => one('nope')).toThrow(/unknown target 'nope'. Valid targets: counter/);
    expect(() => one('counter:x')).toThrow(/unknown variant 'x' of target 'counter' in 'counter:x'. Valid: counter:atomic, counter:racy/);
  });
});
