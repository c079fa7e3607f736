import { runExecution } from './execute';
import type { Instance } from '../target/target';
import type { ThreadApi } from './thread-api';
import { exhaustive, ListStrategy, options, testTarget } from './test-support/test-target';

describe('single-yield primitives share one iterator per frame', () => {
  it('an IPI handler that interrupts a thread inside a primitive leaves its operands intact', () => {
    // cpu0 is suspended inside cmpxchg(x, 0, 5) when the handler runs its own primitives with
    // other operands; the interrupted cmpxchg must still store 5 (and the handler's store 9).
    const target = testTarget((env) => {
      const x = env.mem.cell('x');
      const y = env.mem.cell('y');
      env.onIpi(1, function* (t: ThreadApi) {
        yield* t.writeOnce(y, 9);
        yield* t.fetchAdd(y, 1);
      });
      return {
        threads: [
          { name: 'cpu0', body: function* (t: ThreadApi) { t.assert((yield* t.cmpxchg(x, 0, 5)) === 0, 'cmpxchg saw a changed x'); } },
          { name: 'cpu1', body: function* (t: ThreadApi) { yield* t.ipiSend(0, 1); } },
        ],
      };
    });
    let peeked: number[] = [];
    const spy = { ...target, setup: (...a: Parameters<typeof target.setup>) => {
      const inst = target.setup(...a);
      const body0 = inst.threads[0].body;
      return { ...inst, threads: [{ ...inst.threads[0], body: function* (t: ThreadApi) {
        yield* body0(t);
        peeked = [t.peek({ addr: 0, shift: 0, bits: 32, mask: 0xffffffff, name: 'x' }), t.peek({ addr: 1, shift: 0, bits: 32, mask: 0xffffffff, name: 'y' })];
      } }, inst.threads[1]] };
    } };
    const runs = exhaustive(spy, 'sc', { recordTrace: true });
    expect(runs.length).toBeGreaterThan(1);
    let interrupted = 0;
    for (const o of runs) {
      expect(o.verdict).toBe('ok');
      const rows = o.trace!.map((r) => `${r.thread}:${r.op}`);
      // handler ran between cpu0's first (pending cmpxchg) and its effect
      if (rows.indexOf('0:ipi') >= 0 && rows.indexOf('0:ipi') < rows.indexOf('0:cmpxchg')) interrupted++;
    }
    expect(interrupted).toBeGreaterThan(0);
    expect(peeked).toEqual([5, 10]);
  });

  it('a primitive created before the previous one ran is a crash naming both', () => {
    const target = testTarget((env) => {
      const x = env.mem.cell('x');
      return {
        threads: [{ name: 'cpu0', body: function* (t: ThreadApi) {
          const a = t.readOnce(x);
          const b = t.writeOnce(x, 1);
          yield* a;
          yield* b;
        } }],
      };
    });
    const o = runExecution(options(target, new ListStrategy([], 0)));
    expect(o.verdict).toBe('crash');
    expect(o.finding?.message).toMatch(/writeOnce was called before readOnce ran/);
  });

  it("an instance's describe() can still peek at the final memory after the execution", () => {
    let inst: Instance | undefined;
    const target = testTarget((env) => {
      const x = env.mem.cell('x');
      let peek: ((c: typeof x) => number) | undefined;
      inst = {
        threads: [{ name: 'cpu0', body: function* (t: ThreadApi) {
          peek = (c) => t.peek(c);
          yield* t.writeOnce(x, 3);
        } }],
        describe: () => [`x = ${peek!(x)}`],
      };
      return inst;
    });
    const o = runExecution(options(target, new ListStrategy([], 0)));
    expect(o.verdict).toBe('ok');
    expect(inst!.describe!()).toEqual(['x = 3']);
  });
});
