import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { checkHistory } from '../checker';
import type { ExecutionOutcome } from '../runtime/outcome';
import { createStrategy } from '../strategy/create-strategy';
import { ReplayStrategy } from '../strategy/replay';
import type { Strategy } from '../strategy/strategy';
import { TargetError } from '../target/target-error';
import type { Workload } from '../target/target';
import type { AsyncTarget } from './async-target';
import { firstDivergence } from './determinism';
import { VIRTUAL_EPOCH_MS } from './global-patch';
import { runAsyncExecution } from './run-async-execution';
import { TOY_MUTEX } from './testing/toy-locks';

const W3: Workload = { ops: [['lock', 'lock'], ['lock', 'lock'], ['lock']] };

/** Run executions of `variant` under a strategy until the first finding (or `runs`). */
async function hunt(target: AsyncTarget, variant: string, workload: Workload, runs = 300, strategy: Strategy = createStrategy({ kind: 'default', seed: 3, prefixLimit: 500 })): Promise<{ found?: ExecutionOutcome; executions: number }> {
  for (let i = 0; i < runs; i++) {
    if (!strategy.beginExecution(i)) return { executions: i };
    const o = await runAsyncExecution({ target, variant, workload, strategy });
    strategy.endExecution({ steps: o.steps, decisions: o.decisions, failed: o.finding !== undefined });
    if (o.finding !== undefined) return { found: o, executions: i + 1 };
  }
  return { executions: runs };
}

async function replay(target: AsyncTarget, variant: string, workload: Workload, decisions: readonly number[]): Promise<ExecutionOutcome> {
  const s = new ReplayStrategy(decisions);
  s.beginExecution(0);
  return runAsyncExecution({ target, variant, workload, strategy: s, recordTrace: true });
}

/** A target built around one client operation (the lock is a plain object). */
function oneOp(op: AsyncTarget<Record<string, unknown>>['ops'][string], extra: Partial<AsyncTarget<Record<string, unknown>>> = {}): AsyncTarget<Record<string, unknown>> {
  return {
    kind: 'async', name: 'probe', summary: 'engine probe', variants: [{ name: 'v', summary: '', expect: 'clean' }],
    workload: { threads: { min: 1, max: 3, default: 1 }, opsPerThread: { min: 1, max: 2, default: 1 }, opKinds: ['op'] },
    setup: () => ({}), ops: { op }, ...extra,
  };
}

const first = createStrategy({ kind: 'replay', log: [] });
async function once(target: AsyncTarget<Record<string, unknown>>, workload: Workload = { ops: [['op']] }): Promise<ExecutionOutcome> {
  first.beginExecution(0);
  return runAsyncExecution({ target: target as AsyncTarget, variant: 'v', workload, strategy: first, recordTrace: true });
}

describe('async engine: findings of real promise code', () => {
  it('finds two holders of a check-then-set mutex, and the replay of its decisions gives the same events', async () => {
    const r = await hunt(TOY_MUTEX, 'check-then-set', W3);
    const f = r.found!;
    expect(f.finding?.kind).toBe('violation');
    expect(f.finding?.message).toMatch(/task\d entered the critical section while task\d was inside \(mutual exclusion broken\)/);
    const again = await replay(TOY_MUTEX, 'check-then-set', W3, f.decisions);
    expect(firstDivergence(f.events!, again.events!)).toBeUndefined();
    expect(again.finding?.message).toBe(f.finding?.message);
    expect(again.trace?.some((row) => row.op === 'immediate')).toBe(true);
  });

  it('reports a lost wake-up as a hang at quiescence, naming the stuck task, its operation and what it awaits', async () => {
    const r = await hunt(TOY_MUTEX, 'lost-wakeup', W3);
    const f = r.found!.finding!;
    expect(f.kind).toBe('hang');
    expect(f.message).toMatch(/nothing is pending \(no step, timer, immediate or abort\) while \d tasks? ha(s|ve) not finished/);
    expect(f.stuck).toContainEqual(expect.objectContaining({ location: 'lock', waitingFor: 'acquire() to return', state: expect.stringMatching(/^in operation \d since event \d+$/) }));
  });

  it('keeps a correct FIFO mutex clean, every history linearizable against the mutex spec', async () => {
    const s = createStrategy({ kind: 'default', seed: 9, prefixLimit: 500 });
    let checked = 0;
    for (let i = 0; i < 150; i++) {
      s.beginExecution(i);
      const o = await runAsyncExecution({ target: TOY_MUTEX, variant: 'fifo', workload: { ops: [['lock', 'timed-lock'], ['timed-lock', 'lock'], ['lock']] }, strategy: s });
      s.endExecution({ steps: o.steps, decisions: o.decisions, failed: o.finding !== undefined });
      expect(o.finding).toBeUndefined();
      expect(checkHistory('mutex', o.history).verdict).toBe('linearizable');
      checked += o.history.length > 0 ? 1 : 0;
    }
    expect(checked).toBe(150);
  });

  it('finds the timed-out waiter left in the queue only through a timer event', async () => {
    const w = { ops: [['lock'], ['timed-lock'], ['lock']] };
    const r = await hunt(TOY_MUTEX, 'timeout-stays-queued', w);
    expect(r.found?.finding?.kind).toBe('hang');
    const again = await replay(TOY_MUTEX, 'timeout-stays-queued', w, r.found!.decisions);
    expect(again.trace?.some((row) => row.op === 'timer' && /setTimeout\(10 ms\) fires at 10 ms/.test(row.value ?? ''))).toBe(true);
  });
});

