/**
 * Peterson (peterson): every buggy variant's bug is found by the default strategy with a
 * fixed seed and its replay token reproduces it; every correct variant is clean under
 * bounded exhaustive search. Sizes were chosen to exhaust in well under a few seconds:
 *   plain sc: dfs K=3, 2 threads x 2 ops -> 272 schedules (exhausted)
 *   fenced sc: dfs K=3, 2 threads x 2 ops -> 708 schedules (exhausted)
 *   fenced tso: dfs K=2, 2 threads x 2 ops -> 4550 schedules (exhausted)
 * (counts measured with the default workload mix of that size; they change if the
 * strategy's canonical order does.)
 */
import { expectBugFoundAndReplayed, expectDfsFinds, expectExhaustedClean } from './classic-test-support';

describe('peterson', () => {
  it('plain under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('peterson', 'plain', 'tso');
  });

  it('plain under sc: dfs K=3 (2x2) exhausts with no finding', async () => {
    await expectExhaustedClean('peterson', 'plain', 'sc', 3, { threads: 2, ops: 2 });
  });

  it('fenced under sc: dfs K=3 (2x2) exhausts with no finding', async () => {
    await expectExhaustedClean('peterson', 'fenced', 'sc', 3, { threads: 2, ops: 2 });
  });

  it('fenced under tso: dfs K=2 (2x2) exhausts with no finding', async () => {
    await expectExhaustedClean('peterson', 'fenced', 'tso', 2, { threads: 2, ops: 2 });
  });

  it('plain under tso: bounded exhaustive search (K=2) also finds the store-buffering bug', async () => {
    await expectDfsFinds('peterson', 'plain', 'tso', 2, { threads: 2, ops: 1 });
  });
});
