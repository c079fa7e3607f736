import type { Target, WorkloadHint } from './target';

/**
 * The workload hint of `variant` (VariantSpec.hint, with the older `defaultWorkload` as its
 * `workload`), or undefined when the variant states none.
 */
export function variantHint(target: Target, variant: string): WorkloadHint | undefined {
  const v = target.variants.find((x) => x.name === variant);
  if (v === undefined || (v.hint === undefined && v.defaultWorkload === undefined)) return undefined;
  const workload = v.hint?.workload ?? v.defaultWorkload;
  return { ...v.hint, ...(workload !== undefined ? { workload } : {}) };
}
