import fc from 'fast-check';
import type { JsonValue } from '../target/json-value';
import type { Workload, WorkloadShape } from '../target/target';
import { withDefaultArgs, workloadOf } from '../target/workload-args';
import { constrain, constraintProblem } from '../target/workload-constraint';

/**
 * fast-check arbitrary of the workloads a target accepts: a thread count and, per thread, a
 * list of operation kinds, all within the target's `WorkloadShape`. fast-check's integer
 * generation is biased toward small values, which is what we want: small workloads find
 * most lock bugs (Lincheck's experience) and shrink fast.
 */
export function workloadArbitrary(shape: WorkloadShape): fc.Arbitrary<Workload> {
  const base = unconstrainedArbitrary(shape);
  if (shape.constraints === undefined || shape.constraints.length === 0) return base;
  // fix each draw into the constraints (workload-constraint.ts), drop what cannot be fixed
  return base
    .map((w) => constrain(shape, w) ?? w)
    .filter((w) => constraintProblem(shape, w) === undefined);
}

/** The shape's bounds and kinds only (constraints are applied by workloadArbitrary). */
function unconstrainedArbitrary(shape: WorkloadShape): fc.Arbitrary<Workload> {
  const kinds = shape.opKinds.length > 0 ? shape.opKinds : ['op'];
  const opsMin = Math.max(0, shape.opsPerThread.min);
  const opsMax = Math.max(opsMin, shape.opsPerThread.max);
  const tMin = Math.max(1, shape.threads.min);
  const tMax = Math.max(tMin, shape.threads.max);
  const argArbs = shape.opArgs;
  if (argArbs === undefined) {
    // no arguments: exactly the generator of before, so seeded campaigns draw the same workloads
    const thread = fc.array(fc.constantFrom(...kinds), { minLength: opsMin, maxLength: opsMax });
    return fc.array(thread, { minLength: tMin, maxLength: tMax }).map((ops) => ({ ops }));
  }
  // each operation: a kind, then an argument from that kind's arbitrary (null when it has none)
  const op = fc.constantFrom(...kinds).chain((k): fc.Arbitrary<readonly [string, JsonValue]> => {
    const a = argArbs[k];
    return a === undefined ? fc.constant([k, null] as const) : a.map((v) => [k, v] as const);
  });
  const thread = fc.array(op, { minLength: opsMin, maxLength: opsMax });
  return fc.array(thread, { minLength: tMin, maxLength: tMax }).map((rows) => workloadOf(rows));
}

/**
 * Arbitrary decision arrays for the `decisions` arm: mostly zeros (keep the current thread),
 * sometimes a small index (a preemption, a flush, an IPI). The runtime maps a value d to
 * option d mod options and hands over to the fair continuation when the array runs out.
 */
export function decisionsArbitrary(maxLength: number): fc.Arbitrary<number[]> {
  const decision = fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 7 }) });
  return fc.array(decision, { maxLength });
}

/** The default workload of a shape (every thread does `default` operations of the first kind). */
export function defaultWorkload(shape: WorkloadShape): Workload {
  const kind = shape.opKinds[0] ?? 'op';
  const ops: string[][] = [];
  for (let i = 0; i < shape.threads.default; i++) ops.push(new Array<string>(shape.opsPerThread.default).fill(kind));
  const w = withDefaultArgs(shape, ops);
  return constrain(shape, w) ?? w;
}

/**
 * The small configuration the bounded exhaustive arm explores in batch `batch`: the fewest
 * threads the shape allows (at least two when allowed, since one thread has no races), one
 * operation each (or the minimum), kinds rotating with the batch so batches cover different
 * kinds, then fitted to the shape's constraints.
 */
export function smallWorkload(shape: WorkloadShape, batch: number): Workload {
  const kinds = shape.opKinds.length > 0 ? shape.opKinds : ['op'];
  const threads = Math.min(Math.max(shape.threads.min, 2), Math.max(shape.threads.max, shape.threads.min));
  const perThread = Math.max(shape.opsPerThread.min, Math.min(1, shape.opsPerThread.max));
  const ops: string[][] = [];
  for (let i = 0; i < threads; i++) {
    const row: string[] = [];
    for (let j = 0; j < perThread; j++) row.push(kinds[(batch + i + j) % kinds.length]);
    ops.push(row);
  }
  const w = withDefaultArgs(shape, ops);
  // when the small workload cannot be fitted, the shape's default can (the declaration check says so)
  return constrain(shape, w) ?? defaultWorkload(shape);
}
