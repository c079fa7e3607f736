import type { ChoicePoint } from '../strategy/strategy';
import { runExecution } from './execute';
import type { FutexWaitResult, ThreadApi, WaitOptions } from './thread-api';
import { exhaustive, ListStrategy, options, testTarget } from './test-support/test-target';

/** Index of the option `kind` of thread `id` at a scheduling point, else 0. */
const pick = (kind: string, id: number) => (p: ChoicePoint): number => {
  if (p.type !== 'schedule') return 0;
  const i = p.options.findIndex((o) => o.kind === kind && o.target === id);
  return i < 0 ? 0 : i;
};

describe('timeouts and signals of blocked waits', () => {
  /** task0 futex-waits on f == 0 with `opts`; task1 (when `waker`) sets f = 1 and wakes it. */
  const futexTarget = (opts: WaitOptions | undefined, waker: boolean, results: FutexWaitResult[] = []) => testTarget((env) => {
    const f = env.mem.cell('f');
    const waiter = function* (t: ThreadApi) {
      t.at('wait');
      results.push(yield* t.futexWait(f, 0, opts));
    };
    const wake = function* (t: ThreadApi) {
      t.at('wake');
      yield* t.writeOnce(f, 1);
      yield* t.futexWake(f, 1);
    };
    return { threads: waker ? [{ name: 'task0', body: waiter }, { name: 'task1', body: wake }] : [{ name: 'task0', body: waiter }] };
  });

  it('a timed wait nobody wakes times out (time passes: a lone timeout needs no decision)', () => {
    const results: FutexWaitResult[] = [];
    const o = runExecution(options(futexTarget({ timeout: true }, false, results), new ListStrategy([], 0), 'sc', { recordTrace: true }));
    expect(o.verdict).toBe('ok');
    expect(results).toEqual(['timeout']);
    expect(o.decisions).toEqual([]);
    expect(o.trace!.some((r) => r.op === 'timeout' && r.thread === 0 && r.value === 'futex wait ends: -ETIMEDOUT')).toBe(true);
  });

  it('an untimed wait nobody wakes is a deadlock, and so is an interruptible one (signals are never assumed)', () => {
    for (const opts of [undefined, { interruptible: true }]) {
      const o = runExecution(options(futexTarget(opts, false), new ListStrategy([], 0)));
      expect(o.verdict).toBe('deadlock');
    }
  });

  it('explores the timeout against the wake-up: both results happen, and the early one costs a preemption', () => {
    const seen = new Set<string>();
    const outs = exhaustive(futexTarget({ timeout: true }, true), 'sc', { recordTrace: true });
    for (const o of outs) {
      expect(o.verdict).toBe('ok');
      const timedOut = o.trace!.some((r) => r.op === 'timeout');
      seen.add(timedOut ? 'timeout' : 'woken');
    }
    expect([...seen].sort()).toEqual(['timeout', 'woken']);
    // task0 blocks, task1 is running (current) and could go on: taking task0's timeout preempts it
    const s = new ListStrategy([0, 0], pick('timeout', 0));
    const results: FutexWaitResult[] = [];
    const o = runExecution(options(futexTarget({ timeout: true }, true, results), s));
    expect(s.points).toContain('thread1,timeout0');
    expect(results).toEqual(['timeout']);
    expect(o.preemptions).toBe(1);
  });

  it('a timed-out waiter has left the futex queue: the later wake finds nobody', () => {
    let woken = -1;
    const t = testTarget((env) => {
      const f = env.mem.cell('f');
      const waiter = function* (th: ThreadApi) {
        yield* th.futexWait(f, 0, { timeout: true });
      };
      const wake = function* (th: ThreadApi) {
        yield* th.cpuRelax();
        woken = yield* th.futexWake(f, 1);
      };
      return { threads: [{ body: waiter }, { body: wake }] };
    });
    // step task0 into the wait, then let its timer expire before task1 wakes
    const o = runExecution(options(t, new ListStrategy([0], pick('timeout', 0))));
    expect(o.verdict).toBe('ok');
    expect(woken).toBe(0);
  });

  it('a signal ends an interruptible wait only when the strategy sends it', () => {
    const results: FutexWaitResult[] = [];
    const s = new ListStrategy([0], pick('signal', 0));
    runExecution(options(futexTarget({ interruptible: true }, true, results), s));
    expect(results).toEqual(['interrupted']);
    expect(s.points).toContain('thread1,signal0');
  });

  it('the fair continuation expires timed waits, so a spinner waiting for the timed-out thread is no hang', () => {
    const t = (timeout: boolean) => testTarget((env) => {
      const f = env.mem.cell('f');
      const done = env.mem.cell('done');
      const sleeper = function* (th: ThreadApi) {
        th.at('sleep');
        yield* th.sleep('nobody wakes me', timeout ? { timeout: true } : undefined);
        yield* th.writeOnce(done, 1);
      };
      const spinner = function* (th: ThreadApi) {
        th.at('spin');
        while ((yield* th.readOnce(done)) === 0) yield* th.cpuRelax();
        yield* th.writeOnce(f, 1);
      };
      return { threads: [{ body: sleeper }, { body: spinner }] };
    });
    expect(runExecution(options(t(true), new ListStrategy([], -1))).verdict).toBe('ok');
    expect(runExecution(options(t(false), new ListStrategy([], -1))).verdict).toBe('hang');
  });

  it('sleep and pvWait take the same options', () => {
    const t = testTarget(() => {
      const out: string[] = [];
      const a = function* (th: ThreadApi) {
        out.push(yield* th.sleep('s', { timeout: true }));
        out.push(yield* th.pvWait(null, 0, { timeout: true }));
        th.assert(out.join() === 'timeout,timeout', out.join());
      };
      return { threads: [{ body: a }] };
    });
    expect(runExecution(options(t, new ListStrategy([], 0))).verdict).toBe('ok');
  });
});
