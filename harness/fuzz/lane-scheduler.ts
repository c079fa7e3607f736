import { campaignPlan, type PlanOptions, type PlannedBatch } from './campaign-plan';

/** What the lane scheduler needs to know about the campaign. */
export interface LaneOptions extends PlanOptions {
  /** Workers that run jobs side by side (pool threads), each with its own JIT. */
  readonly lanes: number;
  /**
   * Affinity key of each task (cells with the same key share target code: one target's
   * variants and memory models). Cells are handed out to lanes by key, so a target's code is
   * compiled and specialised in one worker only.
   */
  readonly keys: readonly string[];
  /** One plan drawn in its global order by every lane (triage: every cell the same rounds). */
  readonly shared?: boolean;
  /** A time budget decides when to stop: every lane keeps round order (each cell's first batch first). */
  readonly timed?: boolean;
}

/**
 * Which batch each lane starts next (issue 12 goal 1). V8 compiles per worker: every worker
 * that runs every cell compiles every target's code, and its generic engine code is
 * de-optimised again by every target's object shapes. So each lane (pool worker) gets its own
 * cells, grouped by target, and takes another lane's work only when it has none of its own:
 *
 * - run budget: lanes take whole groups from one queue (largest first, so the tail is made of
 *   small groups) and run a group's batches cell by cell; a lane whose queue is empty takes
 *   the later half of the busiest lane's remaining batches (work stealing at the end);
 * - time budget (stride plans): the groups are split between lanes once, largest
 *   first onto the least loaded lane, and each lane runs the stride plan of its own cells; a
 *   lane more than one round ahead of the lane furthest behind starts that lane's next batch
 *   instead, so every cell stays within about two batches of its weighted share;
 * - with fewer groups than lanes the cells are the groups; with fewer cells than lanes (or
 *   `shared`) every lane draws from the one global plan, as a single queue would.
 *
 * Which batches a campaign runs never depends on this (a run budget runs exactly the plan's
 * batches, in whatever order), so neither do its results.
 */
export interface LaneScheduler {
  /** The next batch for `lane`, or undefined when nothing is left for it (run budget only). */
  next(lane: number): PlannedBatch | undefined;
  /**
   * Every batch of `task` this shard will run, ascending, when they may start out of order
   * (the run-budget queues); undefined when a task's batches start in ascending order.
   */
  planned(task: number): readonly number[] | undefined;
}

/** A scheduler for `o` (see LaneScheduler). */
export function laneScheduler(o: LaneOptions): LaneScheduler {
  const lanes = Math.max(1, Math.floor(o.lanes));
  const weights = Array.from({ length: o.tasks }, (_, t) => o.weights?.[t] ?? 1);
  const units = lanes > 1 && !o.shared ? affinityUnits(o.keys.slice(0, o.tasks), lanes) : undefined;
  if (units === undefined) {
    const plan = campaignPlan(o);
    return { next: () => { const r = plan.next(); return r.done ? undefined : r.value; }, planned: () => undefined };
  }
  // largest first (ties: campaign order), so the end of a run budget is made of small groups
  const cost = (u: readonly number[]): number => u.reduce((s, t) => s + weights[t], 0);
  const order = units.map((u, i) => ({ u, i, c: cost(u) })).sort((a, b) => b.c - a.c || a.i - b.i).map((x) => x.u);
  return o.runs === undefined || o.timed === true ? strideLanes(o, lanes, order, weights) : queueLanes(o, lanes, order);
}

/** Groups of task indices by key; single cells when there are fewer keys than lanes; undefined (share one plan) with fewer cells than lanes. */
function affinityUnits(keys: readonly string[], lanes: number): number[][] | undefined {
  const byKey = new Map<string, number[]>();
  keys.forEach((k, t) => { const g = byKey.get(k); if (g) g.push(t); else byKey.set(k, [t]); });
  if (byKey.size >= lanes) return [...byKey.values()];
  if (keys.length >= lanes) return keys.map((_, t) => [t]);
  return undefined;
}

