import { campaignPlan, type PlannedBatch } from './campaign-plan';
import { laneScheduler, type LaneOptions } from './lane-scheduler';

const shard = { index: 0, count: 1 };
const key = (b: PlannedBatch): string => `${b.task}/${b.batch}/${b.runs}`;

/** Draw from the lanes in the order `pattern` names them (cycled) until every lane is out of work. */
function drain(o: LaneOptions, pattern: readonly number[]): { lane: number; b: PlannedBatch }[] {
  const s = laneScheduler(o);
  const out: { lane: number; b: PlannedBatch }[] = [];
  const done = new Set<number>();
  for (let i = 0; done.size < o.lanes && i < 100_000; i++) {
    const lane = pattern[i % pattern.length];
    if (done.has(lane)) continue;
    const b = s.next(lane);
    if (b === undefined) done.add(lane);
    else out.push({ lane, b });
  }
  return out;
}

describe('laneScheduler', () => {
  const keys = ['a', 'a', 'b', 'b', 'c', 'd'];

  it('hands out every batch of a run budget exactly once, however the lanes ask', () => {
    const whole = [...campaignPlan({ tasks: keys.length, runs: 1000, batchRuns: 100, shard })].map(key).sort();
    for (const pattern of [[0, 1], [0, 0, 0, 1], [1, 2, 0, 0], [2]]) {
      const got = drain({ tasks: keys.length, runs: 1000, batchRuns: 100, shard, lanes: 3, keys }, pattern);
      expect(got.map((x) => key(x.b)).sort()).toEqual(whole);
    }
  });

  it('keeps a target on one lane and steals only the later half of the busiest lane at the end', () => {
    const s = laneScheduler({ tasks: keys.length, runs: 400, batchRuns: 100, shard, lanes: 2, keys });
    // lane 0 takes group a (tasks 0 and 1: 8 batches, cell by cell), lane 1 group b
    const first0 = s.next(0)!;
    const first1 = s.next(1)!;
    expect([first0.task, first0.batch]).toEqual([0, 0]);
    expect([first1.task, first1.batch]).toEqual([2, 0]);
    const lane1: PlannedBatch[] = [first1];
    for (let i = 0; i < 15; i++) lane1.push(s.next(1)!);
    // lane 1 ran b (8 batches), then c and d (4 each): lane 0 kept a to itself
    expect(lane1.map((b) => b.task)).toEqual([2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5]);
    // nothing left in the queue: lane 1 takes the later half of lane 0's 7 remaining batches
    const stolen = [s.next(1)!, s.next(1)!, s.next(1)!, s.next(1)!];
    expect(stolen.map((b) => `${b.task}/${b.batch}`)).toEqual(['1/0', '1/1', '1/2', '1/3']);
    const rest0: PlannedBatch[] = [];
    for (let b = s.next(0); b !== undefined; b = s.next(0)) rest0.push(b);
    expect(rest0.map((b) => `${b.task}/${b.batch}`)).toEqual(['0/1', '0/2', '0/3']);
  });

  it('lists a run budget\'s batches of each task in advance, for the representative rule', () => {
    const s = laneScheduler({ tasks: 2, runs: 500, batchRuns: 100, shard: { index: 1, count: 2 }, lanes: 2, keys: ['a', 'b'] });
    expect(s.planned(0)).toEqual([1, 3]);
    expect(s.planned(1)).toEqual([1, 3]);
  });

  it('under a time budget keeps each lane on its own groups and every cell near its weighted share', () => {
    const weights = [1, 2, 1, 4, 1, 1];
    const s = laneScheduler({ tasks: keys.length, batchRuns: 100, shard, lanes: 2, keys, weights });
    const byTask = new Array<number>(keys.length).fill(0);
    const laneOfTask = new Map<number, Set<number>>();
    // lane 1 asks three times as often as lane 0 (a faster worker)
    for (let i = 0; i < 400; i++) {
      const lane = i % 4 === 0 ? 0 : 1;
      const b = s.next(lane)!;
      byTask[b.task]++;
      laneOfTask.set(b.task, (laneOfTask.get(b.task) ?? new Set()).add(lane));
    }
    const total = weights.reduce((a, b) => a + b, 0);
    for (let t = 0; t < keys.length; t++) expect(Math.abs(byTask[t] - (400 * weights[t]) / total)).toBeLessThanOrEqual(2 * weights[t]);
    // the faster lane helps, but most batches of a cell run on the lane that owns it
    expect([...laneOfTask.values()].some((l) => l.size === 1)).toBe(true);
  });

  it('starts every cell\'s first batch before any second one under a time budget', () => {
    const s = laneScheduler({ tasks: keys.length, batchRuns: 100, shard, lanes: 3, keys });
    const first = Array.from({ length: keys.length }, (_, i) => s.next(i % 3)!);
    expect(first.map((b) => b.batch)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(new Set(first.map((b) => b.task)).size).toBe(keys.length);
  });

  it('falls back to cells with fewer targets than lanes, and to the one global plan with fewer cells', () => {
    const byCell = laneScheduler({ tasks: 2, runs: 200, batchRuns: 100, shard, lanes: 2, keys: ['a', 'a'] });
    expect([byCell.next(0)!.task, byCell.next(1)!.task]).toEqual([0, 1]);
    const global = [...campaignPlan({ tasks: 1, runs: 300, batchRuns: 100, shard })];
    const one = laneScheduler({ tasks: 1, runs: 300, batchRuns: 100, shard, lanes: 2, keys: ['a'] });
    expect([one.next(1), one.next(0), one.next(1), one.next(0)]).toEqual([...global, undefined]);
    const shared = laneScheduler({ tasks: keys.length, runs: 200, batchRuns: 100, shard, lanes: 2, keys, shared: true });
    expect([shared.next(1), shared.next(0), shared.next(0)]).toEqual([...campaignPlan({ tasks: keys.length, runs: 200, batchRuns: 100, shard })].slice(0, 3));
  });
});
