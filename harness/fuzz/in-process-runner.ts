import type { BatchRunner } from './batch-runner';
import type { FuzzHost } from './fuzz-host';
import { runBatch } from './run-batch';
import { shrinkRun } from './shrink-run';

/**
 * Runs jobs in the calling thread, strictly one at a time (tests, `--workers 0`, triage): an
 * async target's executions await real macrotask hops and install the virtual clock into the
 * globals, so two jobs must never interleave. Each job starts after a real macrotask hop, so
 * Ctrl-C and the campaign's own bookkeeping run between jobs; it cannot stop a run that never
 * yields (only the pool runner can).
 */
export function inProcessRunner(host: FuzzHost): BatchRunner {
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <R>(job: () => Promise<R>): Promise<R> => {
    const run = queue.then(tick).then(job);
    queue = run.catch(() => undefined);
    return run;
  };
  return {
    concurrency: 1,
    detectsRunaways: false,
    runBatch(spec) {
      return serial(() => runBatch(spec, { engine: host.engine, resolveTarget: (s) => host.resolveTarget(s.task.ref) }));
    },
    shrink(spec) {
      return serial(() => shrinkRun(spec, host.resolveTarget(spec.task.ref), host.engine));
    },
    async close() { /* nothing to release */ },
  };
}
