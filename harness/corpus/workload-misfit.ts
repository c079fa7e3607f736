import type { AnyTarget } from '../target/any-target';
import type { Workload } from '../target/target';

/**
 * Why a recorded workload no longer fits `target` (an operation kind it no longer has, a
 * thread count outside its shape), or undefined when it fits: replaying it would only make
 * setup fail, so the recording is stale.
 */
export function workloadMisfit(target: AnyTarget, recorded: { readonly workload: Workload }): string | undefined {
  const kinds = target.workload.opKinds;
  for (const [i, ops] of recorded.workload.ops.entries()) {
    const bad = ops.find((op) => !kinds.includes(op));
    if (bad !== undefined) return `thread ${i} performs '${bad}', which target '${target.name}' no longer has (has: ${kinds.join(', ')})`;
  }
  const n = recorded.workload.ops.length;
  const s = target.workload.threads;
  if (n < s.min || n > s.max) return `${n} threads, target '${target.name}' now supports ${s.min}..${s.max}`;
  return undefined;
}
