import { TargetError } from '../target/target-error';
import { findingSignature } from '../corpus/finding-signature';
import { deriveSeed } from '../strategy/prng';
import type { BatchRunner } from './batch-runner';
import { laneScheduler } from './lane-scheduler';
import { emptyCell, mergeBatch, type CampaignFinding, type CellResult } from './cell-result';
import { DEFAULT_TUNING, type BatchResult, type BatchSpec, type FuzzTask, type FuzzTuning, type RawFinding } from './fuzz-types';

/** Runs per batch (the unit of sharding and of the time budget). */
export const DEFAULT_BATCH_RUNS = 200;

/** Progress of a campaign, reported after every batch. */
export interface CampaignProgress {
  readonly batchesDone: number;
  readonly executions: number;
  /** Distinct findings (task + signature) so far. */
  readonly findings: number;
  /** Cells whose batches are all done (run budget; 0 under a time budget). */
  readonly cellsDone: number;
  readonly cells: number;
  readonly elapsedMs: number;
}

/** A campaign: tasks, seed, budget, sharding. */
export interface CampaignOptions {
  readonly tasks: readonly FuzzTask[];
  readonly seed: number;
  /** Runs per task (deterministic budget). */
  readonly runs?: number;
  /**
   * Wall-clock budget: only decides how many batches are STARTED (round by round over the
   * tasks; the first round always starts). Results are then deterministic given that count.
   */
  readonly timeMs?: number;
  /** The CLI's clock (ms); required with timeMs, used for timings otherwise. */
  readonly now?: () => number;
  readonly shard?: { readonly index: number; readonly count: number };
  readonly batchRuns?: number;
  readonly tuning?: Partial<FuzzTuning>;
  /** Aborted = interrupted (Ctrl-C): no new batch starts; running shrinks are cut short. */
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: CampaignProgress) => void;
  /** Under a time budget, stop only between rounds so every cell gets the same number of rounds. */
  readonly equalRounds?: boolean;
  /**
   * Under a time budget, batches per round of each task (positive integers, default 1): a cell
   * of weight w gets w times the batches of a cell of weight 1 (see cellWeight). Ignored with
   * a run budget.
   */
  readonly weights?: readonly number[];
  /** What a batch seed is derived from besides (seed, b); triage leaves out the variant so base and patch see the same runs. */
  readonly seedKey?: (t: FuzzTask) => string;
  /** Sees the campaign as it goes (the CLI saves findings and report.json checkpoints with it). */
  readonly observer?: CampaignObserver;
}

/**
 * Watches a running campaign (issue 10 "nothing lost"): `batchDone` after every batch merged
 * into its cell, with the live state (do not keep it: it changes), and `findingFinal` once per
 * final representative when it is shrunk (or, for a runaway or an interrupted shrink, when it
 * is known as found). A final representative never changes afterwards.
 */
export interface CampaignObserver {
  batchDone?(state: CampaignResult): void;
  findingFinal?(cell: CellResult, finding: CampaignFinding): void;
}

/** The result of a campaign (converted to a CampaignReport by campaign-report-builder.ts). */
export interface CampaignResult {
  readonly cells: readonly CellResult[];
  readonly interrupted: boolean;
  /** Harness errors (a batch or shrink that threw): the CLI exits 3. */
  readonly errors: readonly string[];
  /**
   * Mistakes in a target found by a batch (a TargetError: a setup that throws on a later
   * workload, a lock object reused across executions, uncontrolled nondeterminism), one line
   * per cell naming it: the CLI exits 2 (DECISIONS.md item 5), as for the same mistake found
   * by the preflight. The cell stops; the others go on. `message` is the TargetError's, one line.
   */
  readonly targetErrors: readonly { readonly task: FuzzTask; readonly message: string }[];
  readonly batches: number;
  readonly executions: number;
  /** Runs per batch (a cell's batches before the last are full): executions to a finding = batch x batchRuns + execution + 1. */
  readonly batchRuns?: number;
}

