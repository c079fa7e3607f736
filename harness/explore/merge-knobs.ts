import { defaultMemoryKnobs, type MemoryKnobs, type MemoryModelName } from '../memory/memory-model';
import type { AnyTarget } from '../target/any-target';

/** Knobs of one run: the model's defaults < the variant's overrides < the user's overrides. */
export function mergeKnobs(target: AnyTarget, variant: string, memory: MemoryModelName, user?: Partial<MemoryKnobs>): Readonly<MemoryKnobs> {
  const v = target.variants.find((x) => x.name === variant);
  // async targets have no memory knobs (JavaScript is sequentially consistent)
  const own = v !== undefined && 'knobs' in v ? v.knobs : undefined;
  return { ...defaultMemoryKnobs(memory), ...(own ?? {}), ...(user ?? {}) };
}
