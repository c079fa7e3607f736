import type { Target } from './target';

/**
 * True when `x` has the shape of a Target (name, variants, workload, setup). The one place
 * that decides what counts as a target (DECISIONS.md item 2): loaders, resolvers, list and
 * the campaign all ask here.
 */
export function isTarget(x: unknown): x is Target {
  if (typeof x !== 'object' || x === null) return false;
  const t = x as Partial<Target>;
  return typeof t.name === 'string' && Array.isArray(t.variants) && typeof t.setup === 'function' && typeof t.workload === 'object';
}
