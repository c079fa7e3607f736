import type { FuzzTask } from '../fuzz/fuzz-types';
import * as path from 'node:path';
import { REAL } from '../async/real-globals';
import { performance } from 'node:perf_hooks';
import { HARNESS_VERSION } from '../cli/main';
import type { CorpusEntry } from '../corpus/corpus-entry';
import { entryHash } from '../corpus/entry-hash';
import { engineAdapter } from '../fuzz/default-host';
import { inProcessRunner } from '../fuzz/in-process-runner';
import { DEFAULT_RUNAWAY_MS } from '../runaway/runaway-guard';
import { createRunner, runSession } from '../fuzz/campaign-session';
import { tasksOf } from '../fuzz/fuzz-tasks';
import { MEMORY_MODELS, type MemoryModelName } from '../memory/memory-model';
import { findProjectRoot, moduleId } from '../project/project-root';
import type { TargetSelection } from '../project/select-targets';
import type { CampaignReport } from '../report/campaign-report';
import type { ExecutionOutcome } from '../runtime/outcome';
import { isTarget } from '../target/is-target';
import type { AnyTarget } from '../target/any-target';
import { TargetError } from '../target/target-error';
import type { TargetRef } from '../target/target-ref';
import { targetDeclarationProblem } from '../target/target-shape';
import { guardedPreflight } from '../target/preflight';

/** A target to fuzz, with the variants to fuzz and where it was loaded from. */
export interface FuzzTargetInput {
  readonly target: AnyTarget;
  /** Variants to fuzz (default: all). */
  readonly variants?: readonly string[];
  /**
   * The module file the target was loaded from: recorded (relative to `root`) in corpus
   * entries so that `lockstep replay` finds it again, and needed when `workers` > 0 (each
   * worker loads the target from it).
   */
  readonly module?: string;
}

/** Options of {@link fuzz}. */
export interface FuzzOptions {
  /** Targets (all their variants), or {@link FuzzTargetInput}s. */
  readonly targets: readonly (AnyTarget | FuzzTargetInput)[];
  /** Memory models (default: every model of MEMORY_MODELS, as `lockstep fuzz` without --memory). */
  readonly memory?: readonly MemoryModelName[];
  /** Runs per target/variant/memory cell (deterministic budget). Default 1000 unless `timeMs` is given. */
  readonly runs?: number;
  /** Wall-clock budget: decides how many batches start (results are deterministic given that number). */
  readonly timeMs?: number;
  /** Campaign seed (default 1). */
  readonly seed?: number;
  /** Worker threads (default 0: run in this thread). */
  readonly workers?: number;
  /** Write the report (summary.md, report.json, junit.xml, findings/) here. */
  readonly outDir?: string;
  /** Save new corpus entries here. */
  readonly corpusDir?: string;
  /** Project root that recorded module paths are relative to (default: found from the working directory). */
  readonly root?: string;
  /** Abort = stop starting batches and return what was found. */
  readonly signal?: AbortSignal;
}

/** One deduplicated finding of a campaign, shrunk. */
export interface FuzzFinding {
  /** The corpus entry (also what repro.json holds): replay it with {@link replayEntry}. */
  readonly entry: CorpusEntry;
  /** How many failing executions showed this signature. */
  readonly count: number;
  /** The shrunk run re-executed with its trace (for {@link formatInterleaving}), when it replayed. */
  readonly outcome?: ExecutionOutcome;
}

/** What {@link fuzz} returns. */
export interface FuzzResult {
  /** The campaign report (the report.json model). */
  readonly report: CampaignReport;
  readonly findings: readonly FuzzFinding[];
  /** Corpus files created (`corpusDir`). */
  readonly saved: readonly string[];
  readonly interrupted: boolean;
  /** Harness errors (a batch or shrink that threw). */
  readonly errors: readonly string[];
  /** Mistakes in a target found during the campaign (a TargetError in a batch): the cell and the one-line message. */
  readonly targetErrors: readonly { readonly task: FuzzTask; readonly message: string }[];
}

/**
 * Run a fuzzing campaign over `targets` from code, as `lockstep fuzz` does: the strategy
 * portfolio per target/variant/memory cell, joint shrinking, deduplication by signature; the
 * report and corpus are written only when `outDir` / `corpusDir` are given.
 *
 * @example
 * ```ts
 * const r = await fuzz({ targets: [myLock], runs: 2000, memory: ['sc'] });
 * for (const f of r.findings) console.log(f.entry.variant, f.entry.finding.message);
 * ```
 */