describe('async engine: virtual time', () => {
  it('fires timers in deadline order, ties in creation order, all due ones in one phase; clocks are virtual', async () => {
    const seen: string[] = [];
    const t = oneOp(async (api) => {
      const t0 = Date.now();
      setTimeout(() => seen.push(`b@${Date.now() - t0}`), 20);
      setTimeout(() => seen.push(`a@${performance.now()}`), 10);
      setTimeout(() => seen.push(`c@${Date.now() - t0}`), 20);
      const iv = setInterval(() => { seen.push(`i@${Date.now() - t0}`); if (Date.now() - t0 >= 30) clearInterval(iv); }, 15);
      const gone = setTimeout(() => seen.push('cleared'), 5);
      clearTimeout(gone);
      await api.sleep(40);
      seen.push(`end@${api.now()}`);
    }, { setup: () => { seen.length = 0; return {}; } });
    const o = await once(t);
    expect(seen).toEqual(['a@10', 'i@15', 'b@20', 'c@20', 'i@30', 'end@40']);
    // b and c (both due at 20) are one timers phase: the second is forced, no decision for it
    expect(o.events).toEqual(['s0', 't2@10', 't4@15', 't1@20', 't3@20', 't4@30', 't6@40']);
  });

  it('runs the immediates queued so far in one check phase, before any timer that is not due', async () => {
    const seen: string[] = [];
    const t = oneOp(async (api) => {
      setTimeout(() => seen.push('timer'), 1);
      setImmediate(() => { seen.push('i1'); setImmediate(() => seen.push('i3')); });
      setImmediate(() => seen.push('i2'));
      await api.step('after');
    }, { setup: () => { seen.length = 0; return {}; } });
    // decision 1 at the first point picks the immediate over task0's step, then the timer must wait for i3
    const s = new ReplayStrategy([1, 1, 1]);
    s.beginExecution(0);
    const o = await runAsyncExecution({ target: t as AsyncTarget, variant: 'v', workload: { ops: [['op']] }, strategy: s });
    expect(seen.slice(0, 3)).toEqual(['i1', 'i2', 'i3']);
    expect(o.events?.slice(1, 4)).toEqual(['i2', 'i3', 'i4']);
  });

  it('aborts AbortSignal.timeout signals on the virtual clock', async () => {
    let reason = '';
    const t = oneOp(async () => {
      const sig = AbortSignal.timeout(25);
      await new Promise<void>((r) => sig.addEventListener('abort', () => { reason = `${(sig.reason as Error).name}@${Date.now()}`; r(); }));
    });
    await once(t);
    expect(reason).toBe(`TimeoutError@${VIRTUAL_EPOCH_MS + 25}`);
  });

  it('restores every global after an execution, also when setup or an operation throws, and leaks no timer into the next one', async () => {
    const before = [setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, Date.now, performance.now, AbortSignal.timeout, Math.random];
    const now = (): unknown[] => [setTimeout, setInterval, setImmediate, clearTimeout, clearInterval, clearImmediate, Date.now, performance.now, AbortSignal.timeout, Math.random];
    let fired = 0;
    await once(oneOp(async () => { setTimeout(() => { fired++; }, 1e6); }));
    expect(now()).toEqual(before);
    await expect(once(oneOp(async () => undefined, { setup: () => { throw new Error('no lock today'); } }))).rejects.toThrow(/setup of variant 'v' threw Error: no lock today/);
    expect(now()).toEqual(before);
    const crashed = await once(oneOp(async () => { throw new RangeError('client bug'); }));
    expect(crashed.finding?.message).toMatch(/task0: operation op threw RangeError: client bug/);
    expect(now()).toEqual(before);
    await once(oneOp(async (api) => { await api.step(); }));
    expect(fired).toBe(0);
    expect(Date.now()).toBeGreaterThan(1e12);
  });

  it('a setup that hands back the lock object of an earlier execution (a registry by name) is the target\'s mistake, naming it', async () => {
    const registry = new Map<string, Record<string, unknown>>();
    const byName = (name: string) => (): Record<string, unknown> => { let l = registry.get(name); if (l === undefined) registry.set(name, l = {}); return l; };
    await once(oneOp(async (api) => { await api.step(); }, { setup: byName('a') }));
    // another target object, the same name: what a fresh target object per batch did with a counter in its closure
    const again = once(oneOp(async (api) => { await api.step(); }, { setup: byName('a') }));
    await expect(again).rejects.toThrow(TargetError);
    await expect(again).rejects.toThrow(/^target 'probe' \(variant 'v'\): setup returned the same lock object as an earlier execution.*registry by name/);
    await expect(once(oneOp(async (api) => { await api.step(); }, { setup: byName('b') }))).resolves.toMatchObject({ verdict: 'ok' });
  });

  it('a timer function a library kept from the execution it first ran in is the target\'s mistake, not a hang', async () => {
    let kept: ((cb: () => void, ms: number) => unknown) | undefined; // the library's module state, set up on first use
    const t = oneOp(async (api) => { kept ??= setTimeout; await api.step(); await new Promise<void>((r) => { kept!(r, 5); }); });
    await expect(once(t)).resolves.toMatchObject({ verdict: 'ok' });
    // its timers would go to the first execution's clock, which never runs again: a hang before
    await expect(once(t)).rejects.toThrow(/^target 'probe' \(variant 'v'\): the setTimeout of an earlier execution ran during event 2 of this one \(task0 steps\): a library kept it/);
  });

  it('a task of an earlier execution that a shared lock lets go on inside a later one is the target\'s mistake', async () => {
    const waiters: (() => void)[] = []; // a lock shared between executions
    let phase = 1;
    const t = oneOp(async (api) => {
      if (phase === 1) { await new Promise<void>((r) => waiters.push(r)); api.invoke('granted'); return; }
      await api.step();
      waiters.shift()?.();
    });
    expect((await once(t)).verdict).toBe('hang');
    phase = 2;
    await expect(once(t)).rejects.toThrow(/^target 'probe' \(variant 'v'\): task0 of an earlier execution \(in its operation op\) ran during event 2 of this one \(task0 steps\)/);
  });

  it('seeds Math.random from the decision log: a replay draws the same values, another schedule others', async () => {
    let draws: number[] = [];
    // setup starts a fresh record per execution (a confirmation re-run of the engine may run one more)
    const t = oneOp(async (api) => { await api.step(); draws.push(Math.random(), Math.random()); }, { setup: () => { draws = []; return {}; } });
    const w = { ops: [['op'], ['op'], ['op']] };
    const s = createStrategy({ kind: 'random', seed: 4, prefixLimit: 100 });
    const runs: { decisions: readonly number[]; draws: number[] }[] = [];
    for (let i = 0; i < 6; i++) {
      s.beginExecution(i);
      const o = await runAsyncExecution({ target: t as AsyncTarget, variant: 'v', workload: w, strategy: s });
      runs.push({ decisions: o.decisions, draws });
    }
    for (const r of runs) {
      const replay = new ReplayStrategy(r.decisions);
      replay.beginExecution(0);
      await runAsyncExecution({ target: t as AsyncTarget, variant: 'v', workload: w, strategy: replay });
      expect(draws).toEqual(r.draws);
      expect(r.draws.every((x) => x >= 0 && x < 1)).toBe(true);
    }
    expect(new Set(runs.map((r) => r.draws.join())).size).toBeGreaterThan(1);
  });
});

