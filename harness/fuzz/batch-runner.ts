import type { BatchResult, BatchSpec, ShrinkResult, ShrinkSpec } from './fuzz-types';

/**
 * Where batches and shrinks run: in this thread (tests, `--workers 0`) or on a piscina pool
 * (pool-runner.ts). Both give the same results for the same specs; only the pool can kill a
 * run that never yields (it then resolves the batch with `runaway` set instead of rejecting).
 */
export interface BatchRunner {
  /** Jobs that run at the same time. */
  readonly concurrency: number;
  /**
   * Workers with a JIT of their own (pool threads; default 1). The campaign gives each lane
   * its own cells (lane-scheduler.ts) and names the lane of every job; a runner with one
   * lane ignores it.
   */
  readonly lanes?: number;
  /** True when a runaway run is detected and killed (pool only). */
  readonly detectsRunaways: boolean;
  runBatch(spec: BatchSpec, signal?: AbortSignal, lane?: number): Promise<BatchResult>;
  shrink(spec: ShrinkSpec, signal?: AbortSignal, lane?: number): Promise<ShrinkResult>;
  close(): Promise<void>;
}

/** Thrown (rejected) when a job was cancelled through its AbortSignal. */
export class JobCancelled extends Error {
  constructor() {
    super('job cancelled');
    this.name = 'JobCancelled';
  }
}
