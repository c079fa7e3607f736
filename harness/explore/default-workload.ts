import type { AnyTarget } from '../target/any-target';
import type { Workload } from '../target/target';
import { withDefaultArgs } from '../target/workload-args';
import { constrain } from '../target/workload-constraint';
import { variantHint } from '../target/variant-hint';

/**
 * The workload `lockstep run` uses when none is given: `threads` x `ops` (default: the
 * target's WorkloadShape defaults) of the first (default) operation kind, plus a small
 * deterministic mix when the target has several kinds: kind k (k >= 1) replaces the last
 * operation of thread (threads - k) mod threads, so every kind is exercised once while the
 * default kind still dominates (e.g. ticket 3x2 = [lock lock] [lock lock] [lock trylock]);
 * then fitted to the shape's constraints (WorkloadShape.constraints).
 */
export function defaultWorkload(target: AnyTarget, threads?: number, ops?: number): Workload {
  const shape = target.workload;
  const n = threads ?? shape.threads.default;
  const m = ops ?? shape.opsPerThread.default;
  const kinds = shape.opKinds.length > 0 ? shape.opKinds : ['op'];
  const rows: string[][] = [];
  for (let i = 0; i < n; i++) rows.push(new Array<string>(m).fill(kinds[0]));
  for (let k = 1; k < kinds.length && m > 0; k++) {
    const row = rows[(((n - k) % n) + n) % n];
    if (row[m - 1] === kinds[0]) row[m - 1] = kinds[k];
  }
  const w = withDefaultArgs(shape, rows);
  // a workload the constraints exclude is left as it is: workloadProblem then names the constraint
  return constrain(shape, w) ?? w;
}

/**
 * The workload of an exploration without an explicit one: the variant's hinted workload
 * (VariantSpec.hint / defaultWorkload, e.g. a two-lock scenario) unless threads/ops were
 * given, else {@link defaultWorkload} with threads/ops, or the hint's counts, or the shape's.
 */
export function workloadFor(target: AnyTarget, variant: string, threads?: number, ops?: number): Workload {
  const hint = variantHint(target, variant);
  if (hint?.workload !== undefined && threads === undefined && ops === undefined) return constrain(target.workload, hint.workload) ?? hint.workload;
  return defaultWorkload(target, threads ?? hint?.threads, ops ?? hint?.opsPerThread);
}

/** Why `threads` / `ops` are outside the target's shape, naming the flag; undefined when fine. */
export function workloadSizeProblem(target: AnyTarget, threads?: number, ops?: number): string | undefined {
  const s = target.workload;
  if (threads !== undefined && (threads < s.threads.min || threads > s.threads.max)) {
    return `--threads ${threads}: target '${target.name}' supports ${s.threads.min}..${s.threads.max} threads`;
  }
  if (ops !== undefined && (ops < s.opsPerThread.min || ops > s.opsPerThread.max)) {
    return `--ops ${ops}: target '${target.name}' supports ${s.opsPerThread.min}..${s.opsPerThread.max} operations per thread`;
  }
  return undefined;
}
