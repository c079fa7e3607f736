import { findingSignature } from '../corpus/finding-signature';
import { deriveSeed } from '../strategy/prng';
import { isPromiseLike } from '../runtime/execute-fn';
import type { Strategy } from '../strategy/strategy';
import type { AnyTarget } from '../target/any-target';
import { ArmSelector } from './arm-selector';
import type { FuzzEngine, StrategyRequest } from './fuzz-engine';
import { ARM_NAMES, armLabel, type ArmName, type ArmStats, type BatchResult, type BatchSpec, type RawFinding } from './fuzz-types';
import { sampleRuns, statedWorkload } from './run-sample';
import { replayableLog } from '../strategy/replayable-log';
import { smallWorkload } from './workload-arbitrary';

/** What a batch needs from its host (the pool worker or the in-process runner). */
export interface BatchEnv {
  readonly engine: FuzzEngine;
  resolveTarget(spec: BatchSpec): AnyTarget;
  /**
   * Watchdog words shared with the campaign (pool runs): [0] executions started (a heartbeat),
   * [1] index of the running execution, [2] its arm (index into ARM_NAMES), [3] its sample index.
   */
  readonly heartbeat?: Int32Array;
}

/** Heartbeat slots (see BatchEnv.heartbeat). */
export const HB_STARTED = 0;
export const HB_EXECUTION = 1;
export const HB_ARM = 2;
export const HB_SAMPLE = 3;
/** Int32 words of a heartbeat buffer. */
export const HB_WORDS = 4;

/**
 * Run one batch: `spec.runs` executions of one target variant, each with an arm chosen by
 * the adaptive selector, the workload and seeds drawn by fast-check from the batch seed.
 * A pure function of `spec` (and the engine): the same batch gives the same result in any
 * worker, which is what makes campaigns independent of worker and shard counts. Findings
 * are deduplicated by signature within the batch; each keeps its first failing run (unshrunk:
 * the campaign shrinks one representative per signature).
 */
