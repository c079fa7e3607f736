import * as path from 'node:path';
import { saveEntry } from '../corpus/corpus-store';
import { mergeKnobs } from '../explore/merge-knobs';
import type { ShardInfo } from '../report/campaign-report';
import { writeCampaignReport, type WrittenReport } from '../report/write-campaign-report';
import type { BatchRunner } from './batch-runner';
import { runCampaign, type CampaignOptions, type CampaignResult } from './campaign';
import { buildCampaignReport, type BuiltReport } from './campaign-report-builder';
import { cellWeight } from './cell-weight';
import { createFuzzHost } from './default-host';
import { DEFAULT_TUNING, type FuzzTask, type TargetRef } from './fuzz-types';
import { inProcessRunner } from './in-process-runner';
import { poolRunner } from './pool-runner';
import type { AnyTarget } from '../target/any-target';
import { formatInterleaving } from '../report/interleaving-table';

/** Module path of the production host, for pool workers (.js from dist, .ts under jest). */
export function defaultHostModule(): string {
  return path.join(__dirname, __filename.endsWith('.ts') ? 'default-host.ts' : 'default-host.js');
}

/** A runner: `workers` = 0 runs in process, else a piscina pool of that size on the real engine. */
export function createRunner(workers: number, now: () => number, resolveTarget: (ref: TargetRef) => AnyTarget, runawayMs?: number): BatchRunner {
  if (workers <= 0) return inProcessRunner(createFuzzHost());
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
}

/**
 * Run a campaign, build its report, save new corpus entries, write the report files. Under a
 * time budget the cells are weighted by `cellWeight` unless `o.weights` says otherwise.
 */
export async function runSession(o: SessionOptions): Promise<SessionResult> {
  const weights = o.weights ?? (o.timeMs === undefined ? undefined : o.tasks.map((t) => cellWeight(o.resolve(t).workload, t.memory)));
  const t0 = o.now?.();
  const result = await runCampaign({ ...o, ...(weights ? { weights } : {}) }, o.runner);
  const elapsedMs = t0 === undefined ? undefined : o.now!() - t0;
  // report.json numbers shards from 1, as the user wrote them (--shard 1/N .. N/N)
  const shard: ShardInfo = { indices: [(o.shard?.index ?? 0) + 1], count: o.shard?.count ?? 1 };
  const built = buildCampaignReport(result, {
    campaignSeed: o.seed, shard, date: o.date, harnessVersion: o.harnessVersion,
    ...(elapsedMs !== undefined ? { elapsedMs } : {}),
    ...(o.timeMs !== undefined ? { budget: { timeSec: o.timeMs / 1000 } } : o.runs !== undefined ? { budget: { runs: o.runs } } : {}),
    tuning: { ...DEFAULT_TUNING, ...o.tuning },
    resolveTarget: o.resolve,
    knobs: mergeKnobs,
  });
  const saved: string[] = [];
  if (o.corpusDir) {
    for (const e of built.entries) {
      const s = saveEntry(o.corpusDir, e);
      if (s.created) saved.push(s.path);
    }
  }
  let written: WrittenReport | undefined;
  if (o.outDir) {
    written = writeCampaignReport(built.report, {
      outDir: o.outDir,
      artefacts: (f) => {
        const outcome = built.outcomes.get(f.entryHash);
        return outcome ? { outcome } : undefined;
      },
      formatTrace: formatInterleaving,
      ...(o.githubStepSummary ? { githubStepSummary: o.githubStepSummary } : {}),
    });
  }
  return { result, built, written, saved };
}
