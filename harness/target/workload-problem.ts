import type { AnyTarget } from './any-target';
import type { Workload } from './target';
import { argsProblem } from './workload-args';
import { constraintProblem } from './workload-constraint';

/**
 * Why `w` is not a workload of `target`: a thread count or operation count outside the
 * shape's bounds, an operation kind the target does not have, arguments that do not fit, or a
 * violated constraint (named). Undefined when it fits. The one check of a recorded or given
 * workload (replay tokens, corpus entries, `lockstep run`'s workload).
 */
export function workloadProblem(target: AnyTarget, w: Workload): string | undefined {
  const s = target.workload;
  const n = w.ops.length;
  if (n < s.threads.min || n > s.threads.max) return `${n} threads, target '${target.name}' supports ${s.threads.min}..${s.threads.max}`;
  for (let i = 0; i < n; i++) {
    const row = w.ops[i]!;
    const bad = row.find((op) => !s.opKinds.includes(op));
    if (bad !== undefined) return `thread ${i} performs '${bad}', which target '${target.name}' does not have (expected one of: ${s.opKinds.join(', ')})`;
    if (row.length < s.opsPerThread.min || row.length > s.opsPerThread.max) {
      return `thread ${i} performs ${row.length} operations, target '${target.name}' supports ${s.opsPerThread.min}..${s.opsPerThread.max} per thread`;
    }
  }
  const args = argsProblem(w);
  if (args !== undefined) return `workload ${args}`;
  const c = constraintProblem(s, w);
  if (c !== undefined) return `target '${target.name}': workload violates ${c}`;
  return undefined;
}
