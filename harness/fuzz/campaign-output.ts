/**
 * Saves a campaign as it runs (issue 10 "nothing lost", issue 12 goal 4): each finding's corpus
 * entry and artefact folder are written as soon as the finding is final (shrunk), and
 * report.json is rewritten at batch boundaries as a partial report (`interrupted: true` until
 * the last write), so SIGTERM, SIGKILL, an OOM kill or a power cut leave a valid corpus and a
 * report.json that `lockstep merge` accepts. Every file is written atomically and synced
 * (atomic-batch.ts) on libuv's thread pool, off the main thread's critical path.
 *
 * report.json rewrites are chained (one at a time; each covers every batch finished before it
 * started) and spaced by at least `checkpointMinMs` and 20 times the main-thread time the last
 * one took to build and encode (only the cells that changed are encoded again), which keeps
 * them to about 1 % of the CPU whatever the report size: a hard kill loses the batches in flight and at most that interval's worth of counters,
 * never a final finding.
 */
import * as path from 'node:path';
import { REAL } from '../async/real-globals';
import { encodeEntry } from '../corpus/corpus-codec';
import type { CorpusEntry } from '../corpus/corpus-entry';
import { entryPath } from '../corpus/corpus-store';
import { entryHash } from '../corpus/entry-hash';
import { writeFilesAtomic, type FileWrite } from '../output/atomic-batch';
import { WriteFailure, asWriteFailure } from '../output/fs-failure';
import type { CampaignReport } from '../report/campaign-report';
import { encodeReport } from '../report/report-codec';
import { reportedFinding } from '../report/reported-finding';
import { findingFiles, reportIndexFiles, type WrittenReport } from '../report/write-campaign-report';
import type { ExecutionOutcome } from '../runtime/outcome';
import { appendFileOnce, writeFileAtomic } from '../corpus/atomic-write';
import type { CampaignObserver, CampaignResult } from './campaign';
import { CheckpointEncoder } from './checkpoint-encoder';
import { buildCampaignReport, findingEntry, type BuiltReport, type ReportContext } from './campaign-report-builder';
import type { CampaignFinding, CellResult } from './cell-result';

/**
 * Shortest gap between two report.json checkpoints (ms). Besides its main-thread time, each
 * writes and fsyncs the whole report (~0.7 MB for every built-in cell) on libuv's pool, which
 * the cost factor below does not see: at 100 ms the writes of a cheap encoding cost more than
 * they saved (issue 12 goal 1, checkpoint-encoder.ts).
 */
export const CHECKPOINT_MIN_MS = 500;
/** A checkpoint waits this many times the main-thread time the previous one took... */
const CHECKPOINT_COST_FACTOR = 20;
/** ...but never longer than this (ms): the first, cold ones are slow on a loaded machine. */
export const CHECKPOINT_MAX_GAP_MS = 1000;

/** Where and how a campaign is saved. */
export interface CampaignOutputOptions {
  /** Report directory (report.json, summary.md, junit.xml, findings/); undefined = none. */
  readonly outDir?: string;
  /** Corpus directory for the findings' entries; undefined = not saved. */
  readonly corpusDir?: string;
  /** What the report needs besides the campaign state. */
  readonly context: ReportContext;
  /** Interleaving-table formatter for trace.txt. */
  readonly formatTrace: (outcome: ExecutionOutcome) => string;
  /** The CLI's clock (ms), to space the checkpoints. */
  readonly now: () => number;
  /** Called once, at the first failed write (the CLI stops the campaign: the disk is full or gone). */
  readonly onFailure?: (e: WriteFailure) => void;
  readonly checkpointMinMs?: number;
}

/** What `finish` wrote. */
export interface FinishedOutput {
  readonly written?: WrittenReport;
  /** Corpus files created by this campaign (existing ones with the same hash are kept). */
  readonly saved: readonly string[];
  /** The first write that failed, if any (what was written before it is intact). */
  readonly failure?: WriteFailure;
  /** Main-thread + I/O time of the end-of-campaign write (ms), for the bench. */
  readonly finishMs: number;
  /** report.json checkpoints written during the campaign, and their main-thread time (ms). */
  readonly checkpoints: number;
  readonly checkpointMs: number;
}

