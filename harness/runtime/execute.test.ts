import { TargetError } from '../target/target-error';
import type { ChoicePoint } from '../strategy/strategy';
import { runExecution } from './execute';
import type { ThreadApi } from './thread-api';
import { exhaustive, ListStrategy, options, testTarget } from './test-support/test-target';

/** Index of thread `id`'s option at a scheduling point, else 0. */
const prefer = (id: number) => (p: ChoicePoint): number => {
  if (p.type !== 'schedule') return 0;
  const i = p.options.findIndex((o) => o.kind === 'thread' && o.target === id);
  return i < 0 ? 0 : i;
};

describe('runExecution: scheduling and decisions', () => {
  const counterTarget = testTarget((env) => {
    const x = env.mem.cell('x');
    const body = function* (t: ThreadApi) {
      t.at('inc');
      const v = yield* t.readOnce(x);
      yield* t.writeOnce(x, v + 1);
    };
    return { threads: [{ name: 'cpu0', body }, { name: 'cpu1', body }] };
  });

  it('takes a lone option without asking and logs only real choices', () => {
    const s = new ListStrategy([], 0);
    const o = runExecution(options(counterTarget, s));
    expect(o.verdict).toBe('ok');
    expect(o.steps).toBe(4);
    // steps 1-2: both threads runnable (asked); step 3 and 4: once cpu0 finished only cpu1 is left
    expect(s.points).toEqual(['thread0,thread1', 'thread0,thread1']);
    expect(o.decisions).toEqual([0, 0]);
    expect(o.preemptions).toBe(0);
  });

  it('counts a switch away from a runnable thread as a preemption', () => {
    const s = new ListStrategy([1], 0);
    const o = runExecution(options(counterTarget, s));
    expect(o.preemptions).toBe(0); // current = -1 before the first step: no preemption
    const s2 = new ListStrategy([0, 1], 0);
    const o2 = runExecution(options(counterTarget, s2));
    expect(o2.preemptions).toBe(1);
    expect(s2.points[1]).toBe('thread0,thread1');
  });

  it('counts the switches of the fair continuation too (issue 13 item 5)', () => {
    // no decision at all: the round-robin continuation interleaves both threads step by step
    const o = runExecution(options(counterTarget, new ListStrategy([])));
    expect(o.decisions).toEqual([-1]);
    // cpu0 read | cpu1 read (switch from a runnable cpu0) | cpu0 write (switch from cpu1) | cpu1 write
    expect(o.preemptions).toBe(2);
  });

  it('does not count a switch away from a spinning thread (last step cpuRelax) as a preemption', () => {
    const t = testTarget((env) => {
      const x = env.mem.cell('x');
      return {
        threads: [
          { name: 'spinner', body: function* (th: ThreadApi) { yield* th.cpuRelax(); yield* th.readOnce(x); } },
          { name: 'other', body: function* (th: ThreadApi) { yield* th.writeOnce(x, 1); yield* th.writeOnce(x, 2); } },
        ],
      };
    });
    // step 1 the spinner relaxes; step 2 leaves it for `other` (a spin yield: free); step 3
    // leaves `other`, which could have continued, for the spinner (a preemption)
    const o = runExecution(options(t, new ListStrategy([0, 1, 1], 0)));
    expect(o.preemptions).toBe(1);
    // the same switch away from `other` after a plain step of the first thread would cost 2
    const u = testTarget((env) => {
      const x = env.mem.cell('x');
      return {
        threads: [
          { name: 'plain', body: function* (th: ThreadApi) { yield* th.readOnce(x); yield* th.readOnce(x); } },
          { name: 'other', body: function* (th: ThreadApi) { yield* th.writeOnce(x, 1); yield* th.writeOnce(x, 2); } },
        ],
      };
    });
    expect(runExecution(options(u, new ListStrategy([0, 1, 1], 0))).preemptions).toBe(2);
  });

  it('tells the strategy that the current thread spins after cpuRelax and after 64 steps in a row', () => {
    const t = testTarget((env) => {
      const x = env.mem.cell('x');
      return {
        threads: [
          { body: function* (th: ThreadApi) { yield* th.cpuRelax(); yield* th.readOnce(x); } },
          { body: function* (th: ThreadApi) { for (let i = 0; i < 80; i++) yield* th.readOnce(x); } },
        ],
      };
    });
    const flags: string[] = [];
    const s = new ListStrategy([], (p) => {
      if (p.type !== 'schedule') return 0;
      flags.push(`${p.current}:${p.currentSpinning === true ? 'S' : '-'}`);
      // run thread 0 once, then stay on thread 1 as long as possible
      return p.options.findIndex((o) => o.target === (p.step === 0 ? 0 : 1));
    });
    runExecution(options(t, s));
    expect(flags[0]).toBe('-1:-');
    expect(flags[1]).toBe('0:S'); // after cpu0's cpuRelax
    // cpu1 then runs alone at choice points (cpu0 stays runnable): spinning from its 64th step on
    const at64 = flags.slice(2).findIndex((f) => f === '1:S');
    expect(at64).toBe(64);
  });

  it('puts the current thread first, then the others in cyclic order', () => {
    const t3 = testTarget(() => {
      const body = function* (t: ThreadApi) {
        yield* t.cpuRelax();
        yield* t.cpuRelax();
      };
      return { threads: [{ body }, { body }, { body }] };
    });
    const s = new ListStrategy([1], 0);
    runExecution(options(t3, s));
    expect(s.points[0]).toBe('thread0,thread1,thread2');
    expect(s.points[1]).toBe('thread1,thread2,thread0');
  });

  it('finds the lost update by exhaustive enumeration', () => {
    const finals = new Set<number>();
    const t = testTarget((env) => {
      const x = env.mem.cell('x');
      let api: ThreadApi | undefined;
      const body = function* (th: ThreadApi) {
        api = th;
        const v = yield* th.readOnce(x);
        yield* th.writeOnce(x, v + 1);
      };
      return { threads: [{ body }, { body }], atEnd: () => (finals.add(api!.peek(x)), undefined) };
    });
    exhaustive(t, 'sc');
    expect([...finals].sort()).toEqual([1, 2]);
  });

  it('enumerates every interleaving exactly once (multinomial count)', () => {
    const t = testTarget(() => {
      const body = (k: number) => function* (th: ThreadApi) {
        for (let i = 0; i < k; i++) yield* th.cpuRelax();
      };
      return { threads: [{ body: body(2) }, { body: body(1) }, { body: body(2) }] };
    });
    const runs = exhaustive(t, 'sc', { recordTrace: true });
    const orders = runs.map((o) => o.trace!.filter((r) => r.op === 'cpuRelax').map((r) => r.thread).join(''));
    expect(runs.length).toBe(30); // 5! / (2! 1! 2!)
    expect(new Set(orders).size).toBe(30);
  });

  it('turns an exception of the strategy into a HarnessFault, not a crash of the target', () => {
    const boom = () => {
      throw new Error('strategy bug');
    };
    expect(() => runExecution(options(counterTarget, new ListStrategy([], boom)))).toThrow(/strategy list-test threw at step 0: strategy bug/);
  });

  it('rejects an out-of-range decision with a HarnessFault', () => {
    expect(() => runExecution(options(counterTarget, new ListStrategy([7])))).toThrow(/answered 7/);
  });

  it('asks a value point for t.choose(n > 1) and logs it; choose(1) asks nothing', () => {
    const seen: number[] = [];
    const t = testTarget(() => ({
      threads: [{
        body: function* (th: ThreadApi) {
          seen.push(yield* th.choose(1));
          seen.push(yield* th.choose(3, 'pick'));
          yield* th.cpuRelax();
        },
      }],
    }));
    const s = new ListStrategy([2]);
    const o = runExecution(options(t, s));
    expect(seen).toEqual([0, 2]);
    expect(s.points).toEqual(['value3']);
    expect(o.decisions).toEqual([2]);
  });

  it('is deterministic: replaying the decision log reproduces outcome and trace', () => {
    const t = testTarget((env) => {
      const x = env.mem.cell('x');
      const y = env.mem.cell('y');
      const body = (me: number) => function* (th: ThreadApi) {
        for (let i = 0; i < 3; i++) {
          th.at(`loop${i}`);
          const v = yield* th.readOnce(i % 2 ? x : y);
          yield* th.writeOnce(me ? x : y, v + me + 1);
          if ((yield* th.choose(2)) === 1) yield* th.smp_mb();
        }
      };
      return { threads: [{ body: body(0) }, { body: body(1) }] };
    });
    // a seeded pseudo-random first run
    let seed = 12345;
    const rnd = (p: ChoicePoint) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const n = p.type === 'schedule' ? p.options.length : p.n;
      return seed % n;
    };
    const first = runExecution(options(t, new ListStrategy([], rnd), 'tso', { recordTrace: true }));
    const again = runExecution(options(t, new ListStrategy(first.decisions), 'tso', { recordTrace: true }));
    expect(first.decisions.length).toBeGreaterThan(5);
    expect(again.trace).toEqual(first.trace);
    expect(again.steps).toBe(first.steps);
    expect(again.verdict).toBe(first.verdict);
    // tracing changes nothing but the trace
    const untraced = runExecution(options(t, new ListStrategy(first.decisions), 'tso'));
    expect({ ...untraced, trace: undefined }).toEqual({ ...again, trace: undefined });
  });
});

