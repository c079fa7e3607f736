import type { AnyTarget } from './any-target';
import type { Workload } from './target';

/** What `Target.spec` may be: a spec name, or a function of the run's workload and variant. */
export type TargetSpec = string | ((workload: Workload, variant: string) => string | undefined);

/**
 * The checker spec one run of `target` is judged against: `Target.spec` itself, or what it
 * returns for this workload and variant (e.g. `barrier:${workload.ops.length}` for a barrier
 * whose parties are the threads). The one place that reads `Target.spec`.
 */
export function specFor(target: AnyTarget, variant: string, workload: Workload): string | undefined {
  const s = target.spec;
  return typeof s === 'function' ? s(workload, variant) : s;
}

/** `Target.spec` for listings: the name, or a note that it follows the workload. */
export function specLabel(target: AnyTarget): string | undefined {
  const s = target.spec;
  return typeof s === 'function' ? '(depends on the workload)' : s;
}
