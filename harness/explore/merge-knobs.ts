import { DEFAULT_MEMORY_KNOBS, type MemoryKnobs } from '../memory/memory-model';
import type { Target } from '../target/target';

/** Knobs of one run: defaults < the variant's overrides < the user's overrides. */
export function mergeKnobs(target: Target, variant: string, user?: Partial<MemoryKnobs>): Readonly<MemoryKnobs> {
  const v = target.variants.find((x) => x.name === variant);
  return { ...DEFAULT_MEMORY_KNOBS, ...(v?.knobs ?? {}), ...(user ?? {}) };
}