describe('runExecution: history', () => {
  it('records invoke/ok with step times; an operation still open at the end has ret undefined', () => {
    const t = testTarget((env) => {
      const l = env.mem.cell('l');
      return {
        threads: [
          {
            body: function* (th: ThreadApi) {
              th.invoke('acquire');
              yield* th.spinLock(l);
              th.ok();
              th.invoke('release', 1, 'k');
              yield* th.spinUnlock(l);
              th.ok('done');
            },
          },
          {
            body: function* (th: ThreadApi) {
              th.invoke('acquire');
              yield* th.waitUntil(l, () => false, 'never');
              th.ok();
            },
          },
        ],
      };
    });
    const o = runExecution(options(t, new ListStrategy([0, 0])));
    expect(o.verdict).toBe('hang');
    expect(o.history).toEqual([
      { id: 0, process: 0, f: 'acquire', input: undefined, output: undefined, call: 0, ret: 1 },
      { id: 1, process: 1, f: 'acquire', input: undefined, output: undefined, call: 0, ret: undefined },
      { id: 2, process: 0, f: 'release', input: 1, output: 'done', call: 1, ret: 2, key: 'k' },
    ]);
  });
});

describe('runExecution: oracles', () => {
  it('reports BUG_ON as a violation with message, thread and location', () => {
    const t = testTarget(() => ({
      threads: [{ name: 'cpu0', body: function* (th: ThreadApi) { yield* th.cpuRelax(); th.at('check'); th.BUG_ON(true, 'bad state'); throw new Error('not reached'); } }],
    }));
    const o = runExecution(options(t, new ListStrategy([])));
    expect(o.verdict).toBe('violation');
    expect(o.finding).toMatchObject({ kind: 'violation', message: 'BUG: bad state', thread: 0, locations: ['check'] });
  });

  it('reports WARN_ON and assert', () => {
    const mk = (f: (th: ThreadApi) => void) => testTarget(() => ({ threads: [{ body: function* (th: ThreadApi) { yield* th.cpuRelax(); f(th); } }] }));
    expect(runExecution(options(mk((th) => th.WARN_ON(true, 'w')), new ListStrategy([]))).finding?.message).toBe('WARN: w');
    expect(runExecution(options(mk((th) => th.assert(false, 'a1')), new ListStrategy([]))).finding?.message).toBe('a1');
    expect(runExecution(options(mk((th) => th.assert(true, 'a2')), new ListStrategy([]))).verdict).toBe('ok');
  });

  it('reports an exception of target code as a crash with its stack, not a harness error', () => {
    const t = testTarget(() => ({
      threads: [{ name: 'cpu0', body: function* (th: ThreadApi) { th.at('here'); yield* th.cpuRelax(); throw new TypeError('boom'); } }],
    }));
    const o = runExecution(options(t, new ListStrategy([])));
    expect(o.verdict).toBe('crash');
    expect(o.finding?.message).toBe('cpu0 threw TypeError: boom');
    expect(o.finding?.thread).toBe(0);
    expect(o.finding?.locations).toEqual(['here']);
    expect(o.finding?.stack).toContain('boom');
  });

  it('turns a setup exception into a TargetError (a mistake in the target, not a crash of the lock)', () => {
    const t = testTarget(() => { throw new Error('bad workload'); });
    expect(() => runExecution(options(t, new ListStrategy([])))).toThrow(TargetError);
    expect(() => runExecution(options(t, new ListStrategy([])))).toThrow(/^target 'test', variant 'v': setup threw Error: bad workload for the workload/);
  });

  it('turns a thread body that is no generator function into a TargetError naming the thread', () => {
    const mk = (body: unknown) => testTarget(() => ({ threads: [{ name: 'cpu0', body: body as never }] }));
    expect(() => runExecution(options(mk(async () => undefined), new ListStrategy([])))).toThrow(/thread cpu0: its body is an async function: .*async front end/);
    expect(() => runExecution(options(mk(() => 3), new ListStrategy([])))).toThrow(/thread cpu0: its body returned a number instead of a generator/);
    expect(() => runExecution(options(mk(async function* () { /* none */ }), new ListStrategy([])))).toThrow(/async generator function/);
  });

  it('checks Instance.invariant after every step and atEnd at the end', () => {
    let api: ThreadApi | undefined;
    const mk = (atEnd: boolean) => testTarget((env) => {
      const x = env.mem.cell('x');
      return {
        threads: [{ body: function* (th: ThreadApi) { api = th; th.at('w'); yield* th.writeOnce(x, 2); yield* th.writeOnce(x, 0); } }],
        invariant: atEnd ? undefined : () => (api!.peek(x) === 2 ? 'x must never be 2' : undefined),
        atEnd: atEnd ? () => 'leftover state' : undefined,
      };
    });
    const o = runExecution(options(mk(false), new ListStrategy([])));
    expect(o.verdict).toBe('violation');
    expect(o.finding?.message).toBe('x must never be 2');
    expect(o.steps).toBe(1);
    const e = runExecution(options(mk(true), new ListStrategy([])));
    expect(e.finding).toMatchObject({ kind: 'violation', message: 'leftover state' });
    expect(e.steps).toBe(2);
  });

  it('reports mutual exclusion violations of enterCritical/exitCritical', () => {
    const t = testTarget((env) => {
      const l = env.mem.cell('l');
      const body = function* (th: ThreadApi) {
        // broken test-and-set: read then write (not atomic)
        yield* th.waitUntil(l, (v) => v === 0);
        yield* th.writeOnce(l, 1);
        th.at('cs');
        th.enterCritical('L');
        yield* th.cpuRelax();
        th.exitCritical('L');
        yield* th.writeOnce(l, 0);
      };
      return { threads: [{ name: 'cpu0', body }, { name: 'cpu1', body }] };
    });
    const runs = exhaustive(t, 'sc');
    const bad = runs.filter((r) => r.verdict === 'violation');
    expect(bad.length).toBeGreaterThan(0);
    expect(bad[0].finding?.message).toMatch(/^mutual exclusion violated: cpu[01] entered L while cpu[01] is inside$/);
    expect(bad[0].finding?.locations).toEqual(['cs']);
    expect(runs.some((r) => r.verdict === 'ok')).toBe(true);
  });
});

