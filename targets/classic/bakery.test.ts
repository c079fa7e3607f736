/**
 * bakery (bakery): every buggy variant's bug is found by the default strategy with a
 * fixed seed and its replay token reproduces it; every correct variant is clean under
 * bounded exhaustive search. Sizes were chosen to exhaust in well under a few seconds:
 *   correct sc: dfs K=2, 3 threads x 1 ops -> 10514 schedules (exhausted)
 *   correct tso: dfs K=2, 2 threads x 2 ops -> 7313 schedules (exhausted)
 *   unfenced sc: dfs K=2, 3 threads x 1 ops -> 6886 schedules (exhausted)
 * (counts measured with the default workload mix of that size; they change if the
 * strategy's canonical order does.)
 */
import { expectBugFoundAndReplayed, expectDfsFinds, expectExhaustedClean } from './classic-test-support';

describe('bakery', () => {
  it('unfenced under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('bakery', 'unfenced', 'tso');
  });

  it('no-choosing under sc: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('bakery', 'no-choosing', 'sc');
  });

  it('no-choosing under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('bakery', 'no-choosing', 'tso');
  });

  it('correct under sc: dfs K=2 (3x1) exhausts with no finding', async () => {
    await expectExhaustedClean('bakery', 'correct', 'sc', 2, { threads: 3, ops: 1 });
  });

  it('correct under tso: dfs K=2 (2x2) exhausts with no finding', async () => {
    await expectExhaustedClean('bakery', 'correct', 'tso', 2, { threads: 2, ops: 2 });
  });

  it('unfenced under sc: dfs K=2 (3x1) exhausts with no finding', async () => {
    await expectExhaustedClean('bakery', 'unfenced', 'sc', 2, { threads: 3, ops: 1 });
  });

  it('unfenced under tso: bounded exhaustive search (K=2) also finds the store-buffering bug', async () => {
    await expectDfsFinds('bakery', 'unfenced', 'tso', 2, { threads: 2, ops: 1 });
  });
});
