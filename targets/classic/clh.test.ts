/**
 * CLH (clh): every buggy variant's bug is found by the default strategy with a
 * fixed seed and its replay token reproduces it; every correct variant is clean under
 * bounded exhaustive search. Sizes were chosen to exhaust in well under a few seconds:
 *   correct sc: dfs K=2, 3 threads x 2 ops -> 4722 schedules (exhausted)
 *   correct tso: dfs K=2, 2 threads x 2 ops -> 1630 schedules (exhausted)
 * (counts measured with the default workload mix of that size; they change if the
 * strategy's canonical order does.)
 */
import { expectBugFoundAndReplayed, expectExhaustedClean } from './classic-test-support';

describe('clh', () => {
  it('reuse-node under sc: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('clh', 'reuse-node', 'sc');
  });

  it('reuse-node under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('clh', 'reuse-node', 'tso');
  });

  it('correct under sc: dfs K=2 (3x2) exhausts with no finding', async () => {
    await expectExhaustedClean('clh', 'correct', 'sc', 2, { threads: 3, ops: 2 });
  });

  it('correct under tso: dfs K=2 (2x2) exhausts with no finding', async () => {
    await expectExhaustedClean('clh', 'correct', 'tso', 2, { threads: 2, ops: 2 });
  });
});
