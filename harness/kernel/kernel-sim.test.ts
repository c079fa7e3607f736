import type { Cell } from '../memory/cell';
import { runExecution } from '../runtime/execute';
import type { PvWaitResult, ThreadApi } from '../runtime/thread-api';
import { exhaustive, ListStrategy, options, testTarget } from '../runtime/test-support/test-target';
import type { ChoicePoint } from '../strategy/strategy';

const run = (t: ReturnType<typeof testTarget>, list: number[] = [], mem: 'sc' | 'tso' = 'sc', extra = {}) =>
  runExecution(options(t, new ListStrategy(list), mem, extra));

describe('pv_wait / pv_kick (seeds-qspinlock.md 2.4)', () => {
  const pv = (order: 'kick-first' | 'wait-first', waitOn: 'null' | 'cell', cellValue = 0) => {
    const results: PvWaitResult[] = [];
    const target = testTarget((env) => {
      const c: Cell = env.mem.cell('lock.locked', cellValue);
      return {
        threads: [
          { name: 'cpu0', body: function* (t: ThreadApi) { t.at('pv_wait'); results.push(yield* t.pvWait(waitOn === 'null' ? null : c, 0)); } },
          { name: 'cpu1', body: function* (t: ThreadApi) { yield* t.pvKick(0); } },
        ],
      };
    });
    return { target, results, list: order === 'kick-first' ? [1] : [0] };
  };

  it('a kick before the wait leaves a sticky token: pv_wait returns at once', () => {
    const { target, results, list } = pv('kick-first', 'cell');
    expect(run(target, list).verdict).toBe('ok');
    expect(results).toEqual(['token']);
  });

  it('pv_wait rechecks *ptr: a changed value returns mismatch without halting', () => {
    const { target, results, list } = pv('wait-first', 'cell', 3);
    expect(run(target, list).verdict).toBe('ok');
    expect(results).toEqual(['mismatch']);
  });

  it('a halted cpu is woken by pv_kick and returns kicked', () => {
    const { target, results, list } = pv('wait-first', 'null');
    const o = run(target, list, 'sc', { recordTrace: true });
    expect(o.verdict).toBe('ok');
    expect(results).toEqual(['kicked']);
    expect(o.trace?.map((r) => `${r.thread}:${r.op}`)).toEqual(['0:block', '1:pvKick', '0:wake', '1:exit', '0:pvWait', '0:exit']);
  });

  it('without a kick a halted cpu is a hang, reported as halted in pv_wait (no spurious wake-ups)', () => {
    const target = testTarget((env) => {
      const c = env.mem.cell('lock.locked', 3, (v) => `locked=${v}`);
      return { threads: [{ name: 'cpu0', body: function* (t: ThreadApi) { t.at('pv_wait_head'); yield* t.pvWait(c, 3); } }] };
    });
    const o = run(target);
    expect(o.verdict).toBe('hang');
    expect(o.finding?.stuck).toEqual([
      { thread: 0, name: 'cpu0', location: 'pv_wait_head', state: 'halted (pv_wait)', waitingFor: 'pv_kick (pv_wait on lock.locked == locked=3, now locked=3)' },
    ]);
  });

  it('one token absorbs any number of kicks (the second pv_wait halts)', () => {
    const results: PvWaitResult[] = [];
    const target = testTarget(() => ({
      threads: [
        { body: function* (t: ThreadApi) { yield* t.pvKick(0); yield* t.pvKick(0); results.push(yield* t.pvWait(null, 0)); results.push(yield* t.pvWait(null, 0)); } },
      ],
    }));
    expect(run(target).verdict).toBe('hang');
    expect(results).toEqual(['token']);
  });

  it('pv_wait drains the store buffer iff pvCallIsFence (tso)', () => {
    const mk = () => testTarget((env) => {
      const x = env.mem.cell('x');
      const seen: number[] = [];
      return {
        threads: [
          { body: function* (t: ThreadApi) { yield* t.writeOnce(x, 1); yield* t.pvWait(x, 0); } },
          { body: function* (t: ThreadApi) { seen.push(yield* t.readOnce(x)); t.assert(seen[0] === 1, 'saw the store'); } },
        ],
      };
    });
    // cpu0 stores, pv_waits (mismatch: own value 1), then cpu1 reads: with the fence it must see 1
    const fenced = run(mk(), [0, 0, 0], 'tso');
    expect(fenced.verdict).toBe('ok');
    const unfenced = run(mk(), [0, 0, 0], 'tso', { knobs: { pvCallIsFence: false } });
    expect(unfenced.verdict).toBe('violation');
  });
});

