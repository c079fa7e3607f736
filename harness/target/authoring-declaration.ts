import { resolveSpec } from '../checker/specs/spec-registry';
import type { AnyTarget } from './any-target';
import type { Workload } from './target';
import { constrain, constraintProblem } from './workload-constraint';
import { workloadProblem } from './workload-problem';

/**
 * Why the authoring declarations of a target are wrong (target-shape.ts calls this): a spec
 * that is neither a known name nor a function giving one for the shape's default workload,
 * malformed constraints or constraints that no workload near the default satisfies, a progress
 * rule other than 'returns' / 'explicit', variant hints outside the shape. Undefined when fine.
 * Messages name the field, as `targetDeclarationProblem` prefixes them with the target.
 */
export function authoringDeclarationProblem(t: AnyTarget): string | undefined {
  const shape = t.workload;
  const constraints = shape.constraints as unknown;
  if (constraints !== undefined) {
    if (!Array.isArray(constraints)) return `workload.constraints must be an array of { name, check, fix? }, got ${JSON.stringify(constraints)}`;
    for (const [i, c] of (constraints as unknown[]).entries()) {
      const o = c as { name?: unknown; check?: unknown; fix?: unknown } | null;
      if (typeof o !== 'object' || o === null || typeof o.name !== 'string' || typeof o.check !== 'function' || (o.fix !== undefined && typeof o.fix !== 'function')) {
        return `workload.constraints[${i}] must be { name: string, check(w), fix?(w, shape) } (see threadsDoing, sameOpCount, ...)`;
      }
    }
  }
  const plain: Workload = { ops: Array.from({ length: shape.threads.default }, () => new Array<string>(shape.opsPerThread.default).fill(shape.opKinds[0]!)) };
  const base = constrain(shape, plain);
  if (base === undefined) return `workload: the shape's default workload cannot be brought into its constraints (${constraintProblem(shape, plain)})`;
  if (t.spec !== undefined) {
    let name: unknown = t.spec;
    if (typeof t.spec === 'function') {
      try {
        name = t.spec(base, t.variants[0]!.name);
      } catch (e) {
        return `'spec' threw for the default workload: ${(e as Error).message}`;
      }
      if (name === undefined) name = null;
    }
    if (name !== null) {
      if (typeof name !== 'string') return `'spec' must be a spec name such as 'mutex' (or a function of the workload returning one), got ${JSON.stringify(name)}`;
      try {
        resolveSpec(name);
      } catch (e) {
        return `${typeof t.spec === 'function' ? `'spec' for the default workload: ` : ''}${(e as Error).message}`;
      }
    }
  }
  const progress = 'progress' in t ? t.progress : undefined;
  if (progress !== undefined && progress !== 'returns' && progress !== 'explicit') return `'progress' must be 'returns' or 'explicit', got ${JSON.stringify(progress)}`;
  const ghostState = 'ghostState' in t ? t.ghostState : undefined;
  if (ghostState !== undefined && ghostState !== 'per-thread' && ghostState !== 'shared') return `'ghostState' must be 'per-thread' or 'shared', got ${JSON.stringify(ghostState)}`;
  for (const v of t.variants) {
    const h = 'hint' in v ? v.hint : undefined;
    if (h === undefined) continue;
    if (h.threads !== undefined && !(Number.isInteger(h.threads) && h.threads >= shape.threads.min && h.threads <= shape.threads.max)) {
      return `variant '${v.name}': hint.threads must be an integer in ${shape.threads.min}..${shape.threads.max}, got ${JSON.stringify(h.threads)}`;
    }
    if (h.opsPerThread !== undefined && !(Number.isInteger(h.opsPerThread) && h.opsPerThread >= shape.opsPerThread.min && h.opsPerThread <= shape.opsPerThread.max)) {
      return `variant '${v.name}': hint.opsPerThread must be an integer in ${shape.opsPerThread.min}..${shape.opsPerThread.max}, got ${JSON.stringify(h.opsPerThread)}`;
    }
    const p = h.workload === undefined ? undefined : workloadProblem(t, h.workload);
    if (p !== undefined) return `variant '${v.name}': hint.workload does not fit: ${p}`;
  }
  return undefined;
}
