import * as path from 'node:path';
import { mergeKnobs } from '../explore/merge-knobs';
import type { ShardInfo } from '../report/campaign-report';
import type { WriteFailure } from '../output/fs-failure';
import type { WrittenReport } from '../report/write-campaign-report';
import type { BatchRunner } from './batch-runner';
import { runCampaign, type CampaignOptions, type CampaignResult } from './campaign';
import { CampaignOutput } from './campaign-output';
import { buildCampaignReport, type BuiltReport, type ReportContext } from './campaign-report-builder';
import { emptyCell } from './cell-result';
import { cellWeight } from './cell-weight';
import { createFuzzHost } from './default-host';
import { DEFAULT_TUNING, type FuzzTask, type TargetRef } from './fuzz-types';
import { inProcessRunner } from './in-process-runner';
import { DEFAULT_RUNAWAY_MS } from '../runaway/runaway-guard';
import { poolRunner } from './pool-runner';
import { isAsync, type AnyTarget } from '../target/any-target';
import { formatInterleaving } from '../report/interleaving-table';

/** Module path of the production host, for pool workers (.js from dist, .ts under jest). */
export function defaultHostModule(): string {
  return path.join(__dirname, __filename.endsWith('.ts') ? 'default-host.ts' : 'default-host.js');
}

/**
 * A runner: `workers` = 0 runs in process (with the in-thread runaway guard), else a piscina
 * pool of that size on the real engine; both stop a run that does not yield for `runawayMs`.
 */
export function createRunner(workers: number, now: () => number, resolveTarget: (ref: TargetRef) => AnyTarget, runawayMs?: number): BatchRunner {
  if (workers <= 0) return inProcessRunner(createFuzzHost(), { runawayMs: runawayMs ?? DEFAULT_RUNAWAY_MS });
  return poolRunner({ workers, hostModule: defaultHostModule(), now, resolveTarget, ...(runawayMs === undefined ? {} : { runawayMs }) });
}

/** Everything a session needs. */
export interface SessionOptions extends Omit<CampaignOptions, 'tasks'> {
  readonly tasks: readonly FuzzTask[];
  resolve(task: FuzzTask): AnyTarget;
  readonly runner: BatchRunner;
  readonly date: string;
  readonly harnessVersion: string;
  /** Where report files go; undefined = no report written. */
  readonly outDir?: string;
  /** Corpus directory for new entries; undefined = not saved. */
  readonly corpusDir?: string;
  readonly githubStepSummary?: string;
}

/** What a session produced. */
export interface SessionResult {
  readonly result: CampaignResult;
  readonly built: BuiltReport;
  readonly written?: WrittenReport;
  /** Corpus files created (existing ones with the same hash are kept). */
  readonly saved: readonly string[];
  /** The first write that failed (the campaign stopped there; what was written before is intact). */
  readonly writeFailure?: WriteFailure;
  /** Time of the end-of-campaign write (ms of the CLI clock). */
  readonly writeMs?: number;
  /** report.json checkpoints written during the campaign and their main-thread time (ms). */
  readonly checkpoints?: { readonly count: number; readonly ms: number };
}

/**
 * Run a campaign and save it as it goes (campaign-output.ts): each finding's corpus entry and
 * artefacts as soon as it is shrunk, report.json at batch boundaries, the rest at the end. A
 * failed write stops the campaign (no new batches) and is returned as `writeFailure`. Under a
 * time budget the cells are weighted by `cellWeight` unless `o.weights` says otherwise.
 */
export async function runSession(o: SessionOptions): Promise<SessionResult> {
  const weights = o.weights ?? (o.timeMs === undefined ? undefined : o.tasks.map((t) => { const target = o.resolve(t); return cellWeight(target.workload, t.memory, isAsync(target) ? 'async' : 'generator'); }));
  const t0 = o.now?.();
  // report.json numbers shards from 1, as the user wrote them (--shard 1/N .. N/N)
  const shard: ShardInfo = { indices: [(o.shard?.index ?? 0) + 1], count: o.shard?.count ?? 1 };
  const context: ReportContext = {
    campaignSeed: o.seed, shard, date: o.date, harnessVersion: o.harnessVersion,
    ...(o.timeMs !== undefined ? { budget: { timeSec: o.timeMs / 1000 } } : o.runs !== undefined ? { budget: { runs: o.runs } } : {}),
    tuning: { ...DEFAULT_TUNING, ...o.tuning },
    resolveTarget: o.resolve,
    knobs: mergeKnobs,
  };
  // a failed write stops the campaign like an interrupt: no result could be saved any more
  const stop = new AbortController();
  const forward = (): void => stop.abort();
  if (o.signal?.aborted) stop.abort();
  o.signal?.addEventListener('abort', forward, { once: true });
  const output = o.outDir !== undefined || o.corpusDir !== undefined
    ? new CampaignOutput({
      ...(o.outDir !== undefined ? { outDir: o.outDir } : {}), ...(o.corpusDir !== undefined ? { corpusDir: o.corpusDir } : {}),
      context, formatTrace: formatInterleaving, now: o.now ?? (() => 0), onFailure: () => stop.abort(),
    })
    : undefined;
  output?.begin({ cells: o.tasks.map((t) => emptyCell(t)), interrupted: false, errors: [], targetErrors: [], batches: 0, executions: 0 });
  let result: CampaignResult;
  try {
    result = await runCampaign({ ...o, ...(weights ? { weights } : {}), signal: stop.signal, ...(output ? { observer: output } : {}) }, o.runner);
  } finally {
    o.signal?.removeEventListener('abort', forward);
  }
  const elapsedMs = t0 === undefined ? undefined : o.now!() - t0;
  const built = buildCampaignReport(result, { ...context, ...(elapsedMs !== undefined ? { elapsedMs } : {}) });
  if (!output) return { result, built, saved: [] };
  const fin = await output.finish(built, o.githubStepSummary);
  return { result, built, ...(fin.written ? { written: fin.written } : {}), saved: fin.saved, ...(fin.failure ? { writeFailure: fin.failure } : {}), writeMs: fin.finishMs, checkpoints: { count: fin.checkpoints, ms: fin.checkpointMs } };
}
