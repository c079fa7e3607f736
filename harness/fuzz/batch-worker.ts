/**
 * The piscina worker entry (issue 5 "--workers"): runs batches and shrinks for the pool
 * runner. Loaded from dist/ as compiled JavaScript (or from source through esbuild-register
 * under jest). The host module (engine + target resolution) is named in workerData so the
 * pool can also run on a test engine.
 */
import { performance } from 'node:perf_hooks';
import { workerData } from 'node:worker_threads';
import type { FuzzEngine } from './fuzz-engine';
import type { FuzzHost, FuzzHostModule } from './fuzz-host';
import type { BatchResult, BatchSpec, ShrinkResult, ShrinkSpec } from './fuzz-types';
import { HB_STARTED, runBatch } from './run-batch';
import { shrinkRun } from './shrink-run';
import type { WorkerTargetError } from './worker-target-error';

/** A job for the worker. `heartbeat` is a SharedArrayBuffer of HB_WORDS Int32 words. */
export type WorkerJob =
  | { readonly type: 'batch'; readonly spec: BatchSpec; readonly heartbeat: SharedArrayBuffer }
  | { readonly type: 'shrink'; readonly spec: ShrinkSpec; readonly heartbeat: SharedArrayBuffer };

/** What the pool passes as workerData. */
export interface WorkerConfig {
  /** Absolute path of a module exporting `createFuzzHost()`. */
  readonly hostModule: string;
}

/** The worker's host, built once when the pool loads this file (undefined outside a pool worker). */
const HOST: FuzzHost | undefined = loadHost(workerData as WorkerConfig | null);

function loadHost(config: WorkerConfig | null): FuzzHost | undefined {
  if (!config?.hostModule) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(config.hostModule) as FuzzHostModule;
  return mod.createFuzzHost();
}

/** An engine that bumps the heartbeat at every execution (the pool's runaway watchdog reads it). */
function beating(engine: FuzzEngine, hb: Int32Array): FuzzEngine {
  return { ...engine, execute: (req) => { Atomics.add(hb, HB_STARTED, 1); return engine.execute(req); } };
}

/** Run one job; the elapsed time is measured here (a process entry point, like the CLI). */
export default async function work(job: WorkerJob): Promise<BatchResult | ShrinkResult | WorkerTargetError> {
  try {
    return await runJob(job);
  } catch (e) {
    if (e instanceof Error && e.name === 'TargetError') return { targetError: e.message };
    throw e;
  }
}

async function runJob(job: WorkerJob): Promise<BatchResult | ShrinkResult> {
  const h = HOST;
  if (!h) throw new Error('batch-worker: no host module in workerData (run it through the pool runner)');
  const hb = new Int32Array(job.heartbeat);
  if (job.type === 'batch') {
    const t0 = performance.now();
    // runBatch bumps HB_STARTED itself (and records which run is in flight)
    const r = await runBatch(job.spec, { engine: h.engine, resolveTarget: (s) => h.resolveTarget(s.task.ref), heartbeat: hb });
    return { ...r, elapsedMs: performance.now() - t0 };
  }
  return shrinkRun(job.spec, h.resolveTarget(job.spec.task.ref), beating(h.engine, hb));
}