/** The campaign observer that writes as findings arrive; `finish` writes what is left. */
export class CampaignOutput implements CampaignObserver {
  /** Entry hashes whose files are written (or being written). */
  private readonly written = new Set<string>();
  private readonly files: string[] = [];
  private readonly saved: string[] = [];
  private readonly pending = new Set<Promise<void>>();
  private firstFailure: WriteFailure | undefined;
  private checkpointRunning = false;
  private checkpointWanted: CampaignResult | undefined;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private lastCheckpointStart = Number.NEGATIVE_INFINITY;
  private lastCheckpointCost = 0;
  private finished = false;
  /** Checkpoints written, and the main-thread time spent building and encoding them (ms; the bench reports both). */
  checkpoints = 0;
  checkpointMs = 0;

  /** Entries built per finding, reused by every checkpoint (the report builder's cache). */
  private readonly entryCache: NonNullable<ReportContext['entryCache']> = new WeakMap();
  /** Reuses the text of the cells that did not change since the last checkpoint. */
  private readonly checkpointEncoder = new CheckpointEncoder();
  private readonly context: ReportContext;

  constructor(private readonly o: CampaignOutputOptions) {
    this.context = { ...o.context, entryCache: this.entryCache };
  }

  /** The first failed write, if any. */
  failure(): WriteFailure | undefined {
    return this.firstFailure;
  }

  findingFinal(cell: CellResult, f: CampaignFinding): void {
    if (this.finished || this.firstFailure) return;
    const target = this.context.resolveTarget(cell.task);
    const entry = findingEntry(cell.task, target, f, this.context);
    const outcome = f.shrunk?.reproduced ? f.shrunk.outcome : undefined;
    this.track(this.writeFindings([{ entry, outcome }]));
  }

  /**
   * Write the first report.json (every cell at zero) before the campaign starts, so the output
   * directory is a valid, mergeable campaign directory from the first moment. Synchronous:
   * throws a WriteFailure (nothing has run yet).
   */
  begin(state: CampaignResult): void {
    if (this.o.outDir === undefined) return;
    const report: CampaignReport = { ...buildCampaignReport(state, this.context).report, interrupted: true };
    writeFileAtomic(path.join(this.o.outDir, 'report.json'), encodeReport(report));
  }

  batchDone(state: CampaignResult): void {
    if (this.finished || this.firstFailure || this.o.outDir === undefined) return;
    this.checkpointWanted = state;
    if (this.checkpointRunning || this.checkpointTimer) return;
    const gap = Math.min(CHECKPOINT_MAX_GAP_MS, Math.max(this.o.checkpointMinMs ?? CHECKPOINT_MIN_MS, CHECKPOINT_COST_FACTOR * this.lastCheckpointCost));
    const wait = this.lastCheckpointStart + gap - this.o.now();
    if (wait <= 0) this.startCheckpoint();
    else {
      // the real timer: in-process, an async execution may have the global one patched right now
      this.checkpointTimer = REAL.setTimeout.call(globalThis, () => { this.checkpointTimer = undefined; this.startCheckpoint(); }, wait);
      this.checkpointTimer.unref?.();
    }
  }