describe('async engine: oracles and target mistakes', () => {
  it('reports unhandled rejections and uncaught exceptions as crashes, real timers and I/O as target errors (on the real process)', () => {
    // jest gives tests a copy of `process`: the process-level oracles run in a child process
    const out = execFileSync(process.execPath, ['-r', 'esbuild-register', path.join(__dirname, 'testing', 'process-events-probe.ts')], { encoding: 'utf8' });
    const rows = out.trim().split('\n').map((l) => JSON.parse(l) as { probe: string; verdict?: string; message?: string; count?: number });
    expect(rows).toEqual([
      { probe: 'unhandled', verdict: 'crash', message: expect.stringMatching(/^a promise was rejected and not handled \(event 1\): Error: lost$/) },
      // Node's default mode ends the process at the first unhandled rejection, even if handled later
      { probe: 'handled-late', verdict: 'crash', message: expect.stringMatching(/rejected and not handled .*Error: late/) },
      { probe: 'handled', verdict: 'ok' },
      { probe: 'next-tick', verdict: 'crash', message: expect.stringMatching(/^uncaught exception in a callback \(event 1\): RangeError: tick$/) },
      // real timers and I/O are mistakes of the target (exit 2), not hangs of the lock
      { probe: 'real-timer-left', error: 'TargetError', message: expect.stringMatching(/^target 'real-timer-left' \(variant 'v'\) uses a real timer .* \(async_hooks type Timeout, created during event 1: task0 steps\)/) },
      { probe: 'real-io', error: 'TargetError', message: expect.stringMatching(/^target 'real-io' \(variant 'v'\) uses real file-system I\/O that lockstep cannot control \(async_hooks type FSREQPROMISE, created during event 1: task0 steps\)/) },
      { probe: 'real-timer', error: 'TargetError', message: expect.stringMatching(/^target 'real-timer' \(variant 'v'\) uses a real timer .* \(async_hooks type Timeout, created during event 1: task0 steps\)/) },
      { probe: 'listeners', count: 0 },
    ]);
  });

  it('reports an exception thrown by a virtual timer callback as a crash', async () => {
    const thrown = await once(oneOp(async () => { setTimeout(() => { throw new TypeError('boom'); }, 3); await new Promise((r) => setTimeout(r, 5)); }));
    expect(thrown.finding).toMatchObject({ kind: 'crash', message: expect.stringMatching(/uncaught exception in a timer callback \(setTimeout\(3 ms\)\).*TypeError: boom/) });
  });

  it('judges a task that retries forever on timers as a livelock hang in the fair continuation', async () => {
    const t = oneOp(async (_api, lock) => {
      while (lock.taken === true) await new Promise((r) => setTimeout(r, 5));
      lock.taken = true; // never given back: the other task retries forever
    });
    const s = createStrategy({ kind: 'random', seed: 1, prefixLimit: 20 });
    s.beginExecution(0);
    const o = await runAsyncExecution({ target: t as AsyncTarget, variant: 'v', workload: { ops: [['op'], ['op']] }, strategy: s, fairWindow: 50 });
    expect(o.finding).toMatchObject({ kind: 'hang', message: expect.stringMatching(/^livelock: no operation completed in 50 events/) });
    expect(o.finding?.details).toEqual([expect.stringMatching(/^1 virtual timer\(s\) pending at \d+ ms$/)]);
    expect(o.finding?.stuck?.map((s) => s.name)).toEqual([expect.stringMatching(/^task[01]$/)]);
  });

  it('reports an event bound without a finding as inconclusive', async () => {
    const t = oneOp(async (api) => { for (let i = 0; i < 1000; i++) await api.step(); });
    first.beginExecution(0);
    const o = await runAsyncExecution({ target: t as AsyncTarget, variant: 'v', workload: { ops: [['op']] }, strategy: first, maxSteps: 10 });
    expect(o.verdict).toBe('inconclusive');
    expect(o.finding).toBeUndefined();
  });

  it('turns target mistakes into TargetErrors naming the target and what was expected', async () => {
    await expect(once(oneOp(async () => undefined, { stepBeforeOps: false }))).rejects.toThrow(/^lockstep does not control this code: target 'probe'/);
    await expect(once(oneOp(async () => undefined), { ops: [['op', 'nope']] })).rejects.toThrow(/target 'probe': operation 'nope' has no client code \(ops has: op\)/);
    await expect(once(oneOp(async (api) => { api.exit(); }))).rejects.toThrow(TargetError);
  });

  it('checks mutual, k- and reader-writer exclusion of the client code\'s critical sections', async () => {
    const rw = oneOp(async (api) => {
      api.enter({ mode: api.arg === 'w' ? 'exclusive' : 'shared' });
      await api.step('inside');
      api.exit();
    });
    const args = (a: string[][]): Workload => ({ ops: a.map((r) => r.map(() => 'op')), args: a });
    const readers = await hunt(rw as AsyncTarget, 'v', args([['r'], ['r'], ['r']]), 60);
    expect(readers.found).toBeUndefined();
    const writer = await hunt(rw as AsyncTarget, 'v', args([['r'], ['w']]), 60);
    expect(writer.found?.finding?.message).toMatch(/^task\d entered the critical section (shared|exclusive) while task\d \((shared|exclusive)\) was inside \(exclusive access broken\)$/);
    const sem = oneOp(async (api) => { api.enter(); await api.step('inside'); api.exit(); }, { capacity: 2 });
    expect((await hunt(sem as AsyncTarget, 'v', { ops: [['op'], ['op']] }, 60)).found).toBeUndefined();
    expect((await hunt(sem as AsyncTarget, 'v', { ops: [['op'], ['op'], ['op']] }, 60)).found?.finding?.message).toMatch(/3 units held, capacity 2/);
  });
});
