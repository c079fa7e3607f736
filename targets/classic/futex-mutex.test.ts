/**
 * futex mutex (futex-mutex): every buggy variant's bug is found by the default strategy with a
 * fixed seed and its replay token reproduces it; every correct variant is clean under
 * bounded exhaustive search. Sizes were chosen to exhaust in well under a few seconds:
 *   correct sc: dfs K=2, 3 threads x 2 ops -> 2424 schedules (exhausted)
 *   correct tso: dfs K=2, 3 threads x 1 ops -> 1020 schedules (exhausted)
 * (counts measured with the default workload mix of that size; they change if the
 * strategy's canonical order does.)
 */
import { expectBugFoundAndReplayed, expectExhaustedClean } from './classic-test-support';

describe('futex-mutex', () => {
  it('no-wake under sc: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('futex-mutex', 'no-wake', 'sc');
  });

  it('no-wake under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('futex-mutex', 'no-wake', 'tso');
  });

  it('waiter-sets-1 under sc: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('futex-mutex', 'waiter-sets-1', 'sc');
  });

  it('waiter-sets-1 under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('futex-mutex', 'waiter-sets-1', 'tso');
  });

  it('unlock-check-then-store under sc: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('futex-mutex', 'unlock-check-then-store', 'sc');
  });

  it('unlock-check-then-store under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('futex-mutex', 'unlock-check-then-store', 'tso');
  });

  it('correct under sc: dfs K=2 (3x2) exhausts with no finding', async () => {
    await expectExhaustedClean('futex-mutex', 'correct', 'sc', 2, { threads: 3, ops: 2 });
  });

  it('correct under tso: dfs K=2 (3x1) exhausts with no finding', async () => {
    await expectExhaustedClean('futex-mutex', 'correct', 'tso', 2, { threads: 3, ops: 1 });
  });
});
