import { findingSignature } from '../corpus/finding-signature';
import type { MemoryKnobs, MemoryModelName } from '../memory/memory-model';
import type { ExecutionOutcome } from '../runtime/outcome';
import type { AnyTarget } from '../target/any-target';
import type { Workload } from '../target/target';
import { engineAdapter } from './default-host';
import type { FuzzEngine } from './fuzz-engine';
import { DEFAULT_TUNING, type RunRecord, type ShrinkResult } from './fuzz-types';
import { shrinkRun } from './shrink-run';

/** A failing execution found outside a campaign (`lockstep run`), to be shrunk like a campaign's. */
export interface FoundRun {
  readonly target: AnyTarget;
  readonly variant: string;
  readonly memory: MemoryModelName;
  readonly knobs?: Partial<MemoryKnobs>;
  readonly workload: Workload;
  /** The judged outcome of the failing execution (its finding, decisions, preemptions, steps). */
  readonly outcome: ExecutionOutcome;
  /** Step bound the execution ran with. */
  readonly maxSteps: number;
  /** Strategy label and seed, for the provenance of the shrunk run. */
  readonly strategy: string;
  readonly seed: number;
  /** Index of the execution that found it. */
  readonly execution: number;
}

/** Options of `shrinkFound`. */
export interface ShrinkFoundOptions {
  /** Executions the shrink may spend (default: the campaign's, DEFAULT_TUNING.shrinkBudget). */
  readonly budget?: number;
  /** Executions the search for fewer preemptions may spend after the shrink (default DEFAULT_MINIMAL_BUDGET; 0 = skip). */
  readonly minimalBudget?: number;
  /** The engine (default: the real one; tests pass a fake). */
  readonly engine?: FuzzEngine;
}

/**
 * Shrink a failing run of `lockstep run` exactly as `lockstep fuzz` shrinks its findings
 * (shrink-run.ts: fewer threads and operations, then a shorter decision log with fewer
 * preemptions), keeping the finding's signature. The result's `run` replays through a token
 * or corpus entry; `outcome` is its traced re-execution for the interleaving table. When the
 * raw run does not replay from its log, `reproduced` is false and the raw run is kept.
 */
export async function shrinkFound(f: FoundRun, o: ShrinkFoundOptions = {}): Promise<ShrinkResult> {
  const finding = f.outcome.finding;
  if (finding === undefined) throw new Error('shrinkFound: the outcome has no finding');
  const run: RunRecord = { workload: f.workload, decisions: f.outcome.decisions, preemptions: f.outcome.preemptions, steps: f.outcome.steps };
  return shrinkRun({
    task: { ref: { kind: 'builtin', name: f.target.name }, target: f.target.name, variant: f.variant, memory: f.memory, ...(f.knobs ? { knobs: f.knobs } : {}) },
    finding: {
      signature: findingSignature(finding), kind: finding.kind, message: finding.message, locations: finding.locations,
      strategy: f.strategy, seed: f.seed, batch: 0, execution: f.execution, count: 1, run,
    },
    tuning: { ...DEFAULT_TUNING, maxSteps: f.maxSteps, ...(o.budget !== undefined ? { shrinkBudget: o.budget } : {}), ...(o.minimalBudget !== undefined ? { minimalBudget: o.minimalBudget } : {}) },
  }, f.target, o.engine ?? engineAdapter());
}
