import type { AnyTarget } from './any-target';
import type { WorkloadHint } from './target';

/**
 * The workload hint of `variant` (VariantSpec.hint, with the older `defaultWorkload` as its
 * `workload`), or undefined when the variant states none.
 */
export function variantHint(target: AnyTarget, variant: string): WorkloadHint | undefined {
  const v = target.variants.find((x) => x.name === variant);
  // async variants state only a defaultWorkload
  const hint = v !== undefined && 'hint' in v ? v.hint : undefined;
  if (v === undefined || (hint === undefined && v.defaultWorkload === undefined)) return undefined;
  const workload = hint?.workload ?? v.defaultWorkload;
  return { ...hint, ...(workload !== undefined ? { workload } : {}) };
}
