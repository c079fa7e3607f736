import fc from 'fast-check';
import type { Workload, WorkloadShape } from '../target/target';
import { decisionsArbitrary, workloadArbitrary } from './workload-arbitrary';

/** The random material of one run of a batch, drawn by fast-check from the batch seed. */
export interface RunSample {
  readonly workload: Workload;
  /** Decision array of the `decisions` arm. */
  readonly decisions: readonly number[];
  /** Uniform draw in [0, 1) for the arm selector. */
  readonly pick: number;
}

/**
 * Draw the material of `runs` runs with fast-check's generator seeded by `seed` (fc.sample is
 * deterministic for a given seed), so a batch is a pure function of its seed. The arm each
 * run uses is chosen adaptively afterwards (arm-selector.ts) from `pick`.
 */
export function sampleRuns(seed: number, shape: WorkloadShape, runs: number, maxDecisions: number): RunSample[] {
  if (runs <= 0) return [];
  const arb = fc.record({
    workload: workloadArbitrary(shape),
    decisions: decisionsArbitrary(maxDecisions),
    // uniform, not biased toward small values: a fair arm draw
    pick: fc.noBias(fc.integer({ min: 0, max: 0x3fffffff })),
  });
  return fc.sample(arb, { seed: seed | 0, numRuns: runs }).map((r) => ({ ...r, pick: r.pick / 0x40000000 }));
}