/** Batch indices of each task on this shard under a run budget (b mod count = index). */
function plannedBatches(o: PlanOptions): number[][] {
  const perTask = Math.ceil((o.runs ?? 0) / o.batchRuns);
  const out: number[][] = [];
  for (let t = 0; t < o.tasks; t++) {
    const list: number[] = [];
    for (let b = o.shard.index; b < perTask; b += o.shard.count) list.push(b);
    out.push(list);
  }
  return out;
}

/** Run budget: lanes take whole groups from a queue, cell by cell, and steal the later half of the busiest lane's batches at the end. */
function queueLanes(o: LaneOptions, lanes: number, order: readonly (readonly number[])[]): LaneScheduler {
  const runs = o.runs ?? 0;
  const { index, count } = o.shard;
  const planned = plannedBatches(o);
  const queues: PlannedBatch[][] = Array.from({ length: lanes }, () => []);
  let nextUnit = 0;
  const fill = (lane: number): boolean => {
    while (nextUnit < order.length) {
      const q = queues[lane];
      for (const task of order[nextUnit++]) {
        for (const batch of planned[task]) q.push({ task, batch, runs: Math.min(o.batchRuns, runs - batch * o.batchRuns), round: (batch - index) / count });
      }
      if (q.length > 0) return true;
    }
    return false;
  };
  const steal = (lane: number): boolean => {
    let victim = -1;
    for (let l = 0; l < lanes; l++) if (l !== lane && queues[l].length > 0 && (victim < 0 || queues[l].length > queues[victim].length)) victim = l;
    if (victim < 0) return false;
    const v = queues[victim];
    // the victim keeps the earlier half: the batches of the cell it is running stay with it
    queues[lane] = v.splice(v.length - Math.ceil(v.length / 2));
    return true;
  };
  return {
    next(lane) {
      const l = lane % lanes;
      if (queues[l].length === 0 && !fill(l) && !steal(l)) return undefined;
      return queues[l].shift();
    },
    planned: (task) => planned[task],
  };
}

/** Time budget: a fixed split of the groups, each lane on the stride plan of its own cells, the lane furthest behind helped by any lane more than a round ahead. */
function strideLanes(o: LaneOptions, lanes: number, order: readonly (readonly number[])[], weights: readonly number[]): LaneScheduler {
  const own: number[][] = Array.from({ length: lanes }, () => []);
  const load = new Array<number>(lanes).fill(0);
  for (const unit of order) {
    let l = 0;
    for (let k = 1; k < lanes; k++) if (load[k] < load[l]) l = k;
    for (const t of unit) { own[l].push(t); load[l] += weights[t]; }
  }
  for (const tasks of own) tasks.sort((a, b) => a - b);
  const plans = own.map((tasks) => (tasks.length === 0 ? undefined : campaignPlan({ ...o, tasks: tasks.length, weights: tasks.map((t) => weights[t]) })));
  const peeked: (PlannedBatch | undefined)[] = new Array(lanes).fill(undefined);
  const peek = (l: number): PlannedBatch | undefined => {
    if (peeked[l] === undefined && plans[l] !== undefined) {
      const r = plans[l]!.next();
      if (!r.done) peeked[l] = { ...r.value, task: own[l][r.value.task] };
    }
    return peeked[l];
  };
  // virtual time of a batch in its task's stride: its j-th batch on this shard at j / w
  // (a run budget's plan ignores weights: batch j of every task in round j)
  const vt = (b: PlannedBatch): number => (b.batch - o.shard.index) / o.shard.count / (o.runs === undefined ? weights[b.task] : 1);
  const take = (l: number): PlannedBatch => { const b = peek(l)!; peeked[l] = undefined; return b; };
  return {
    next(lane) {
      const l = lane % lanes;
      let behind = -1;
      for (let k = 0; k < lanes; k++) {
        const b = peek(k);
        if (b !== undefined && (behind < 0 || vt(b) < vt(peek(behind)!))) behind = k;
      }
      if (behind < 0) return undefined;
      const mine = peek(l);
      return mine !== undefined && vt(mine) < vt(peek(behind)!) + 1 ? take(l) : take(behind);
    },
    planned: () => undefined,
  };
}