describe('futex wait / wake', () => {
  it('finds the lost wake-up (waiting on the wrong word) as a deadlock, and not with the right pattern', () => {
    const mk = (correct: boolean) => testTarget((env) => {
      const flag = env.mem.cell('flag');
      const word = env.mem.cell('futex');
      return {
        threads: [
          {
            name: 'waiter',
            body: function* (t: ThreadApi) {
              t.at('wait for flag');
              if (correct) {
                while ((yield* t.readOnce(flag)) === 0) yield* t.futexWait(flag, 0);
              } else if ((yield* t.readOnce(flag)) === 0) {
                yield* t.futexWait(word, 0);
              }
            },
          },
          {
            name: 'waker',
            body: function* (t: ThreadApi) {
              yield* t.writeOnce(flag, 1);
              yield* t.futexWake(correct ? flag : word, 1);
            },
          },
        ],
      };
    });
    for (const mem of ['sc', 'tso'] as const) {
      const bad = exhaustive(mk(false), mem);
      const dead = bad.filter((o) => o.verdict === 'deadlock');
      expect(dead.length).toBeGreaterThan(0);
      expect(dead[0].finding?.stuck?.[0]).toMatchObject({ name: 'waiter', state: 'futex wait', location: 'wait for flag' });
      const good = exhaustive(mk(true), mem);
      expect(good.every((o) => o.verdict === 'ok')).toBe(true);
    }
  });

  it('wakes waiters FIFO and at most n', () => {
    const order: string[] = [];
    const target = testTarget((env) => {
      const f = env.mem.cell('f');
      const waiter = (name: string) => ({ name, body: function* (t: ThreadApi) { yield* t.futexWait(f, 0); order.push(name); } });
      return {
        threads: [
          waiter('w0'),
          waiter('w1'),
          waiter('w2'),
          { name: 'waker', body: function* (t: ThreadApi) { const n = yield* t.futexWake(f, 2); order.push(`woke ${n}`); } },
        ],
      };
    });
    // w1, w2, w0 enqueue in that order (options are cyclic from the current thread); then the waker wakes two
    const o = run(target, [1, 0, 1]);
    expect(o.verdict).toBe('deadlock');
    expect(order.slice(0, 1)).toEqual(['woke 2']);
    expect([...order].sort()).toEqual(['w1', 'w2', 'woke 2'].sort());
    expect(o.finding?.stuck?.map((s) => s.name)).toEqual(['w0']);
  });
});

describe('sleep / wake', () => {
  it('wake of a thread that is not asleep is lost (no token): a deadlock', () => {
    const target = testTarget(() => ({
      threads: [
        { name: 'task0', body: function* (t: ThreadApi) { t.at('schedule()'); yield* t.sleep('wait queue'); } },
        { name: 'task1', body: function* (t: ThreadApi) { t.assert(!(yield* t.wake(0)), 'task0 was not asleep yet'); } },
      ],
    }));
    const o = run(target, [1]);
    expect(o.verdict).toBe('deadlock');
    expect(o.finding?.stuck).toEqual([{ thread: 0, name: 'task0', location: 'schedule()', state: 'sleeping', waitingFor: 'wake (wait queue)' }]);
    expect(run(target, [0]).verdict).toBe('violation'); // woken: wake() returned true
  });
});