export async function runBatch(spec: BatchSpec, env: BatchEnv): Promise<BatchResult> {
  const target = env.resolveTarget(spec);
  const { engine } = env;
  const { task, tuning } = spec;
  // a workload the variant states explicitly (its shape default is among the generated ones)
  const stated = statedWorkload(target, task.variant);
  const samples = sampleRuns(spec.seed, target.workload, spec.runs, tuning.maxDecisions, stated);
  const selector = new ArmSelector(ARM_NAMES);
  const coverage = new Set<string>();
  const findings = new Map<string, { first: RawFinding; count: number }>();
  const pctRuns: [number, number, number] = [0, 0, 0];
  const dfsWorkload = smallWorkload(target.workload, spec.index);
  // as explore does: leave half of the step bound to the fair continuation, where a thread
  // halted or spinning forever is judged a hang instead of running out of steps (inconclusive)
  const prefixLimit = Math.max(1, Math.floor((tuning.maxSteps ?? engine.maxSteps(target)) / 2));
  // one persistent strategy per arm (PCT learns k across runs; run j of an arm is seeded by
  // deriveSeed(armSeed, ..., j) inside the strategy); decisions arrays are fresh per run
  const armStrategies = new Map<ArmName, { strategy: Strategy; seed: number; next: number }>();
  let steps = 0;
  let inconclusive = 0;
  let maxThreads = 0;
  let maxSteps = 0;
  let executions = 0;
  const hb = env.heartbeat;

  for (let i = 0; i < samples.length; i++) {
    const sample = samples[i];
    let arm: ArmStats | undefined;
    let strategy: Strategy | undefined;
    let armSeed = 0;
    // pick an arm; an exhausted dfs retires and the draw is repeated among the others
    for (;;) {
      arm = selector.next(sample.pick);
      if (!arm) break;
      if (arm.arm === 'decisions') {
        strategy = engine.strategy({ kind: 'decisions', decisions: sample.decisions });
        strategy.beginExecution(0);
        armSeed = spec.seed;
        break;
      }
      let held = armStrategies.get(arm.arm);
      if (!held) {
        const seed = deriveSeed(spec.seed, arm.arm, 0);
        held = { strategy: engine.strategy(strategyRequest(arm.arm, seed, tuning.dfsBound, prefixLimit)), seed, next: 0 };
        armStrategies.set(arm.arm, held);
      }
      if (!held.strategy.beginExecution(held.next++)) { arm.exhausted = true; continue; }
      strategy = held.strategy;
      armSeed = held.seed;
      break;
    }
    if (!arm || !strategy) break;
    const workload = arm.arm === 'dfs' ? dfsWorkload : sample.workload;
    if (hb) {
      Atomics.store(hb, HB_EXECUTION, i);
      Atomics.store(hb, HB_ARM, ARM_NAMES.indexOf(arm.arm));
      Atomics.store(hb, HB_SAMPLE, i);
      Atomics.add(hb, HB_STARTED, 1);
    }
    const pending = engine.execute({
      target, variant: task.variant, memory: task.memory, knobs: task.knobs, workload, strategy,
      maxSteps: tuning.maxSteps, recordCoverage: true,
    });
    // only an async target's execution is a promise: the generator path stays microtask-free
    const outcome = isPromiseLike(pending) ? await pending : pending;
    const finding = outcome.finding;
    strategy.endExecution({ steps: outcome.steps, decisions: outcome.decisions, failed: finding !== undefined });
    executions++;
    steps += outcome.steps;
    if (outcome.steps > maxSteps) maxSteps = outcome.steps;
    if (workload.ops.length > maxThreads) maxThreads = workload.ops.length;
    if (arm.arm === 'pct1') pctRuns[0]++;
    else if (arm.arm === 'pct2') pctRuns[1]++;
    else if (arm.arm === 'pct3') pctRuns[2]++;
    let fresh = false;
    for (const c of outcome.coverage ?? []) {
      if (!coverage.has(c)) { coverage.add(c); fresh = true; }
    }
    if (outcome.verdict === 'inconclusive') inconclusive++;
    selector.record(arm, outcome.steps, fresh, finding !== undefined);
    if (!finding) continue;
    const signature = findingSignature(finding);
    const seen = findings.get(signature);
    if (seen) { seen.count++; continue; }
    findings.set(signature, {
      count: 1,
      first: {
        signature, kind: finding.kind, message: finding.message, locations: [...finding.locations],
        strategy: armLabel(arm.arm, tuning.dfsBound), seed: armSeed,
        batch: spec.index, execution: i, count: 1,
        run: { workload, decisions: replayableLog(outcome.decisions), preemptions: outcome.preemptions, steps: outcome.steps },
      },
    });
  }
  // PCT's own view of n (threads + store-buffer and IPI pseudo-threads) and k (scheduling
  // points), for an honest residual-risk bound (pct.ts exposes them; duck-typed here)
  for (const [arm, held] of armStrategies) {
    if (!arm.startsWith('pct')) continue;
    const p = held.strategy as Strategy & { entities?: () => number; estimatedSteps?: () => number };
    if (typeof p.entities === 'function' && p.entities() > maxThreads) maxThreads = p.entities();
    if (typeof p.estimatedSteps === 'function' && p.estimatedSteps() > maxSteps) maxSteps = p.estimatedSteps();
  }
  return {
    task, index: spec.index, executions, steps, inconclusive,
    coverage: [...coverage].sort(),
    arms: selector.stats.map((s) => ({ ...s })),
    pctRuns, maxThreads, maxSteps,
    findings: [...findings.values()].map(({ first, count }) => ({ ...first, count })),
  };
}

/**
 * The strategy request of a persistent arm (every arm but `decisions`); `prefixLimit` as in
 * StrategyRequest (the bounded exhaustive arm enumerates whole schedules and takes none).
 */
export function strategyRequest(arm: Exclude<ArmName, 'decisions'>, seed: number, dfsBound: number, prefixLimit?: number): StrategyRequest {
  const limit = prefixLimit === undefined ? {} : { prefixLimit };
  switch (arm) {
    case 'pos': return { kind: 'pos', seed, ...limit };
    case 'random': return { kind: 'random', seed, ...limit };
    case 'urw': return { kind: 'urw', seed, ...limit };
    case 'pct1': return { kind: 'pct', seed, depth: 1, ...limit };
    case 'pct2': return { kind: 'pct', seed, depth: 2, ...limit };
    case 'pct3': return { kind: 'pct', seed, depth: 3, ...limit };
    case 'dfs': return { kind: 'dfs', preemptions: dfsBound };
  }
}