/** Seed of batch `batch` of `task`: derived from (campaign seed, target/variant/memory, b). */
export function batchSeed(campaignSeed: number, task: FuzzTask, batch: number, key: (t: FuzzTask) => string = cellSeedKey): number {
  return deriveSeed(campaignSeed, key(task), batch);
}

/** Default seed key of a cell: target, variant and memory model. */
export function cellSeedKey(t: FuzzTask): string {
  return `${t.target}:${t.variant}:${t.memory}`;
}

/** Signature of the runaway finding (no program point: the thread never reached the scheduler). */
export const RUNAWAY_SIGNATURE = findingSignature({ kind: 'runaway', locations: [], message: 'a thread never yielded to the scheduler' });

/**
 * Run a campaign on `runner`: start the planned batches (keeping the runner busy), merge
 * their results per cell, deduplicate findings by signature (the representative of a
 * signature is its earliest (batch, execution), whatever the completion order), and shrink
 * each representative. The same seed and run budget give the same findings with any worker
 * or shard count (shard results are unioned by `lockstep merge`).
 */
export async function runCampaign(o: CampaignOptions, runner: BatchRunner): Promise<CampaignResult> {
  const tuning: FuzzTuning = { ...DEFAULT_TUNING, ...o.tuning };
  const batchRuns = o.batchRuns ?? DEFAULT_BATCH_RUNS;
  const shard = o.shard ?? { index: 0, count: 1 };
  const now = o.now ?? (() => 0);
  const start = now();
  const cells = o.tasks.map((task) => emptyCell(task));
  const completed = new Array<number>(o.tasks.length).fill(0);
  const errors: string[] = [];
  const targetErrors: { task: FuzzTask; message: string }[] = [];
  const shrinks = new Map<CampaignFinding, { ctl: AbortController; done: Promise<void> }>();
  let batchesDone = 0;
  let executions = 0;
  const failed = new Set<number>();

  const budgetRuns = o.timeMs === undefined ? (o.runs ?? 1000) : o.runs;
  // batches of each cell on this shard, when the budget is in runs (progress: cells done)
  const perTask = budgetRuns === undefined ? undefined : countShardBatches(Math.ceil(budgetRuns / batchRuns), shard);
  const interrupted = (): boolean => o.signal?.aborted === true;
  // Ctrl-C cuts the running shrinks short (their raw runs are reported as found)
  const abortShrinks = (): void => { for (const s of shrinks.values()) s.ctl.abort(); };
  o.signal?.addEventListener('abort', abortShrinks, { once: true });
  const progress = (): void => {
    if (!o.onProgress) return;
    let findings = 0;
    for (const c of cells) findings += c.findings.size;
    const cellsDone = perTask === undefined ? 0 : completed.filter((c) => c >= perTask).length;
    o.onProgress({ batchesDone, executions, findings, cellsDone, cells: cells.length, elapsedMs: now() - start });
  };

  // a representative is final once every earlier batch of its cell has completed: only then
  // is it shrunk, so no shrink is wasted on a run that an earlier batch later supersedes
  const plannedIdx: number[][] = o.tasks.map(() => []);
  const doneIdx: Set<number>[] = o.tasks.map(() => new Set());
  const frontier = new Array<number>(o.tasks.length).fill(0);
  const waiting: Map<CampaignFinding, number>[] = o.tasks.map(() => new Map());
  const settle = (task: number): void => {
    const list = plannedIdx[task];
    while (frontier[task] < list.length && doneIdx[task].has(list[frontier[task]])) frontier[task]++;
    const lowestOpen = frontier[task] < list.length ? list[frontier[task]] : Infinity;
    for (const [f, batch] of waiting[task]) {
      if (batch > lowestOpen) continue; // an earlier batch may still supersede it
      waiting[task].delete(f);
      startShrink(cells[task], f);
    }
  };

  const finalized = new Set<CampaignFinding>();
  const finalize = (cell: CellResult, f: CampaignFinding): void => {
    if (finalized.has(f)) return;
    finalized.add(f);
    o.observer?.findingFinal?.(cell, f);
  };
  const startShrink = (cell: CellResult, f: CampaignFinding): void => {
    if (f.raw.kind === 'runaway') { finalize(cell, f); return; }
    if (interrupted()) return;
    const ctl = new AbortController();
    // shrink where the run was found: that worker's JIT already knows the target
    const done = runner.shrink({ task: cell.task, finding: f.raw, tuning }, ctl.signal, laneOf.get(f)).then(
      (r) => { f.shrunk = r; finalize(cell, f); },
      (e: unknown) => { if (!ctl.signal.aborted) f.shrinkError = errorText(e); },
    );
    shrinks.set(f, { ctl, done });
  };

  const laneOf = new Map<CampaignFinding, number>();
  const onResult = (taskIndex: number, r: BatchResult, lane: number): void => {
    const cell = cells[taskIndex];
    completed[taskIndex]++;
    batchesDone++;
    executions += r.executions;
    const raws: RawFinding[] = [...r.findings];
    if (r.runaway) raws.push(runawayFinding(r));
    for (const { replaced, finding } of mergeBatch(cell, r, raws)) {
      finding.firstMs ??= Math.round(now() - start);
      if (replaced) {
        waiting[taskIndex].delete(replaced);
        const old = shrinks.get(replaced);
        old?.ctl.abort();
        shrinks.delete(replaced);
        laneOf.delete(replaced);
      }
      waiting[taskIndex].set(finding, finding.raw.batch);
      laneOf.set(finding, lane);
    }
    doneIdx[taskIndex].add(r.index);
    settle(taskIndex);
    progress();
    o.observer?.batchDone?.({ cells, interrupted: interrupted(), errors, targetErrors, batches: batchesDone, executions, batchRuns });
  };

  const lanes = Math.max(1, runner.lanes ?? 1);
  const sched = laneScheduler({
    tasks: o.tasks.length, runs: budgetRuns, batchRuns, shard, ...(o.weights ? { weights: o.weights } : {}),
    lanes, keys: o.tasks.map(affinityKey), shared: o.equalRounds === true, timed: o.timeMs !== undefined,
  });
  // under a run budget every batch of a task is known before any starts: a representative
  // waits for all earlier ones, whichever lane runs them and in whatever order
  const knownPlan = o.tasks.map((_, t) => sched.planned(t));
  for (let t = 0; t < o.tasks.length; t++) plannedIdx[t].push(...(knownPlan[t] ?? []));
  const startedOnShard = new Array<number>(o.tasks.length).fill(0);
  // one window of jobs per lane: a running job and the next one queued at its worker
  const perLane = lanes > 1 ? 2 : Math.max(1, runner.concurrency * 2);
  let round = 0;
  let timeUp = false;
  const laneLoop = async (lane: number): Promise<void> => {
    const mine = new Set<Promise<void>>();
    for (;;) {
      if (interrupted() || timeUp) break;
      const next = sched.next(lane);
      if (next === undefined) break;
      const { task, batch, runs } = next;
      // every cell's first batch starts; after that, with equalRounds (one shared plan) the
      // clock is read only when a new round begins, so every cell gets the same number of
      // rounds (triage); else before every batch, to keep to the budget
      const newRound = next.round !== round;
      round = next.round;
      if (o.timeMs !== undefined && startedOnShard[task]++ > 0 && (newRound || !o.equalRounds) && now() - start >= o.timeMs) {
        if (o.equalRounds) timeUp = true;
        break;
      }
      if (failed.has(task)) continue; // a harness error in this cell: the other cells go on
      const spec: BatchSpec = { task: o.tasks[task], index: batch, seed: batchSeed(o.seed, o.tasks[task], batch, o.seedKey), runs, tuning };
      if (knownPlan[task] === undefined) plannedIdx[task].push(batch);
      const t0 = now();
      const p: Promise<void> = runner.runBatch(spec, o.signal, lane).then(
        (r) => { cells[task].timeMs += r.elapsedMs ?? now() - t0; onResult(task, r, lane); },
        (e: unknown) => {
          if (interrupted() || failed.has(task)) return;
          failed.add(task);
          if (isTargetMistake(e)) targetErrors.push({ task: o.tasks[task], message: targetMistakeText(e) });
          else errors.push(`batch ${batch} of ${cellName(o.tasks[task])}: ${errorText(e)}`);
        },
      ).finally(() => mine.delete(p));
      mine.add(p);
      if (mine.size >= perLane) await Promise.race(mine);
    }
    await Promise.all(mine);
  };
  await Promise.all(Array.from({ length: lanes }, (_, lane) => laneLoop(lane)));
  for (let t = 0; t < o.tasks.length; t++) {
    for (const f of waiting[t].keys()) startShrink(cells[t], f);
    waiting[t].clear();
  }
  // wait for the shrinks of the final representatives (superseded ones were aborted)
  while (shrinks.size > 0) {
    const pending = [...shrinks.values()];
    shrinks.clear();
    await Promise.all(pending.map((s) => s.done));
  }
  // findings left unshrunk (interrupted, or the shrink failed): trace the raw run as found
  const untraced: Promise<void>[] = [];
  for (const cell of cells) {
    for (const f of cell.findings.values()) {
      if (f.shrunk || f.raw.kind === 'runaway') continue;
      untraced.push(runner.shrink({ task: cell.task, finding: f.raw, tuning: { ...tuning, shrinkBudget: 0 } }, undefined, laneOf.get(f)).then(
        (r) => { f.shrunk = r; finalize(cell, f); },
        (e: unknown) => { f.shrinkError ??= errorText(e); finalize(cell, f); },
      ));
    }
  }
  await Promise.all(untraced);
  o.signal?.removeEventListener('abort', abortShrinks);
  return { cells, interrupted: interrupted(), errors, targetErrors, batches: batchesDone, executions, batchRuns };
}