describe('IPIs: latched, coalesced, delivered only with irqs on', () => {
  const ipiTarget = (log: string[]) => testTarget((env) => {
    const done = env.mem.cell('done');
    env.onIpi(2, function* (t: ThreadApi, payload: number) {
      log.push(`handler p=${payload} irqs=${t.irqsEnabled()}`);
      yield* t.fetchAdd(done, 1);
    });
    return {
      threads: [
        {
          name: 'cpu0',
          body: function* (t: ThreadApi) {
            t.irqDisable();
            yield* t.cpuRelax();
            yield* t.cpuRelax();
            t.irqEnable();
            yield* t.cpuRelax();
          },
        },
        {
          name: 'cpu1',
          body: function* (t: ThreadApi) {
            yield* t.ipiSend(0, 2, 7);
            yield* t.ipiSend(0, 2, 8);
          },
        },
      ],
    };
  });

  it('two sends while irqs are off coalesce into one delivery after irqs are back on', () => {
    const log: string[] = [];
    const s = new ListStrategy([1, 0], 0);
    const o = runExecution(options(ipiTarget(log), s, 'sc', { recordTrace: true }));
    expect(o.verdict).toBe('ok');
    expect(log).toEqual(['handler p=7 irqs=false']);
    // no ipi option while cpu0 has irqs off; offered once they are on
    const withIpi = s.points.filter((p) => p.includes('ipi0'));
    expect(withIpi.length).toBeGreaterThan(0);
    const ops = o.trace!.map((r) => `${r.thread}:${r.op}${r.op === 'ipiSend' ? ` ${r.value}` : ''}`);
    expect(ops).toContain('1:ipiSend cpu0 vector 2 (coalesced)');
    expect(ops.indexOf('0:ipi')).toBeGreaterThan(ops.lastIndexOf('0:cpuRelax') - 1);
  });

  it('the delivery time is a strategy choice: one delivery per latched (non-coalesced) send, at different points', () => {
    const log: string[] = [];
    const runs = exhaustive(ipiTarget(log), 'sc', { recordTrace: true });
    expect(runs.every((o) => o.verdict === 'ok')).toBe(true);
    const deliveries = runs.map((o) => o.trace!.filter((r) => r.op === 'ipi').length);
    const latched = runs.map((o) => o.trace!.filter((r) => r.op === 'ipiSend' && !r.value!.includes('coalesced')).length);
    expect(deliveries).toEqual(latched);
    expect(new Set(deliveries)).toEqual(new Set([1, 2]));
    const positions = new Set(runs.map((o) => o.trace!.findIndex((r) => r.op === 'ipi')));
    expect(positions.size).toBeGreaterThan(1);
    expect(log.every((l) => l.endsWith('irqs=false'))).toBe(true);
  });

  it('a vector raised again during its handler is delivered after the handler returns; idle cpus take IPIs', () => {
    let count = 0;
    const target = testTarget(() => {
      return {
        threads: [
          { name: 'cpu0', body: function* (t: ThreadApi) { yield* t.cpuRelax(); } },
          { name: 'cpu1', body: function* (t: ThreadApi) { yield* t.ipiSend(0, 1); } },
        ],
      };
    });
    const t2 = { ...target, setup: (env: Parameters<typeof target.setup>[0], v: string, w: Parameters<typeof target.setup>[2]) => {
      env.onIpi(1, function* (t: ThreadApi) {
        count++;
        if (count === 1) yield* t.ipiSend(0, 1);
        yield* t.cpuRelax();
      });
      return target.setup(env, v, w);
    } };
    const o = runExecution(options(t2, new ListStrategy([], 0), 'sc', { recordTrace: true }));
    expect(o.verdict).toBe('ok');
    expect(count).toBe(2);
    const ops = o.trace!.filter((r) => r.thread === 0).map((r) => r.op);
    expect(ops).toEqual(['cpuRelax', 'exit', 'ipi', 'ipiSend', 'cpuRelax', 'iret', 'ipi', 'cpuRelax', 'iret']);
  });

  it('ipiSend drains the sender buffer iff ipiSendIsFence (tso)', () => {
    const mk = () => testTarget((env) => {
      const param = env.mem.cell('param');
      env.onIpi(0, function* (t: ThreadApi) {
        t.assert((yield* t.readOnce(param)) === 1, 'handler saw stale parameter');
      });
      return {
        threads: [
          { name: 'cpu0', body: function* (t: ThreadApi) { yield* t.waitUntil(param, () => false, 'forever'); } },
          { name: 'cpu1', body: function* (t: ThreadApi) { yield* t.writeOnce(param, 1); yield* t.ipiSend(0, 0); } },
        ],
      };
    });
    const pick = (p: ChoicePoint) => (p.type === 'schedule' ? Math.max(0, p.options.findIndex((o) => o.kind === 'ipi')) : 0);
    const fenced = runExecution(options(mk(), new ListStrategy([], pick), 'tso'));
    expect(fenced.verdict).toBe('hang');
    const unfenced = runExecution(options(mk(), new ListStrategy([], pick), 'tso', { knobs: { ipiSendIsFence: false } }));
    expect(unfenced.verdict).toBe('violation');
    expect(unfenced.finding?.message).toBe('handler saw stale parameter');
  });
});

