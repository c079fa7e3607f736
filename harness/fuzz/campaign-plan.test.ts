import { campaignPlan } from './campaign-plan';

describe('campaignPlan', () => {
  it('splits a run budget into batches, the last one holding the rest, round by round', () => {
    const all = [...campaignPlan({ tasks: 2, runs: 450, batchRuns: 200, shard: { index: 0, count: 1 } })];
    expect(all).toEqual([
      { task: 0, batch: 0, runs: 200 }, { task: 1, batch: 0, runs: 200 },
      { task: 0, batch: 1, runs: 200 }, { task: 1, batch: 1, runs: 200 },
      { task: 0, batch: 2, runs: 50 }, { task: 1, batch: 2, runs: 50 },
    ]);
  });
  it('gives shard i the batches b with b mod n = i, and the shards together the whole plan', () => {
    const whole = [...campaignPlan({ tasks: 3, runs: 1000, batchRuns: 100, shard: { index: 0, count: 1 } })];
    const shards = [0, 1, 2].map((index) => [...campaignPlan({ tasks: 3, runs: 1000, batchRuns: 100, shard: { index, count: 3 } })]);
    for (const [i, s] of shards.entries()) for (const b of s) expect(b.batch % 3).toBe(i);
    const key = (b: { task: number; batch: number; runs: number }): string => `${b.task}/${b.batch}/${b.runs}`;
    expect(shards.flat().map(key).sort()).toEqual(whole.map(key).sort());
  });
  it('is unbounded without a run budget', () => {
    const g = campaignPlan({ tasks: 1, batchRuns: 10, shard: { index: 1, count: 2 } });
    const first = [g.next().value, g.next().value, g.next().value];
    expect(first.map((b) => b?.batch)).toEqual([1, 3, 5]);
  });
});
