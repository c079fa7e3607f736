import * as fs from 'node:fs';
import * as path from 'node:path';
import { Piscina } from 'piscina';
import type { AnyTarget } from '../target/any-target';
import { JobCancelled, type BatchRunner } from './batch-runner';
import type { WorkerConfig, WorkerJob } from './batch-worker';
import type { BatchResult, BatchSpec, ShrinkResult, ShrinkSpec, TargetRef } from './fuzz-types';
import { HB_STARTED, HB_WORDS } from './run-batch';
import { runawayBatch } from './runaway-batch';
import { isWorkerTargetError } from './worker-target-error';
import { TargetError } from '../target/target-error';

/** Options of the pool runner. */
export interface PoolRunnerOptions {
  readonly workers: number;
  /** Module exporting createFuzzHost() (absolute path, .js or .ts). */
  readonly hostModule: string;
  /** A job whose heartbeat has not moved for this long is killed as a runaway (default 10 s). */
  readonly runawayMs?: number;
  /** The CLI's clock. */
  readonly now: () => number;
  /** Resolves targets in this thread (to describe the workload of a runaway run). */
  resolveTarget(ref: TargetRef): AnyTarget;
}

/**
 * Where the worker entry lives: next to this file, compiled (dist/harness/fuzz/batch-worker.js);
 * when this file runs from TypeScript source (jest), the .ts entry is loaded in the worker
 * through esbuild-register (a dev dependency), so tests need no build.
 */
export function workerEntry(): { filename: string; execArgv: string[] } {
  const js = path.join(__dirname, 'batch-worker.js');
  if (fs.existsSync(js)) return { filename: js, execArgv: [] };
  // resolved here: a bare name would be looked up from the working directory, which may be a user's project
  return { filename: path.join(__dirname, 'batch-worker.ts'), execArgv: ['--require', require.resolve('esbuild-register')] };
}

/**
 * A piscina pool (issue 5 "--workers N"): one job per worker at a time. Each job gets a
 * SharedArrayBuffer heartbeat bumped at every execution; a watchdog kills a job whose
 * heartbeat stands still for `runawayMs` (piscina terminates the worker on abort and starts a
 * fresh one) and resolves the batch as a runaway, so the campaign goes on.
 */
export function poolRunner(o: PoolRunnerOptions): BatchRunner {
  const entry = workerEntry();
  const workerData: WorkerConfig = { hostModule: o.hostModule };
  const lanes = Math.max(1, Math.floor(o.workers));
  // one single-thread pool per lane: the campaign sends a cell's jobs to the worker that owns
  // it (lane-scheduler.ts), so each worker's JIT compiles and specialises only its own targets
  const pools = Array.from({ length: lanes }, () => new Piscina({
    filename: entry.filename,
    execArgv: entry.execArgv,
    minThreads: 1,
    maxThreads: 1,
    // workers stay up (and warm) for the whole campaign, whatever gaps between its phases
    idleTimeout: Infinity,
    // a larger young generation: the step loop allocates short-lived objects, and fewer
    // scavenges keep the workers' GC helper threads from competing for the cores
    resourceLimits: { maxYoungGenerationSizeMb: 64 },
    workerData,
  }));
  const runawayMs = o.runawayMs ?? 10_000;

  /** Run a job under the watchdog; resolves 'runaway' with the heartbeat words when killed. */
  const watched = async <R>(job: WorkerJob, lane: number | undefined, signal?: AbortSignal): Promise<R | Killed> => {
    const hb = new Int32Array(job.heartbeat);
    const ctl = new AbortController();
    let killed = false;
    let last = 0;
    let lastChange = o.now();
    const timer = setInterval(() => {
      const beats = Atomics.load(hb, HB_STARTED);
      if (beats !== last || beats === 0) { last = beats; lastChange = o.now(); return; }
      if (o.now() - lastChange >= runawayMs) { killed = true; ctl.abort(); }
    }, Math.max(20, Math.min(250, runawayMs / 4)));
    const cancel = (): void => ctl.abort();
    signal?.addEventListener('abort', cancel, { once: true });
    try {
      const r: unknown = await pools[(lane ?? 0) % lanes].run(job, { signal: ctl.signal });
      if (isWorkerTargetError(r)) throw new TargetError(r.targetError);
      return r as R;
    } catch (e) {
      if (killed) return new Killed(hb);
      if (ctl.signal.aborted) throw new JobCancelled();
      throw e;
    } finally {
      clearInterval(timer);
      signal?.removeEventListener('abort', cancel);
    }
  };

  return {
    concurrency: lanes,
    lanes,
    detectsRunaways: true,
    async runBatch(spec: BatchSpec, _signal?: AbortSignal, lane?: number): Promise<BatchResult> {
      // batches are not cancelled on Ctrl-C: they are short, and their results go in the partial report
      const r = await watched<BatchResult>({ type: 'batch', spec, heartbeat: new SharedArrayBuffer(HB_WORDS * 4) }, lane);
      if (!(r instanceof Killed)) return r;
      return runawayBatch(spec, r.heartbeat, runawayMs, o.resolveTarget(spec.task.ref));
    },
    async shrink(spec: ShrinkSpec, signal?: AbortSignal, lane?: number): Promise<ShrinkResult> {
      const r = await watched<ShrinkResult>({ type: 'shrink', spec, heartbeat: new SharedArrayBuffer(HB_WORDS * 4) }, lane, signal);
      if (r instanceof Killed) throw new Error(`shrinking ran into a run that never yields (killed after ${runawayMs} ms)`);
      return r;
    },
    async close() {
      await Promise.all(pools.map((p) => p.destroy()));
    },
  };
}

/** A job killed by the watchdog, with its heartbeat words. */
class Killed {
  constructor(readonly heartbeat: Int32Array) {}
}