describe('runExecution: liveness', () => {
  it('reports spin-lock ABBA (every cpu spins forever) as a hang with where each thread is stuck', () => {
    const t = testTarget((env) => {
      const a = env.mem.cell('A');
      const b = env.mem.cell('B');
      const body = (first: typeof a, second: typeof a, name: string) => ({
        name,
        body: function* (th: ThreadApi) {
          th.at(`${name}: lock ${first.name}`);
          yield* th.spinLock(first);
          th.at(`${name}: lock ${second.name}`);
          yield* th.spinLock(second);
        },
      });
      return { threads: [body(a, b, 'cpu0'), body(b, a, 'cpu1')], describe: () => ['two locks'] };
    });
    const o = runExecution(options(t, new ListStrategy([0, 1])));
    expect(o.verdict).toBe('hang');
    expect(o.finding?.stuck).toEqual([
      { thread: 0, name: 'cpu0', location: 'cpu0: lock B', state: 'spinning', waitingFor: 'B: spin_lock: lock free (value 2)' },
      { thread: 1, name: 'cpu1', location: 'cpu1: lock A', state: 'spinning', waitingFor: 'A: spin_lock: lock free (value 1)' },
    ]);
    expect(o.finding?.locations).toEqual(['cpu0: lock B', 'cpu1: lock A']);
    expect(o.finding?.details).toEqual(['two locks']);
  });

  const spinner = (setFlag: boolean) => testTarget((env) => {
    const flag = env.mem.cell('flag', 0, (v) => (v ? 'set' : 'clear'));
    return {
      threads: [
        {
          name: 'cpu0',
          body: function* (th: ThreadApi) {
            th.at('spin on flag');
            while ((yield* th.readOnce(flag)) === 0) yield* th.cpuRelax();
            th.at('done');
          },
        },
        {
          name: 'cpu1',
          body: function* (th: ThreadApi) {
            yield* th.cpuRelax();
            if (setFlag) yield* th.writeOnce(flag, 1);
          },
        },
      ],
    };
  });

  it('reports a hang (spin quiescence) for a spin on a flag nobody sets, long before the window', () => {
    const o = runExecution(options(spinner(false), new ListStrategy([]), 'sc', { fairWindow: 100000 }));
    expect(o.verdict).toBe('hang');
    expect(o.finding?.message).toContain('spin quiescence');
    expect(o.finding?.stuck).toEqual([{ thread: 0, name: 'cpu0', location: 'spin on flag', state: 'spinning', waitingFor: expect.stringMatching(/flag \(value clear\)|cpuRelax/) }]);
    expect(o.steps).toBeLessThan(200);
  });

  it('never reports mere starvation: an unfair prefix that only runs the spinner is rescued by the fair continuation', () => {
    for (const mem of ['sc', 'tso'] as const) {
      const s = new ListStrategy([], prefer(0)); // never hands over: maxSteps ends the prefix
      const o = runExecution(options(spinner(true), s, mem, { maxSteps: 300 }));
      expect(o.verdict).toBe('ok');
      expect(o.steps).toBeGreaterThan(300);
    }
  });

  it('reports a hang by the fair window when memory keeps changing without progress', () => {
    const t = testTarget((env) => {
      const c = env.mem.cell('c');
      return {
        threads: [{
          name: 'cpu0',
          body: function* (th: ThreadApi) {
            th.at('churn');
            for (;;) yield* th.fetchAdd(c, 1);
          },
        }],
      };
    });
    const o = runExecution(options(t, new ListStrategy([]), 'sc', { maxSteps: 50, fairWindow: 100 }));
    expect(o.verdict).toBe('hang');
    expect(o.finding?.message).toMatch(/^livelock \(shared memory keeps changing\): no progress in 100 steps/);
    expect(o.finding?.stuck?.[0]).toMatchObject({ name: 'cpu0', location: 'churn', state: 'running' });
    // prefix ends at maxSteps (50), then 100 fair steps without progress, then up to 64 steps to
    // see the loop, cut at the continuation's own bound (50 + 50 + 100)
    expect(o.steps).toBe(200);
  });

  it('counts the preemptions of a hang judged by the window only up to the last progress', () => {
    const t = testTarget((env) => {
      const c = env.mem.cell('c');
      const churn = function* (th: ThreadApi) {
        th.progress();
        for (;;) yield* th.fetchAdd(c, 1);
      };
      return { threads: [{ name: 'cpu0', body: churn }, { name: 'cpu1', body: churn }] };
    });
    // the continuation switches at every step, but nothing progresses after priming
    const o = runExecution(options(t, new ListStrategy([]), 'sc', { maxSteps: 20, fairWindow: 100 }));
    expect(o.verdict).toBe('hang');
    expect(o.preemptions).toBe(0);
  });

  it('names a livelock by every point of its loop, wherever the window happens to end', () => {
    const t = testTarget((env) => {
      const c = env.mem.cell('c');
      return {
        threads: [{
          name: 'cpu0',
          body: function* (th: ThreadApi) {
            for (;;) {
              th.at('retry: read');
              yield* th.fetchAdd(c, 1);
              th.at('retry: back off');
              yield* th.fetchAdd(c, 2);
              th.at('retry: again');
              yield* th.fetchAdd(c, 3);
            }
          },
        }],
      };
    });
    const stuckAt = new Set<string>();
    for (const fairWindow of [100, 101, 102]) {
      const o = runExecution(options(t, new ListStrategy([]), 'sc', { maxSteps: 50, fairWindow }));
      expect(o.verdict).toBe('hang');
      expect(o.finding?.locations).toEqual(['retry: again', 'retry: back off', 'retry: read']);
      stuckAt.add(o.finding!.stuck![0].location);
    }
    expect(stuckAt.size).toBeGreaterThan(1); // the windows did end at different points
  });

  it('reports a read-only loop without cpuRelax as a hang by the window, not a livelock', () => {
    const t = testTarget((env) => {
      const c = env.mem.cell('c');
      return { threads: [{ name: 'cpu0', body: function* (th: ThreadApi) { th.at('poll'); for (;;) yield* th.readOnce(c); } }] };
    });
    const o = runExecution(options(t, new ListStrategy([]), 'sc', { maxSteps: 10, fairWindow: 50 }));
    expect(o.verdict).toBe('hang');
    expect(o.finding?.message).toMatch(/^no progress in 50 steps/);
  });

  it('is inconclusive when progress keeps happening until the step bound', () => {
    const t = testTarget((env) => {
      const c = env.mem.cell('c');
      return {
        threads: [{
          body: function* (th: ThreadApi) {
            for (;;) {
              yield* th.fetchAdd(c, 1);
              th.progress();
            }
          },
        }],
      };
    }, 40);
    const o = runExecution(options(t, new ListStrategy([]), 'sc', { fairWindow: 30 }));
    expect(o.verdict).toBe('inconclusive');
    expect(o.finding).toBeUndefined();
    expect(o.steps).toBe(40 + 40 + 30); // prefix to maxSteps, then the continuation's own bound
  });

  it('still judges a hang that follows late progress in the continuation', () => {
    const t = testTarget((env) => {
      const c = env.mem.cell('c');
      return {
        threads: [{
          name: 'cpu0',
          body: function* (th: ThreadApi) {
            for (let i = 0; i < 50; i++) {
              yield* th.fetchAdd(c, 1);
              th.progress();
            }
            th.at('churn');
            for (;;) yield* th.fetchAdd(c, 1);
          },
        }],
      };
    }, 40);
    const o = runExecution(options(t, new ListStrategy([]), 'sc', { fairWindow: 30 }));
    expect(o.verdict).toBe('hang');
    expect(o.steps).toBe(50 + 30 + 30); // + min(fairWindow, 64) steps observing the loop
  });

  it('forces flushes when only buffered stores can move (tso), then finishes', () => {
    const t = testTarget((env) => {
      const x = env.mem.cell('x');
      return {
        threads: [
          { body: function* (th: ThreadApi) { yield* th.writeOnce(x, 1); } },
          { body: function* (th: ThreadApi) { yield* th.waitUntil(x, (v) => v === 1); } },
        ],
      };
    });
    const s = new ListStrategy([], 0);
    const o = runExecution(options(t, s, 'tso'));
    expect(o.verdict).toBe('ok');
    expect(o.steps).toBe(3); // store, flush (the only option), wait
    expect(o.decisions).toEqual([]);
  });
});

