import fc from 'fast-check';
import type { AnyTarget } from '../target/any-target';
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
 * Share of the runs that use a variant's stated workload (VariantSpec.defaultWorkload) instead
 * of a generated one. The generated workloads are biased toward small ones (few threads, one
 * operation), which find most lock bugs and shrink fast; but a variant that states its own
 * workload (e.g. pvqspinlock:v4.7-two-locks: two locks sharing a hash bucket, one cpu nesting)
 * says its behaviour needs that configuration, which the generator rarely produces. One run in
 * STATED_SHARE_DIV runs it. (Measured: using the shape's default the same way when a variant
 * states none did not help; the generated workloads already include it.)
 */
export const STATED_SHARE_DIV = 3;

/**
 * Draw the material of `runs` runs with fast-check's generator seeded by `seed` (fc.sample is
 * deterministic for a given seed), so a batch is a pure function of its seed. The arm each
 * run uses is chosen adaptively afterwards (arm-selector.ts) from `pick`. With `stated`, one
 * run in STATED_SHARE_DIV (drawn) uses that workload.
 */
export function sampleRuns(seed: number, shape: WorkloadShape, runs: number, maxDecisions: number, stated?: Workload): RunSample[] {
  if (runs <= 0) return [];
  const generated = workloadArbitrary(racingShape(shape));
  const arb = fc.record({
    workload: stated === undefined ? generated : fc.noBias(fc.integer({ min: 0, max: STATED_SHARE_DIV - 1 })).chain((k) => (k === 0 ? fc.constant(stated) : generated)),
    decisions: decisionsArbitrary(maxDecisions),
    // uniform, not biased toward small values: a fair arm draw
    pick: fc.noBias(fc.integer({ min: 0, max: 0x3fffffff })),
  });
  return fc.sample(arb, { seed: seed | 0, numRuns: runs }).map((r) => ({ ...r, pick: r.pick / 0x40000000 }));
}

/** The workload a variant states for itself (VariantSpec.defaultWorkload), if any. */
export function statedWorkload(target: AnyTarget, variant: string): Workload | undefined {
  return target.variants.find((v) => v.name === variant)?.defaultWorkload;
}

/**
 * The shape the runs are generated from: the target's, with at least two threads when it
 * allows two. One thread has no interleaving to explore, and measurement showed every seeded
 * kernel bug needs three or four cpus: single-thread runs were a quarter of the generated
 * workloads and found nothing the shrinker could not reach from a larger one (it drops threads).
 */
export function racingShape(shape: WorkloadShape): WorkloadShape {
  if (shape.threads.max < 2 || shape.threads.min >= 2) return shape;
  return { ...shape, threads: { ...shape.threads, min: 2 } };
}
