/** One batch to start: task index, batch index, runs, and its place in the plan. */
export interface PlannedBatch {
  readonly task: number;
  readonly batch: number;
  readonly runs: number;
  /**
   * Round of the plan on this shard: the j-th batch of a task of weight w on this shard
   * belongs to round floor(j / w), so every task has w batches in each round (a budget that
   * stops only between rounds gives every task the same number of rounds).
   */
  readonly round: number;
}

/** What decides the batches of a campaign. */
export interface PlanOptions {
  readonly tasks: number;
  /** Runs per task; undefined = unbounded (a time budget decides when to stop starting batches). */
  readonly runs?: number;
  readonly batchRuns: number;
  readonly shard: { readonly index: number; readonly count: number };
  /**
   * Batches per round of each task (positive integers; default 1 each), for an unbounded plan:
   * under a time budget a task of weight w gets w times the batches of a task of weight 1.
   * Ignored with a run budget (every task then gets exactly `runs` runs).
   */
  readonly weights?: readonly number[];
}

/**
 * The batches of a campaign, in start order (issue 5 "--shard"): batch b of every task runs
 * on shard b mod N. With a run budget R a task has ceil(R / B) batches, the last one holding
 * the rest, started round by round (batch b of every task, then the next one), so the set of
 * batches (and hence the findings) does not depend on the shard or worker count.
 *
 * Without a run budget the plan is endless and weighted (stride scheduling, Waldspurger and
 * Weihl 1995): batch j of a task of weight w starts at virtual time j / w, batches start in
 * order of virtual time (ties: lower task index first), so wherever a time budget cuts the
 * plan, every task has had its weighted share to within one batch, and every task's first
 * batch comes before any task's second. Equal weights give the round-by-round order.
 */
export function* campaignPlan(o: PlanOptions): Generator<PlannedBatch> {
  if (o.tasks <= 0) return;
  const { index, count } = o.shard;
  if (o.runs !== undefined) {
    const runs = o.runs;
    const perTask = Math.ceil(runs / o.batchRuns);
    for (let b = index; b < perTask; b += count) {
      for (let t = 0; t < o.tasks; t++) yield { task: t, batch: b, runs: Math.min(o.batchRuns, runs - b * o.batchRuns), round: (b - index) / count };
    }
    return;
  }
  const weights = Array.from({ length: o.tasks }, (_, t) => {
    const w = o.weights?.[t] ?? 1;
    if (!Number.isSafeInteger(w) || w < 1) throw new RangeError(`campaignPlan: weight of task ${t} must be a positive integer, got ${w}`);
    return w;
  });
  // batches each task has started on this shard: its j-th one is batch index + j * count,
  // at virtual time j / w (shard-local, so every task's first batch on a shard comes first)
  const started = new Array<number>(o.tasks).fill(0);
  for (;;) {
    // smallest j / w, compared exactly as j1 * w2 < j2 * w1
    let best = 0;
    for (let t = 1; t < o.tasks; t++) {
      if (started[t] * weights[best] < started[best] * weights[t]) best = t;
    }
    const j = started[best]++;
    yield { task: best, batch: index + j * count, runs: o.batchRuns, round: Math.floor(j / weights[best]) };
  }
}
