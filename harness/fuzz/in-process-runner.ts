import { GuardInterrupted, RunawayError } from '../runaway/runaway-error';
import { guardSupported, RunawayGuard } from '../runaway/runaway-guard';
import { JobCancelled, type BatchRunner } from './batch-runner';
import type { FuzzHost } from './fuzz-host';
import { HB_STARTED, HB_WORDS, runBatch } from './run-batch';
import { runawayBatch } from './runaway-batch';
import { shrinkRun } from './shrink-run';

/** Options of the in-process runner. */
export interface InProcessOptions {
  /**
   * Stop a run that does not yield for this long and report a runaway, as pool workers do
   * (runaway/runaway-guard.ts); undefined = no detection (tests of the drivers).
   */
  readonly runawayMs?: number;
}

/**
 * Runs jobs in the calling thread, strictly one at a time (`--workers 0`, triage, tests): an
 * async target's executions await real macrotask hops and install the virtual clock into the
 * globals, so two jobs must never interleave. It yields to the event loop between jobs so
 * signals are seen between batches. With `runawayMs`, a batch
 * runs as one guarded section and each shrink execution as its own, so a thread that never
 * yields is stopped and reported like the pool does: the batch resolves with `runaway` set, a
 * shrink rejects.
 */
export function inProcessRunner(host: FuzzHost, o: InProcessOptions = {}): BatchRunner {
  const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <R>(job: () => Promise<R>): Promise<R> => {
    const run = queue.then(job);
    queue = run.catch(() => undefined);
    return run;
  };
  const guard = o.runawayMs !== undefined && guardSupported() ? new RunawayGuard({ timeoutMs: o.runawayMs, heartbeatWords: HB_WORDS, beatIndex: HB_STARTED }) : undefined;
  const resolveTarget = (ref: Parameters<FuzzHost['resolveTarget']>[0]): ReturnType<FuzzHost['resolveTarget']> => host.resolveTarget(ref);
  const cancelled = (e: unknown): never => { throw e instanceof GuardInterrupted ? new JobCancelled() : e; };
  return {
    concurrency: 1,
    detectsRunaways: guard !== undefined,
    runBatch: (spec) => serial(async () => {
      await tick();
      if (!guard) return runBatch(spec, { engine: host.engine, resolveTarget: (s) => resolveTarget(s.task.ref) });
      guard.heartbeat.fill(0);
      try {
        // one section: the generator engine runs a whole batch without awaiting
        return await guard.run(() => runBatch(spec, { engine: host.engine, resolveTarget: (s) => resolveTarget(s.task.ref), heartbeat: guard.heartbeat }));
      } catch (e) {
        if (e instanceof RunawayError) return runawayBatch(spec, guard.heartbeat, guard.timeoutMs, resolveTarget(spec.task.ref));
        return cancelled(e);
      }
    }),
    shrink: (spec) => serial(async () => {
      await tick();
      const target = resolveTarget(spec.task.ref);
      if (!guard) return shrinkRun(spec, target, host.engine);
      try {
        // shrinking awaits between executions: each execution is its own section
        return await shrinkRun(spec, target, { ...host.engine, execute: guard.wrapExecute(host.engine.execute.bind(host.engine)) });
      } catch (e) {
        if (e instanceof RunawayError) throw new Error(`shrinking ran into a run that never yields (stopped after ${guard.timeoutMs} ms)`);
        return cancelled(e);
      }
    }),
    async close() {
      await guard?.dispose();
    },
  };
}
