import type { BatchRunner } from './batch-runner';
import type { FuzzHost } from './fuzz-host';
import { runBatch } from './run-batch';
import { shrinkRun } from './shrink-run';

/**
 * Runs jobs in the calling thread, one at a time (tests, `--workers 0`, triage). It yields to
 * the event loop between jobs so Ctrl-C is seen between batches; it cannot stop a run that
 * never yields (only the pool runner can).
 */
export function inProcessRunner(host: FuzzHost): BatchRunner {
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  return {
    concurrency: 1,
    detectsRunaways: false,
    async runBatch(spec) {
      await tick();
      return runBatch(spec, { engine: host.engine, resolveTarget: (s) => host.resolveTarget(s.task.ref) });
    },
    async shrink(spec) {
      await tick();
      return shrinkRun(spec, host.resolveTarget(spec.task.ref), host.engine);
    },
    async close() { /* nothing to release */ },
  };
}
