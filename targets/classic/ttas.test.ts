/**
 * test-and-test-and-set (ttas): every buggy variant's bug is found by the default strategy with a
 * fixed seed and its replay token reproduces it; every correct variant is clean under
 * bounded exhaustive search. Sizes were chosen to exhaust in well under a few seconds:
 *   correct sc: dfs K=2, 3 threads x 2 ops -> 714 schedules (exhausted)
 *   correct tso: dfs K=2, 3 threads x 2 ops -> 1858 schedules (exhausted)
 *   correct tso, [lock] [lock] [trylock trylock]: dfs K=2 -> 1300 schedules, 136 of them
 *   with a trylock that fails while a release store is still buffered
 * (counts measured with the default workload mix of that size; they change if the
 * strategy's canonical order does.)
 */
import { expectBugFoundAndReplayed, expectCleanWhereOkStampingFails, expectExhaustedClean } from './classic-test-support';

describe('ttas', () => {
  it('blind-xchg under sc: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('ttas', 'blind-xchg', 'sc');
  });

  it('blind-xchg under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('ttas', 'blind-xchg', 'tso');
  });

  it('correct under sc: dfs K=2 (3x2) exhausts with no finding', async () => {
    await expectExhaustedClean('ttas', 'correct', 'sc', 2, { threads: 3, ops: 2 });
  });

  it('correct under tso: dfs K=2 (3x2) exhausts with no finding', async () => {
    await expectExhaustedClean('ttas', 'correct', 'tso', 2, { threads: 3, ops: 2 });
  });

  it('correct under tso: a trylock failing behind a still-buffered release is linearizable (dfs K=2, history checked)', async () => {
    await expectCleanWhereOkStampingFails('ttas', 'correct', 'tso', 2, { ops: [['lock'], ['lock'], ['trylock', 'trylock']] });
  });
});
