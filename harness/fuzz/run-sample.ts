import fc from 'fast-check';
import type { JsonValue } from '../target/json-value';
import type { AnyTarget } from '../target/any-target';
import type { Workload, WorkloadHint, WorkloadShape } from '../target/target';
import { variantHint } from '../target/variant-hint';
import { opArg, rowsOf, workloadOf } from '../target/workload-args';
import { constrain } from '../target/workload-constraint';
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
 * Share of the runs drawn near a variant's workload hint (VariantSpec.hint / defaultWorkload)
 * instead of from the whole shape. The generated workloads are biased toward small ones (few
 * threads, one operation), which find most lock bugs and shrink fast; but a variant that
 * states the workload its bug needs (e.g. pvqspinlock:v4.7-two-locks: two locks sharing a hash
 * bucket, one cpu nesting) says its behaviour needs a configuration the generator rarely
 * produces. One run in STATED_SHARE_DIV is drawn near the hint (hintedArbitrary); the others
 * stay generated from the whole shape, so the hint seeds the search without narrowing it.
 * (Measured: using the shape's default the same way when a variant states none did not help;
 * the generated workloads already include it.)
 */
export const STATED_SHARE_DIV = 3;

/**
 * Draw the material of `runs` runs with fast-check's generator seeded by `seed` (fc.sample is
 * deterministic for a given seed), so a batch is a pure function of its seed. The arm each
 * run uses is chosen adaptively afterwards (arm-selector.ts) from `pick`. With a `hint`, one
 * run in STATED_SHARE_DIV (drawn) comes from {@link hintedArbitrary}.
 */
export function sampleRuns(seed: number, shape: WorkloadShape, runs: number, maxDecisions: number, hint?: WorkloadHint): RunSample[] {
  if (runs <= 0) return [];
  const generated = workloadArbitrary(racingShape(shape));
  const hinted = hint === undefined ? undefined : hintedArbitrary(shape, hint);
  const arb = fc.record({
    workload: hinted === undefined ? generated : fc.noBias(fc.integer({ min: 0, max: STATED_SHARE_DIV - 1 })).chain((k) => (k === 0 ? hinted : generated)),
    decisions: decisionsArbitrary(maxDecisions),
    // uniform, not biased toward small values: a fair arm draw
    pick: fc.noBias(fc.integer({ min: 0, max: 0x3fffffff })),
  });
  return fc.sample(arb, { seed: seed | 0, numRuns: runs }).map((r) => ({ ...r, pick: r.pick / 0x40000000 }));
}

/**
 * Workloads near a hint: its workload itself (two draws in three) or a mutation of it (the
 * same threads and list lengths, about a quarter of the operations replaced by generated ones);
 * without a workload, generated ones of the hinted thread and operation counts. Everything
 * fitted to the shape's constraints.
 */
export function hintedArbitrary(shape: WorkloadShape, hint: WorkloadHint): fc.Arbitrary<Workload> {
  const w = hint.workload;
  const threads = clamp(hint.threads ?? w?.ops.length, shape.threads);
  const lens = w?.ops.map((r) => r.length) ?? [];
  const opsMin = w === undefined ? clamp(hint.opsPerThread, shape.opsPerThread) : Math.min(...lens, shape.opsPerThread.max);
  const opsMax = w === undefined ? opsMin : Math.max(...lens, shape.opsPerThread.min);
  const sized: WorkloadShape = {
    ...shape,
    ...(threads !== undefined ? { threads: { min: threads, max: threads, default: threads } } : {}),
    ...(opsMin !== undefined && opsMax !== undefined ? { opsPerThread: { min: opsMin, max: opsMax, default: opsMin } } : {}),
  };
  const generated = workloadArbitrary(sized);
  if (w === undefined) return generated;
  const total = lens.reduce((a, b) => a + b, 0);
  const mutated = fc.tuple(generated, fc.array(fc.nat(3), { minLength: total, maxLength: total })).map(([g, keep]) => {
    let k = 0;
    const rows = rowsOf(w).map((row, i) => row.map((o, j): [string, JsonValue] => {
      const replace = keep[k++] === 0 && g.ops[i]?.[j] !== undefined;
      return replace ? [g.ops[i]![j]!, opArg(g, i, j)] : o;
    }));
    const m = workloadOf(rows);
    return constrain(shape, m) ?? w;
  });
  return fc.oneof({ weight: 2, arbitrary: fc.constant(w) }, { weight: 1, arbitrary: mutated });
}

/** `n` within `r`'s bounds (undefined stays undefined). */
function clamp(n: number | undefined, r: { readonly min: number; readonly max: number }): number | undefined {
  return n === undefined ? undefined : Math.max(r.min, Math.min(r.max, n));
}

/** The workload hint of a variant (VariantSpec.hint / defaultWorkload), if any. */
export function statedWorkload(target: AnyTarget, variant: string): WorkloadHint | undefined {
  return variantHint(target, variant);
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