export async function fuzz(o: FuzzOptions): Promise<FuzzResult> {
  const root = o.root ?? findProjectRoot().root;
  const workers = o.workers ?? 0;
  const selections: TargetSelection[] = o.targets.map((x) => selection(isTarget(x) ? { target: x } : x, root, workers));
  const memories = o.memory ?? [...MEMORY_MODELS];
  const resolved = tasksOf(selections, memories);
  if (resolved.tasks.length === 0) throw new TargetError('fuzz: nothing to fuzz (no target with a variant selected)');
  guardedPreflight(resolved.tasks.map((t) => ({ target: resolved.resolve(t), variant: t.variant, memory: t.memory })));
  // the real clock: with workers 0 an async execution patches performance.now while the campaign runs
  const now = (): number => REAL.performanceNow.call(performance);
  const byRef = new Map(selections.map((s) => [refKey(s.ref), s.target]));
  const resolveRef = (ref: TargetRef): AnyTarget => {
    const t = byRef.get(refKey(ref));
    if (t === undefined) throw new Error(`fuzz: no target for ${refKey(ref)}`);
    return t;
  };
  // in this thread the given Target objects are used as they are; workers load them from their modules
  const runner = workers > 0 ? createRunner(workers, now, resolveRef) : inProcessRunner({ engine: engineAdapter(), resolveTarget: resolveRef }, { runawayMs: DEFAULT_RUNAWAY_MS });
  try {
    const runs = o.runs ?? (o.timeMs === undefined ? 1000 : undefined);
    const session = await runSession({
      tasks: resolved.tasks, resolve: resolved.resolve, runner, seed: o.seed ?? 1, now,
      ...(runs !== undefined ? { runs } : {}), ...(o.timeMs !== undefined ? { timeMs: o.timeMs } : {}),
      ...(o.signal ? { signal: o.signal } : {}),
      date: new Date().toISOString(), harnessVersion: HARNESS_VERSION,
      ...(o.outDir !== undefined ? { outDir: o.outDir } : {}), ...(o.corpusDir !== undefined ? { corpusDir: o.corpusDir } : {}),
    });
    if (session.writeFailure) throw session.writeFailure;
    const counts = new Map(session.built.report.findings.map((f) => [f.entryHash, f.count]));
    const findings = session.built.entries.map((entry): FuzzFinding => {
      const hash = entryHash(entry);
      const outcome = session.built.outcomes.get(hash);
      return { entry, count: counts.get(hash) ?? 1, ...(outcome ? { outcome } : {}) };
    });
    return { report: session.built.report, findings, saved: session.saved, interrupted: session.result.interrupted, errors: session.result.errors, targetErrors: session.result.targetErrors };
  } finally {
    await runner.close();
  }
}

function selection(x: FuzzTargetInput, root: string, workers: number): TargetSelection {
  const problem = targetDeclarationProblem(x.target);
  if (problem !== undefined) throw new TargetError(problem);
  const variants = x.variants ?? x.target.variants.map((v) => v.name);
  for (const v of variants) {
    if (!x.target.variants.some((s) => s.name === v)) throw new TargetError(`fuzz: target '${x.target.name}' has no variant '${v}' (variants: ${x.target.variants.map((s) => s.name).join(', ')})`);
  }
  let ref: TargetRef;
  if (x.module !== undefined) ref = { kind: 'file', path: path.resolve(root, x.module), module: moduleId(root, x.module), name: x.target.name };
  else if (workers > 0) throw new TargetError(`fuzz: target '${x.target.name}' needs 'module' (the file it is exported from) to run in worker threads; give it, or workers: 0`);
  // an in-memory target: run in this thread by its object, recorded by name only (a replay finds it
  // only if it is a built-in one; give `module` to make its entries replayable from the CLI)
  else ref = { kind: 'builtin', name: x.target.name };
  return { target: x.target, ref, variants, explicitVariant: x.variants !== undefined };
}

function refKey(ref: TargetRef): string {
  return ref.kind === 'file' ? `file:${ref.path}#${ref.name}` : `builtin:${ref.name}`;
}
