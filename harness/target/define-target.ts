import type { Target } from './target';

/**
 * Declare a target with its type checked in place (an identity function, like vitest's
 * defineConfig): `export default defineTarget({ name, summary, variants, workload, setup })`.
 * lockstep validates the declaration when it loads the module (a mistake there is exit 2
 * naming the field, never a finding of the lock).
 */
export function defineTarget<T extends Target>(target: T): T {
  return target;
}
