import type { AnyTarget } from './any-target';

/**
 * True when `x` has the shape of a Target or an AsyncTarget (name, variants, workload, setup;
 * an async target also has kind 'async' and its client code in `ops`). The one place
 * that decides what counts as a target (DECISIONS.md item 2): loaders, resolvers, list and
 * the campaign all ask here.
 */
export function isTarget(x: unknown): x is AnyTarget {
  if (typeof x !== 'object' || x === null) return false;
  const t = x as Partial<AnyTarget>;
  return typeof t.name === 'string' && Array.isArray(t.variants) && typeof t.setup === 'function' && typeof t.workload === 'object';
}
