import fc from 'fast-check';
import type { Operation } from '../../history/operation';
import { checkWithSpec, SEARCH_ALGORITHM } from '../check-with-spec';
import { checkHistory, resolveSpec } from '../index';
import { arbMutation, linearizableHistory, mutate, type ExecutableSpec } from './random-histories';

/** How large the recorded-looking histories of {@link damagedHistories} are. */
export interface HistorySize {
  /** Operations of the legal sequential run (before damage). */
  readonly ops: number;
  /** Largest gap between an op's point and its call or return. */
  readonly slack: number;
}

/**
 * Recorded-looking histories of `spec` for the quick-accept properties: a legal sequential
 * run by up to 4 processes with intervals around its points, ordered by call (as the engine
 * records them) or left in linearization order, then broken by up to two spec-specific
 * `damage`s and one generic mutation. Never empty.
 */
export function damagedHistories<D>(spec: ExecutableSpec, arbDamage: fc.Arbitrary<D>, damage: (ops: readonly Operation[], d: D) => Operation[], size: HistorySize): fc.Arbitrary<Operation[]> {
  return fc.record({
    intents: fc.array(fc.record({ c: fc.nat(255), p: fc.nat(3) }), { minLength: 1, maxLength: size.ops }),
    timing: fc.array(fc.record({ before: fc.nat(size.slack), after: fc.nat(size.slack), unknown: fc.constant(false) }), { minLength: size.ops, maxLength: size.ops }),
    byCall: fc.boolean(),
    damages: fc.array(arbDamage, { maxLength: 2 }),
    mutations: fc.array(arbMutation, { maxLength: 1 }),
  }).map(({ intents, timing, byCall, damages, mutations }) => {
    let ops = linearizableHistory(spec, intents, timing);
    if (byCall) ops = ops.slice().sort((a, b) => a.call - b.call).map((o, id) => ({ ...o, id }));
    ops = damages.reduce(damage, ops);
    return ops.length === 0 ? ops : mutations.reduce(mutate, ops);
  }).filter((ops) => ops.length > 0);
}

/** Ids back to 0..n-1 after a damage, unless the damage broke them on purpose (`keepIds`). */
export function renumbered(ops: Operation[], keepIds: boolean): Operation[] {
  return keepIds ? ops : ops.map((x, id) => (x.id === id ? x : { ...x, id }));
}

/**
 * The full check's answer without any fast path: `throws <ErrorName>` when checkHistory's
 * validation rejects the history, else the general search's verdict.
 */
export function fullCheckAnswer(specName: string, ops: readonly Operation[]): string {
  try {
    checkHistory(specName, ops);
  } catch (e) {
    return `throws ${(e as Error).name}`;
  }
  const searchOnly = { ...resolveSpec(specName), fastCheck: undefined, quickAccept: undefined };
  const r = checkWithSpec(searchOnly, ops, { maxSteps: 1_000_000 });
  if (r.algorithm !== SEARCH_ALGORITHM) throw new Error(`expected the general search to decide, got '${r.algorithm}'`);
  return r.verdict;
}
