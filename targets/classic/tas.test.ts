/**
 * test-and-set (tas): every buggy variant's bug is found by the default strategy with a
 * fixed seed and its replay token reproduces it; every correct variant is clean under
 * bounded exhaustive search. Sizes were chosen to exhaust in well under a few seconds:
 *   xchg sc: dfs K=2, 3 threads x 2 ops -> 1392 schedules (exhausted)
 *   xchg tso: dfs K=2, 3 threads x 1 ops -> 1446 schedules (exhausted)
 *   cmpxchg sc: dfs K=2, 3 threads x 2 ops -> 1392 schedules (exhausted)
 *   cmpxchg tso: dfs K=2, 3 threads x 1 ops -> 1446 schedules (exhausted)
 *   xchg / cmpxchg tso, [lock] [trylock trylock]: dfs K=2 -> 135 schedules, 4 of them with
 *   a trylock that fails while cpu0's release store is still buffered
 * (counts measured with the default workload mix of that size; they change if the
 * strategy's canonical order does.)
 */
import { expectBugFoundAndReplayed, expectCleanWhereOkStampingFails, expectExhaustedClean } from './classic-test-support';

/** cpu0 locks once; cpu1 tries twice, so its second trylock can start after cpu0's release returned. */
const TRY_AFTER_RELEASE = { ops: [['lock'], ['trylock', 'trylock']] };

describe('tas', () => {
  it('check-then-set under sc: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('tas', 'check-then-set', 'sc');
  });

  it('check-then-set under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('tas', 'check-then-set', 'tso');
  });

  it('xchg under sc: dfs K=2 (3x2) exhausts with no finding', async () => {
    await expectExhaustedClean('tas', 'xchg', 'sc', 2, { threads: 3, ops: 2 });
  });

  it('xchg under tso: dfs K=2 (3x1) exhausts with no finding', async () => {
    await expectExhaustedClean('tas', 'xchg', 'tso', 2, { threads: 3, ops: 1 });
  });

  it('cmpxchg under sc: dfs K=2 (3x2) exhausts with no finding', async () => {
    await expectExhaustedClean('tas', 'cmpxchg', 'sc', 2, { threads: 3, ops: 2 });
  });

  it('cmpxchg under tso: dfs K=2 (3x1) exhausts with no finding', async () => {
    await expectExhaustedClean('tas', 'cmpxchg', 'tso', 2, { threads: 3, ops: 1 });
  });

  for (const variant of ['xchg', 'cmpxchg']) {
    it(`${variant} under tso: a trylock failing behind a still-buffered release is linearizable (dfs K=2, history checked)`, async () => {
      // Stamping returns at ok() (the engine before TSO-visible returns) would call these
      // histories "try-acquire returned false while the mutex was free".
      await expectCleanWhereOkStampingFails('tas', variant, 'tso', 2, TRY_AFTER_RELEASE);
    });
  }
});