  /**
   * Wait for the writes in flight, then write what is left in one batch: the findings not
   * written yet, the corpus entries not saved yet, report.json, summary.md, junit.xml; then
   * append the summary to GITHUB_STEP_SUMMARY. Never throws for a failed write: it is returned.
   */
  async finish(built: BuiltReport, githubStepSummary?: string): Promise<FinishedOutput> {
    const t0 = this.o.now();
    this.finished = true;
    if (this.checkpointTimer) clearTimeout(this.checkpointTimer);
    this.checkpointTimer = undefined;
    while (this.pending.size > 0) await Promise.all([...this.pending]);
    let written: WrittenReport | undefined;
    const rest = built.report.findings.filter((f) => !this.written.has(f.entryHash)).map((f) => ({ entry: f.entry, outcome: built.outcomes.get(f.entryHash) }));
    await this.writeFindings(rest);
    if (this.o.outDir !== undefined) {
      // even after a failed write: report.json may live on another file system than the corpus
      const out = this.o.outDir;
      const index = reportIndexFiles(built.report, out);
      const files = index.files.map((rf) => ({ file: path.join(out, rf.rel), data: rf.data }));
      try {
        await writeFilesAtomic(files);
        this.files.push(...files.map((f) => f.file));
        written = { files: [...this.files], summary: index.summary };
      } catch (e) {
        this.fail(asWriteFailure(path.join(out, 'report.json'), e));
      }
      if (written && githubStepSummary) {
        try {
          appendFileOnce(githubStepSummary, `${index.summary}\n`);
        } catch (e) {
          this.fail(asWriteFailure(githubStepSummary, e));
        }
      }
    }
    return { ...(written ? { written } : {}), saved: [...this.saved].sort(), ...(this.firstFailure ? { failure: this.firstFailure } : {}), finishMs: this.o.now() - t0, checkpoints: this.checkpoints, checkpointMs: this.checkpointMs };
  }

  /** Corpus entries and artefact folders of `items`, in one atomic batch. */
  private async writeFindings(items: readonly { entry: CorpusEntry; outcome: ExecutionOutcome | undefined }[]): Promise<void> {
    if (this.firstFailure || items.length === 0) return;
    const files: FileWrite[] = [];
    const corpusFiles = new Set<string>();
    for (const { entry, outcome } of items) {
      const hash = entryHash(entry);
      if (this.written.has(hash)) continue;
      if (this.o.corpusDir !== undefined) {
        const file = entryPath(this.o.corpusDir, entry);
        corpusFiles.add(file);
        files.push({ file, data: encodeEntry(entry), keepExisting: true });
      }
      if (this.o.outDir !== undefined) {
        const out = this.o.outDir;
        const rf = reportedFinding(entry, 1);
        for (const x of findingFiles(rf, { outDir: out, formatTrace: this.o.formatTrace, artefacts: () => (outcome ? { outcome } : undefined) })) {
          files.push({ file: path.join(out, x.rel), data: x.data });
        }
      }
      this.written.add(hash);
    }
    try {
      const done = await writeFilesAtomic(files);
      for (const f of done) (corpusFiles.has(f) ? this.saved : this.files).push(f);
    } catch (e) {
      this.fail(asWriteFailure(this.o.corpusDir ?? this.o.outDir ?? '.', e));
    }
  }

  private startCheckpoint(): void {
    const state = this.checkpointWanted;
    if (state === undefined || this.finished || this.firstFailure || this.o.outDir === undefined) return;
    this.checkpointWanted = undefined;
    this.checkpointRunning = true;
    const t0 = this.o.now();
    this.lastCheckpointStart = t0;
    // a partial report: marked interrupted until the final write replaces it; compact JSON
    // (a fifth of the canonical pretty encoding's time), the final report.json is canonical;
    // only the cells that changed since the last checkpoint are encoded again
    const text = this.checkpointEncoder.encode(state, this.context);
    this.lastCheckpointCost = this.o.now() - t0;
    this.checkpointMs += this.lastCheckpointCost;
    const file = path.join(this.o.outDir, 'report.json');
    this.track(writeFilesAtomic([{ file, data: text }]).then(
      () => { this.checkpoints++; },
      (e: unknown) => { this.fail(asWriteFailure(file, e)); },
    ).finally(() => {
      this.checkpointRunning = false;
      if (this.checkpointWanted !== undefined && !this.finished) this.batchDone(this.checkpointWanted);
    }));
  }

  private track(p: Promise<void>): void {
    const q = p.catch(() => undefined).finally(() => this.pending.delete(q));
    this.pending.add(q);
  }

  private fail(e: WriteFailure): void {
    if (this.firstFailure) return;
    this.firstFailure = e;
    this.o.onFailure?.(e);
  }
}
