/**
 * Dekker (dekker): every buggy variant's bug is found by the default strategy with a
 * fixed seed and its replay token reproduces it; every correct variant is clean under
 * bounded exhaustive search. Sizes were chosen to exhaust in well under a few seconds:
 *   plain sc: dfs K=3, 2 threads x 2 ops -> 1104 schedules (exhausted)
 *   fenced sc: dfs K=3, 2 threads x 2 ops -> 2015 schedules (exhausted)
 *   fenced tso: dfs K=3, 2 threads x 1 ops -> 14794 schedules (exhausted)
 * (counts measured with the default workload mix of that size; they change if the
 * strategy's canonical order does.)
 */
import { expectBugFoundAndReplayed, expectDfsFinds, expectExhaustedClean } from './classic-test-support';

describe('dekker', () => {
  it('plain under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('dekker', 'plain', 'tso');
  });

  it('no-turn-handoff under sc: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('dekker', 'no-turn-handoff', 'sc');
  });

  it('no-turn-handoff under tso: the default strategy finds the declared bug and the token replays it', async () => {
    await expectBugFoundAndReplayed('dekker', 'no-turn-handoff', 'tso');
  });

  it('no-turn under sc: the default strategy finds the livelock (hang) and the token replays it', async () => {
    const r = await expectBugFoundAndReplayed('dekker', 'no-turn', 'sc');
    expect(r.message).toMatch(/livelock/);
  });

  it('no-turn under tso: the default strategy finds the livelock (hang) and the token replays it', async () => {
    await expectBugFoundAndReplayed('dekker', 'no-turn', 'tso');
  });

  it('plain under sc: dfs K=3 (2x2) exhausts with no finding', async () => {
    await expectExhaustedClean('dekker', 'plain', 'sc', 3, { threads: 2, ops: 2 });
  });

  it('fenced under sc: dfs K=3 (2x2) exhausts with no finding', async () => {
    await expectExhaustedClean('dekker', 'fenced', 'sc', 3, { threads: 2, ops: 2 });
  });

  it('fenced under tso: dfs K=3 (2x1) exhausts with no finding', async () => {
    await expectExhaustedClean('dekker', 'fenced', 'tso', 3, { threads: 2, ops: 1 });
  });

  it('plain under tso: bounded exhaustive search (K=2) also finds the store-buffering bug', async () => {
    await expectDfsFinds('dekker', 'plain', 'tso', 2, { threads: 2, ops: 1 });
  });
});