describe('runExecution: options and coverage', () => {
  const t = testTarget((env) => {
    const x = env.mem.cell('x');
    return {
      threads: [{ name: 'cpu0', body: function* (th: ThreadApi) { th.at('a'); yield* th.readOnce(x); th.at('b'); yield* th.writeOnce(x, 1); yield* th.readOnce(x); } }],
    };
  });

  it('records distinct (thread, program point, op) coverage when asked', () => {
    const o = runExecution(options(t, new ListStrategy([]), 'sc', { recordCoverage: true }));
    expect(o.coverage).toEqual(['cpu0:a:readOnce', 'cpu0:b:readOnce', 'cpu0:b:writeOnce']);
    expect(runExecution(options(t, new ListStrategy([]))).coverage).toBeUndefined();
  });

  it('rejects an unknown memory model and a bad fairWindow as harness faults', () => {
    expect(() => runExecution(options(t, new ListStrategy([]), 'weak' as 'sc'))).toThrow(/unknown memory model 'weak'/);
    expect(() => runExecution(options(t, new ListStrategy([]), 'sc', { fairWindow: 0 }))).toThrow(/fairWindow/);
  });
});

describe('runExecution: misuse of the thread API', () => {
  it('reports a bare yield in model code as a crash that says to use yield*', () => {
    const t = testTarget(() => ({
      threads: [{ name: 'cpu0', body: function* (th: ThreadApi) { yield* th.cpuRelax(); yield 5 as never; } }],
    }));
    const o = runExecution(options(t, new ListStrategy([])));
    expect(o.verdict).toBe('crash');
    expect(o.finding?.message).toContain('cpu0 yielded 5 directly');
  });

  it('reports ok() without invoke() and a nested invoke() as crashes', () => {
    const mk = (f: (th: ThreadApi) => void) => testTarget(() => ({ threads: [{ body: function* (th: ThreadApi) { yield* th.cpuRelax(); f(th); } }] }));
    expect(runExecution(options(mk((th) => th.ok()), new ListStrategy([]))).finding?.message).toContain('ok() without an open operation');
    expect(runExecution(options(mk((th) => { th.invoke('a'); th.invoke('b'); }), new ListStrategy([]))).finding?.message).toContain("invoke('b') while 'a' is still open");
  });
});
