import type { AsyncTarget } from './async-target';

/**
 * What is wrong with the async-specific part of an AsyncTarget's declaration (the common part
 * is checked by target/target-shape.ts), as one phrase for a one-line error (exit 2): client
 * code for every operation kind, argument arbitraries only for known kinds, sane capacity,
 * horizon, requires and hooks. Undefined when it is fine.
 */
export function asyncDeclarationProblem(t: AsyncTarget): string | undefined {
  if (typeof t.ops !== 'object' || t.ops === null) return `'ops' must map every operation kind to its client code (an async function (t, lock, arg) => ...)`;
  for (const kind of t.workload.opKinds) {
    if (typeof t.ops[kind] !== 'function') return `operation '${kind}' has no client code: ops['${kind}'] must be an async function (t, lock, arg) => ... (ops has: ${Object.keys(t.ops).join(', ') || 'nothing'})`;
  }
  for (const kind of Object.keys(t.workload.opArgs ?? {})) {
    if (!t.workload.opKinds.includes(kind)) return `workload.opArgs names '${kind}', which is not one of workload.opKinds (${t.workload.opKinds.join(', ')})`;
    const arb = t.workload.opArgs![kind] as unknown as { generate?: unknown } | undefined;
    if (typeof arb?.generate !== 'function') return `workload.opArgs['${kind}'] must be a fast-check arbitrary (e.g. fc.integer({ min: 1, max: 30 }))`;
  }
  if (t.capacity !== undefined && typeof t.capacity !== 'function' && !(Number.isInteger(t.capacity) && t.capacity >= 1)) return `'capacity' must be a positive integer or a function (variant, workload) => number, got ${JSON.stringify(t.capacity)}`;
  if (t.horizonMs !== undefined && !(typeof t.horizonMs === 'number' && t.horizonMs > 0)) return `'horizonMs' must be a positive number of ms, got ${JSON.stringify(t.horizonMs)}`;
  if (t.requires !== undefined && !(Array.isArray(t.requires) && t.requires.every((r) => typeof r === 'string'))) return `'requires' must be a list of npm package names`;
  if (t.prepare !== undefined && typeof t.prepare !== 'function') return `'prepare' must be a function (variant) => value`;
  if (t.stepBeforeOps !== undefined && typeof t.stepBeforeOps !== 'boolean') return `'stepBeforeOps' must be true or false`;
  return undefined;
}
