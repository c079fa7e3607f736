import type { AnyTarget } from '../target/any-target';
import { ARM_NAMES, armLabel, type BatchResult, type BatchSpec } from './fuzz-types';
import { HB_ARM, HB_EXECUTION, HB_SAMPLE, HB_STARTED } from './run-batch';
import { sampleRuns, statedWorkload } from './run-sample';
import { smallWorkload } from './workload-arbitrary';

/**
 * The partial result of a batch stopped as a runaway (a pool worker killed, or an in-process
 * guarded section stopped): what ran before, and the runaway run, read from the heartbeat words.
 */
export function runawayBatch(spec: BatchSpec, hb: Int32Array, timeoutMs: number, target: AnyTarget): BatchResult {
  const execution = Atomics.load(hb, HB_EXECUTION);
  const arm = ARM_NAMES[Atomics.load(hb, HB_ARM)] ?? 'random';
  const sample = Atomics.load(hb, HB_SAMPLE);
  // the batch's material is a pure function of its seed: recompute the runaway run's workload
  const workload = arm === 'dfs'
    ? smallWorkload(target.workload, spec.index)
    : sampleRuns(spec.seed, target.workload, sample + 1, spec.tuning.maxDecisions, statedWorkload(target, spec.task.variant))[sample]?.workload;
  return {
    task: spec.task, index: spec.index,
    executions: Math.max(0, Atomics.load(hb, HB_STARTED) - 1), steps: 0, inconclusive: 0,
    coverage: [], arms: [], pctRuns: [0, 0, 0], maxThreads: 0, maxSteps: 0, findings: [],
    runaway: { execution, strategy: armLabel(arm, spec.tuning.dfsBound), workload, timeoutMs },
  };
}
