import type { Cell } from '../memory/cell';
import { exhaustive, testTarget } from './test-support/test-target';

/**
 * Under tso an operation returns, for the history, when the stores it issued are visible:
 * a release whose store is still buffered has not yet taken effect for other cpus.
 */
describe('history return times under tso', () => {
  // cpu0: release (plain store lock = 0) then done; cpu1: trylock = cmpxchg(lock, 1 -> 2)
  const target = testTarget((env) => {
    const lock: Cell = env.mem.cell('lock', 1);
    const other: Cell = env.mem.cell('other', 0);
    return {
      threads: [
        { name: 'cpu0', body: function* (t) { t.invoke('release'); yield* t.writeOnce(lock, 0); t.ok(); } },
        { name: 'cpu1', body: function* (t) { yield* t.readOnce(other); t.invoke('try-acquire'); const old = yield* t.cmpxchg(lock, 0, 2); t.ok(old === 0); } },
      ],
    };
  });

  it('never records a failed trylock that starts after the release became visible', () => {
    const outcomes = exhaustive(target, 'tso');
    expect(outcomes.length).toBeGreaterThan(2);
    let deferred = 0;
    for (const o of outcomes) {
      const release = o.history.find((op) => op.f === 'release')!;
      const trylock = o.history.find((op) => op.f === 'try-acquire')!;
      expect(release.ret).toBeDefined();
      if (trylock.output === false) expect(trylock.call).toBeLessThan(release.ret!);
      if (release.ret! > release.call + 1) deferred++;
    }
    // some schedules keep the store buffered past the thread's next step: the return waits
    expect(deferred).toBeGreaterThan(0);
  });

  it('marks in the trace where a deferred return became visible', () => {
    for (const o of exhaustive(target, 'tso', { recordTrace: true })) {
      const release = o.history.find((op) => op.f === 'release')!;
      const visible = o.trace!.filter((row) => row.op === 'visible');
      const returnRow = o.trace!.find((row) => row.op === 'return' && row.thread === 0)!;
      if (release.ret === returnRow.step) expect(visible).toEqual([]);
      else expect(visible.map((row) => [row.step, row.thread])).toEqual([[release.ret, 0]]);
    }
  });

  it('returns in the step of the store under sc', () => {
    for (const o of exhaustive(target, 'sc', { recordTrace: true })) {
      const release = o.history.find((op) => op.f === 'release')!;
      const store = o.trace!.find((row) => row.thread === 0 && row.cell === 'lock')!;
      expect(release.ret).toBe(store.step);
    }
  });
});
