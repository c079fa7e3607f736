/**
 * Both kinds of target (DECISIONS.md item 2): the generator-model `Target` and the async front
 * end's `AsyncTarget` (kind: 'async'). Code that accepts a target accepts an AnyTarget and asks
 * here what differs: which memory models it runs under and what a variant is expected to show.
 */
import type { AsyncTarget } from '../async/async-target';
import type { MemoryModelName } from '../memory/memory-model';
import { expectationUnder } from './expectation';
import type { Expectation, Target } from './target';

/** A generator-model target or an async target. */
export type AnyTarget = Target | AsyncTarget;

/** True for an async target (its code is real promise-based JavaScript). */
export function isAsync(t: AnyTarget): t is AsyncTarget {
  return (t as { kind?: unknown }).kind === 'async';
}

/** Memory models a target runs under: JavaScript is sequentially consistent, so async targets run under sc only. */
export function targetMemories(t: AnyTarget, all: readonly MemoryModelName[]): readonly MemoryModelName[] {
  return isAsync(t) ? all.filter((m) => m === 'sc') : all;
}

/** What `variant` of `t` is expected to show under `memory` ('clean' for a memory model an async target does not run under). */
export function expectationOf(t: AnyTarget, variant: string, memory: MemoryModelName): Expectation | undefined {
  if (isAsync(t)) {
    const v = t.variants.find((x) => x.name === variant);
    return v === undefined ? undefined : memory === 'sc' ? v.expect : 'clean';
  }
  const v = t.variants.find((x) => x.name === variant);
  return v === undefined ? undefined : expectationUnder(v, memory);
}

/** True for a generator-model target. */
export function isGeneratorTarget(t: AnyTarget): t is Target {
  return !isAsync(t);
}
