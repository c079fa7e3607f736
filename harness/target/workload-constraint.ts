import type { Workload, WorkloadShape } from './target';

/**
 * A rule a target's workloads must follow beyond the shape's bounds, so that a target need not
 * be safe for every generated list: "exactly one producer", "every thread does the same number
 * of rounds", "an unlock needs an earlier lock". The fuzzer generates and shrinks only
 * workloads that satisfy every constraint of `WorkloadShape.constraints`; `lockstep run`
 * brings its default workload into them; replay rejects a token or corpus entry that violates
 * one (exit 2, naming it). Ready-made ones: workload-constraints.ts.
 */
export interface WorkloadConstraint {
  /** Short name used in messages, e.g. `one producer`. */
  readonly name: string;
  /** Why `w` violates the constraint (e.g. `threads 0 and 2 both put`), or undefined when it holds. */
  check(w: Workload): string | undefined;
  /**
   * Bring a workload into the constraint with small edits (change, drop or add operations),
   * deterministically. Optional but recommended: without it the generator can only discard
   * workloads that violate the constraint, which is slow for a rare one. The result is checked
   * again; it may still break another constraint. `shape` gives the kinds (and default
   * arguments) to change operations into.
   */
  fix?(w: Workload, shape: WorkloadShape): Workload;
}

/** The first constraint of `shape` that `w` violates, as `constraint 'name': why`; undefined when all hold. */
export function constraintProblem(shape: WorkloadShape, w: Workload): string | undefined {
  for (const c of shape.constraints ?? []) {
    const why = c.check(w);
    if (why !== undefined) return `constraint '${c.name}': ${why}`;
  }
  return undefined;
}

/**
 * `w` brought into every constraint of `shape` by their fixes (applied in order, a few rounds,
 * since one fix may break an earlier constraint), or undefined when it still violates one.
 * Returns `w` itself when it already satisfies them (no constraints: always).
 */
export function constrain(shape: WorkloadShape, w: Workload): Workload | undefined {
  const cs = shape.constraints;
  if (cs === undefined || cs.length === 0) return w;
  let cur = w;
  for (let round = 0; round < 3; round++) {
    if (constraintProblem(shape, cur) === undefined) return cur;
    for (const c of cs) if (c.fix !== undefined && c.check(cur) !== undefined) cur = c.fix(cur, shape);
  }
  return constraintProblem(shape, cur) === undefined ? cur : undefined;
}
