import { MEMORY_MODELS, type MemoryModelName } from '../memory/memory-model';
import type { Expectation, Expectations } from './target';

/**
 * Where a model's expectation comes from when a variant does not state it: arm64-lite
 * allows every tso behaviour (it is weaker), so "same as tso" is the claim a variant makes by
 * saying nothing; the tests run every variant under arm64-lite and check the claim.
 */
const FALLBACK: Readonly<Record<MemoryModelName, MemoryModelName | null>> = Object.freeze({ sc: null, tso: null, 'arm64-lite': 'tso' });

/** Models every variant states its expectation for (those without a fallback): sc, tso. */
export const REQUIRED_EXPECTATIONS: readonly MemoryModelName[] = Object.freeze(MEMORY_MODELS.filter((m) => FALLBACK[m] === null));

/** The expected result of `variant` under `memory`, applying the fallback rule. */
export function expectationUnder(variant: { readonly expect: Expectations }, memory: MemoryModelName): Expectation {
  let m: MemoryModelName | null = memory;
  while (m !== null) {
    const e = variant.expect[m];
    if (e !== undefined) return e;
    m = FALLBACK[m];
  }
  throw new RangeError(`no expectation under ${memory}`);
}

/** True when `variant` states its expectation under `memory` itself (no fallback). */
export function statesExpectation(variant: { readonly expect: Expectations }, memory: MemoryModelName): boolean {
  return variant.expect[memory] !== undefined;
}
