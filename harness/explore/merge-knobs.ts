import { defaultMemoryKnobs, type MemoryKnobs, type MemoryModelName } from '../memory/memory-model';
import type { Target } from '../target/target';

/** Knobs of one run: the model's defaults < the variant's overrides < the user's overrides. */
export function mergeKnobs(target: Target, variant: string, memory: MemoryModelName, user?: Partial<MemoryKnobs>): Readonly<MemoryKnobs> {
  const v = target.variants.find((x) => x.name === variant);
  return { ...defaultMemoryKnobs(memory), ...(v?.knobs ?? {}), ...(user ?? {}) };
}
