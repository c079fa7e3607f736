import { runExecution } from './execute';
import type { ThreadApi } from './thread-api';
import { exhaustive, ListStrategy, options, testTarget } from './test-support/test-target';

describe('waitUntilAll: one step, not schedulable until the predicate holds over every cell', () => {
  /** cpu0 waits for a == 1 && b == 1; cpu1 sets a then (when `both`) b. */
  const target = (both: boolean) => testTarget((env) => {
    const a = env.mem.cell('a');
    const b = env.mem.cell('b', 0, (v) => `b:${v}`);
    const seen: number[][] = [];
    const waiter = function* (t: ThreadApi) {
      t.at('wait a && b');
      const v = yield* t.waitUntilAll([a, b], ([x, y]) => x === 1 && y === 1, 'a == 1 && b == 1');
      seen.push(v);
      t.assert(v[0] === 1 && v[1] === 1, `woke with ${v.join(',')}`);
    };
    const setter = function* (t: ThreadApi) {
      t.at('set a');
      yield* t.writeOnce(a, 1);
      t.at('set b');
      if (both) yield* t.writeOnce(b, 1);
    };
    return { threads: [{ name: 'cpu0', body: waiter }, { name: 'cpu1', body: setter }], atEnd: () => (seen.length === 1 ? undefined : `waiter returned ${seen.length} times`) };
  });

  it('runs the waiter only once both cells hold, in every interleaving', () => {
    const outs = exhaustive(target(true), 'sc', { recordTrace: true });
    expect(outs.length).toBeGreaterThan(0);
    for (const o of outs) {
      expect(o.verdict).toBe('ok');
      const rows = o.trace!;
      const wait = rows.find((r) => r.op === 'waitUntilAll')!;
      const setB = rows.find((r) => r.op === 'writeOnce' && r.cell === 'b')!;
      expect(wait.step).toBeGreaterThan(setB.step);
      expect(wait.cell).toBe('a, b');
      expect(wait.value).toBe('1, b:1');
    }
  });

  it('is not offered at a choice point while the predicate is false', () => {
    const s = new ListStrategy([], 0);
    runExecution(options(target(true), s));
    // the waiter (thread0) is never an option: cpu1 runs alone until both are set, then cpu0 alone
    expect(s.points).toEqual([]);
  });

  it('reports a spinning waiter with the value of every cell when the predicate never holds', () => {
    const o = runExecution(options(target(false), new ListStrategy([], 0)));
    expect(o.verdict).toBe('hang');
    const stuck = o.finding!.stuck!.find((s) => s.name === 'cpu0')!;
    expect(stuck.state).toBe('spinning');
    expect(stuck.waitingFor).toBe('a == 1 && b == 1 (a = 1, b = b:0)');
    expect(stuck.location).toBe('wait a && b');
  });

  it('sees its own buffered stores under tso, like waitUntil', () => {
    const t = testTarget((env) => {
      const a = env.mem.cell('a');
      const b = env.mem.cell('b');
      const body = function* (th: ThreadApi) {
        yield* th.writeOnce(a, 1);
        yield* th.writeOnce(b, 2);
        const v = yield* th.waitUntilAll([a, b], ([x, y]) => x === 1 && y === 2);
        th.assert(v[0] === 1 && v[1] === 2, 'own stores');
      };
      return { threads: [{ body }] };
    });
    // HAND_OVER at once: the fair continuation would flush, but the thread runs first
    const o = runExecution(options(t, new ListStrategy([], -1), 'tso'));
    expect(o.verdict).toBe('ok');
  });
});
