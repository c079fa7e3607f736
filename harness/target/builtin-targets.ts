import type { AnyTarget } from './any-target';

/**
 * Every built-in target, in the order `lockstep list` shows them. Loaded lazily: the targets
 * import the public barrel (harness/index.ts), which re-exports the drivers that call this,
 * so a static import would make the two load each other half-initialised.
 */
export function builtinTargets(): readonly AnyTarget[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const registry = require('../../targets') as typeof import('../../targets');
  return registry.builtinTargets();
}

/** Notes on built-in targets left out because their npm library is not installed. */
export function skippedBuiltinTargets(): readonly string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const registry = require('../../targets') as typeof import('../../targets');
  return registry.skippedBuiltinTargets();
}