describe('spin locks and the lock knobs', () => {
  it('spin_lock excludes, spin_trylock fails on a held lock', () => {
    const target = testTarget((env) => {
      const l = env.mem.cell('l');
      const body = function* (t: ThreadApi) {
        yield* t.spinLock(l);
        t.enterCritical();
        yield* t.cpuRelax();
        t.exitCritical();
        yield* t.spinUnlock(l);
      };
      return {
        threads: [
          { body },
          { body },
          { body: function* (t: ThreadApi) { if (yield* t.spinTrylock(l, 9)) { t.enterCritical(); yield* t.cpuRelax(); t.exitCritical(); yield* t.spinUnlock(l); } } },
        ],
      };
    });
    for (const mem of ['sc', 'tso'] as const) {
      const runs = exhaustive(target, mem);
      expect(runs.every((o) => o.verdict === 'ok')).toBe(true);
    }
  });

  it('lockAcquireIsFence=false lets an earlier store stay buffered past the acquire (tso)', () => {
    const mk = () => testTarget((env) => {
      const x = env.mem.cell('x');
      const l = env.mem.cell('l');
      return {
        threads: [
          { body: function* (t: ThreadApi) { yield* t.writeOnce(x, 1); yield* t.spinLock(l); yield* t.cpuRelax(); } },
          { body: function* (t: ThreadApi) { t.assert((yield* t.readOnce(x)) === 1, 'x still buffered after the acquire'); } },
        ],
      };
    });
    // cpu0 stores and acquires, then cpu1 reads
    expect(run(mk(), [0, 0, 1], 'tso').verdict).toBe('ok');
    expect(run(mk(), [0, 0, 1], 'tso', { knobs: { lockAcquireIsFence: false } }).verdict).toBe('violation');
  });
});

describe('IPI edge cases', () => {
  it('reports sends to a missing cpu or vector without handler as crashes of the target', () => {
    const mk = (cpu: number, vector: number) => testTarget((env) => {
      env.onIpi(1, function* () {});
      return { threads: [{ name: 'cpu0', body: function* (t: ThreadApi) { yield* t.ipiSend(cpu, vector); } }] };
    });
    expect(run(mk(3, 1)).finding?.message).toContain('ipiSend: no cpu 3');
    expect(run(mk(0, 2)).finding?.message).toContain('no handler registered for IPI vector 2');
    expect(run(mk(0, 40)).finding?.message).toContain('IPI vector 40 out of range');
  });

  it('a halted cpu takes its pending IPI only after it is kicked (no spurious wake-up)', () => {
    const target = testTarget((env) => {
      env.onIpi(0, function* (t: ThreadApi) { yield* t.cpuRelax(); });
      return {
        threads: [
          { name: 'cpu0', body: function* (t: ThreadApi) { yield* t.pvWait(null, 0); yield* t.cpuRelax(); } },
          { name: 'cpu1', body: function* (t: ThreadApi) { yield* t.ipiSend(0, 0); yield* t.cpuRelax(); yield* t.pvKick(0); } },
        ],
      };
    });
    const s = new ListStrategy([], 0);
    const o = runExecution(options(target, s, 'sc', { recordTrace: true }));
    expect(o.verdict).toBe('ok');
    const ops = o.trace!.map((r) => `${r.thread}:${r.op}`);
    expect(ops.indexOf('1:ipiSend')).toBeLessThan(ops.indexOf('0:wake'));
    expect(ops.indexOf('0:ipi')).toBeGreaterThan(ops.indexOf('0:wake'));
  });
});

describe('IPIs and the fair continuation', () => {
  const mk = (irqsOff: boolean) => testTarget((env) => {
    const flag = env.mem.cell('flag', 0, (v) => (v ? 'set' : 'clear'));
    env.onIpi(3, function* (t: ThreadApi) {
      yield* t.writeOnce(flag, 1);
    });
    return {
      threads: [
        {
          name: 'cpu0',
          body: function* (t: ThreadApi) {
            if (irqsOff) t.irqDisable();
            t.at('wait for own handler');
            while ((yield* t.readOnce(flag)) === 0) yield* t.cpuRelax();
            t.irqEnable();
          },
        },
        { name: 'cpu1', body: function* (t: ThreadApi) { yield* t.ipiSend(0, 3); } },
      ],
    };
  });
  const onlyCpu0 = (p: ChoicePoint) => (p.type === 'schedule' ? Math.max(0, p.options.findIndex((o) => o.kind === 'thread' && o.target === 0)) : 0);

  it('delivers a pending IPI the prefix kept delaying (no false hang)', () => {
    for (const mem of ['sc', 'tso'] as const) {
      const o = runExecution(options(mk(false), new ListStrategy([1], onlyCpu0), mem, { maxSteps: 200 }));
      expect(o.verdict).toBe('ok');
    }
  });

  it('reports the hang of a cpu that spins with irqs off on what its own IPI handler would do', () => {
    const o = runExecution(options(mk(true), new ListStrategy([1]), 'sc'));
    expect(o.verdict).toBe('hang');
    expect(o.finding?.stuck).toEqual([
      { thread: 0, name: 'cpu0', location: 'wait for own handler', state: 'spinning (irqs off; IPI 3 pending)', waitingFor: expect.stringMatching(/^next (readOnce flag \(value clear\)|cpuRelax)$/) },
    ]);
  });
});
