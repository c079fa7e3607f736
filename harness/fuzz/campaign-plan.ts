/** One batch to start: task index, batch index, runs. */
export interface PlannedBatch {
  readonly task: number;
  readonly batch: number;
  readonly runs: number;
}

/** What decides the batches of a campaign. */
export interface PlanOptions {
  readonly tasks: number;
  /** Runs per task; undefined = unbounded (a time budget decides when to stop starting batches). */
  readonly runs?: number;
  readonly batchRuns: number;
  readonly shard: { readonly index: number; readonly count: number };
}

/**
 * The batches of a campaign, in start order (issue 5 "--shard"): batch b of every task runs
 * on shard b mod N; tasks are interleaved round by round so a time budget spreads over all
 * of them. With a run budget R a task has ceil(R / B) batches, the last one holding the rest,
 * so the set of batches (and hence the findings) does not depend on the shard or worker count.
 */
export function* campaignPlan(o: PlanOptions): Generator<PlannedBatch> {
  if (o.tasks <= 0) return;
  const perTask = o.runs === undefined ? Infinity : Math.ceil(o.runs / o.batchRuns);
  for (let b = o.shard.index; b < perTask; b += o.shard.count) {
    for (let t = 0; t < o.tasks; t++) {
      const runs = o.runs === undefined ? o.batchRuns : Math.min(o.batchRuns, o.runs - b * o.batchRuns);
      yield { task: t, batch: b, runs };
    }
  }
}
