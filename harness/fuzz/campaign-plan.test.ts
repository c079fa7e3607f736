import { campaignPlan, type PlannedBatch } from './campaign-plan';

const take = (g: Generator<PlannedBatch>, n: number): PlannedBatch[] => {
  const out: PlannedBatch[] = [];
  for (let i = 0; i < n; i++) out.push(g.next().value as PlannedBatch);
  return out;
};

describe('campaignPlan', () => {
  it('splits a run budget into batches, the last one holding the rest, round by round', () => {
    const all = [...campaignPlan({ tasks: 2, runs: 450, batchRuns: 200, shard: { index: 0, count: 1 } })];
    expect(all).toEqual([
      { task: 0, batch: 0, runs: 200, round: 0 }, { task: 1, batch: 0, runs: 200, round: 0 },
      { task: 0, batch: 1, runs: 200, round: 1 }, { task: 1, batch: 1, runs: 200, round: 1 },
      { task: 0, batch: 2, runs: 50, round: 2 }, { task: 1, batch: 2, runs: 50, round: 2 },
    ]);
  });
  it('gives shard i the batches b with b mod n = i, and the shards together the whole plan', () => {
    const whole = [...campaignPlan({ tasks: 3, runs: 1000, batchRuns: 100, shard: { index: 0, count: 1 } })];
    const shards = [0, 1, 2].map((index) => [...campaignPlan({ tasks: 3, runs: 1000, batchRuns: 100, shard: { index, count: 3 } })]);
    for (const [i, s] of shards.entries()) for (const b of s) expect(b.batch % 3).toBe(i);
    const key = (b: { task: number; batch: number; runs: number }): string => `${b.task}/${b.batch}/${b.runs}`;
    expect(shards.flat().map(key).sort()).toEqual(whole.map(key).sort());
  });
  it('ignores weights under a run budget: every task gets exactly its runs', () => {
    const all = [...campaignPlan({ tasks: 2, runs: 500, batchRuns: 100, shard: { index: 0, count: 1 }, weights: [1, 4] })];
    expect(all.filter((b) => b.task === 0).reduce((s, b) => s + b.runs, 0)).toBe(500);
    expect(all.filter((b) => b.task === 1).reduce((s, b) => s + b.runs, 0)).toBe(500);
  });
  it('is unbounded without a run budget', () => {
    const first = take(campaignPlan({ tasks: 1, batchRuns: 10, shard: { index: 1, count: 2 } }), 3);
    expect(first.map((b) => b.batch)).toEqual([1, 3, 5]);
    expect(first.map((b) => b.round)).toEqual([0, 1, 2]);
  });
  it('interleaves equal weights round by round, as the run budget does', () => {
    const first = take(campaignPlan({ tasks: 3, batchRuns: 10, shard: { index: 0, count: 1 } }), 6);
    expect(first.map((b) => `${b.task}/${b.batch}`)).toEqual(['0/0', '1/0', '2/0', '0/1', '1/1', '2/1']);
  });
  it('gives weighted tasks their share wherever the plan is cut, every first batch first', () => {
    const weights = [1, 2, 8];
    const plan = take(campaignPlan({ tasks: 3, batchRuns: 10, shard: { index: 0, count: 1 }, weights }), 200);
    expect(plan.slice(0, 3).map((b) => b.task).sort()).toEqual([0, 1, 2]);
    for (const cut of [11, 37, 110, 200]) {
      const counts = [0, 0, 0];
      for (const b of plan.slice(0, cut)) counts[b.task]++;
      // stride scheduling: each task is within one batch of its exact share j / w = cut / sum(w)
      for (let t = 0; t < 3; t++) expect(Math.abs(counts[t] - (cut * weights[t]) / 11)).toBeLessThanOrEqual(1.5);
    }
    // batch indices of a task are consecutive, rounds group w batches
    const heavy = plan.filter((b) => b.task === 2);
    expect(heavy.map((b) => b.batch)).toEqual(heavy.map((_, j) => j));
    expect(heavy.slice(0, 9).map((b) => b.round)).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 1]);
  });
  it('keeps weighted shards disjoint, each in its residue class, with the same per-task order', () => {
    const weights = [3, 1];
    const shards = [0, 1].map((index) => take(campaignPlan({ tasks: 2, batchRuns: 10, shard: { index, count: 2 }, weights }), 40));
    for (const [i, s] of shards.entries()) {
      for (const b of s) expect(b.batch % 2).toBe(i);
      for (const t of [0, 1]) {
        const idx = s.filter((b) => b.task === t).map((b) => b.batch);
        expect(idx).toEqual(idx.map((_, j) => i + 2 * j));
      }
      expect(s.slice(0, 2).map((b) => b.task).sort()).toEqual([0, 1]);
    }
  });
  it('rejects a weight that is not a positive integer', () => {
    expect(() => campaignPlan({ tasks: 2, batchRuns: 10, shard: { index: 0, count: 1 }, weights: [1, 0.5] }).next()).toThrow(/weight of task 1/);
  });
});