/** Cells with the same key share target code (one target's variants and memory models): the lane affinity of lane-scheduler.ts. */
export function affinityKey(t: FuzzTask): string {
  return t.ref.kind === 'file' ? `file:${t.ref.path}#${t.ref.name}` : `builtin:${t.ref.name}`;
}

/** Batches b < total with b mod count = index. */
function countShardBatches(total: number, shard: { index: number; count: number }): number {
  return total <= shard.index ? 0 : Math.ceil((total - shard.index) / shard.count);
}

/** `target:variant@memory`, for messages. */
export function cellName(t: FuzzTask): string {
  return `${t.target}:${t.variant}@${t.memory}`;
}

function runawayFinding(r: BatchResult): RawFinding {
  const info = r.runaway!;
  return {
    signature: RUNAWAY_SIGNATURE,
    kind: 'runaway',
    message: `a thread never yielded to the scheduler: execution ${info.execution} of batch ${r.index} (${info.strategy}) was killed after ${info.timeoutMs} ms`,
    locations: [],
    strategy: info.strategy,
    seed: 0,
    batch: r.index,
    execution: info.execution,
    count: 1,
    run: { workload: info.workload ?? { ops: [] }, decisions: [], preemptions: 0, steps: 0 },
  };
}

/** A TargetError (the pool runner turns a worker's into one: worker-target-error.ts). */
function isTargetMistake(e: unknown): e is Error {
  return e instanceof TargetError || (e instanceof Error && e.name === 'TargetError');
}

/** The mistake's own message, one line (no stack: it is the target's mistake, not ours). */
function targetMistakeText(e: Error): string {
  return e.message.split('\n')[0]!;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.stack ?? e.message;
  return String(e);
}
