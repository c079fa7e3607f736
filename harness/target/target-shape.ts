import { authoringDeclarationProblem } from './authoring-declaration';
import { workloadProblem } from './workload-problem';
import { asyncDeclarationProblem } from '../async/async-target-shape';
import { isAsync, type AnyTarget } from './any-target';
import { MEMORY_MODELS } from '../memory/memory-model';
import { REQUIRED_EXPECTATIONS } from './expectation';

const EXPECTATIONS: readonly string[] = ['clean', 'violation', 'deadlock', 'hang', 'crash'];

/**
 * Why an export that is not a Target was probably meant to be one (it has a name, variants
 * or a setup), naming the export and what is missing; undefined for unrelated exports.
 */
export function describeNotATarget(exportName: string, value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  if (!('setup' in o) && !('variants' in o) && !('workload' in o)) return undefined;
  const missing: string[] = [];
  if (typeof o.name !== 'string') missing.push("'name' (a string)");
  if (!Array.isArray(o.variants)) missing.push("'variants' (an array)");
  if (typeof o.workload !== 'object' || o.workload === null) missing.push("'workload' (the WorkloadShape)");
  if (typeof o.setup !== 'function') missing.push("'setup' (a function)");
  return `export '${exportName}' looks like a Target but lacks ${missing.join(', ')}`;
}

/**
 * Check a target's declaration before anything runs it, so that a mistake in it is a
 * one-line error naming the field (exit 2) and never a finding of the lock: variants with
 * unique names and known expectations, a sane workload shape, a known checker spec.
 * Returns the problem, or undefined when the declaration is fine.
 */
export function targetDeclarationProblem(t: AnyTarget): string | undefined {
  const bad = (what: string): string => `target '${t.name}': ${what}`;
  const async = isAsync(t);
  if (t.name.length === 0 || /[:\s]/.test(t.name)) return bad(`'name' must be a non-empty string without ':' or spaces, got ${JSON.stringify(t.name)}`);
  if (t.variants.length === 0) return bad("'variants' is empty (expected at least one VariantSpec)");
  const seen = new Set<string>();
  for (const [i, v] of t.variants.entries()) {
    if (typeof v !== 'object' || v === null) return bad(`variants[${i}] is not an object (expected a VariantSpec)`);
    if (typeof v.name !== 'string' || v.name.length === 0 || /[:\s]/.test(v.name)) {
      return bad(`variants[${i}].name must be a non-empty string without ':' or spaces, got ${JSON.stringify(v.name)}`);
    }
    if (seen.has(v.name)) return bad(`two variants are named '${v.name}'`);
    seen.add(v.name);
    if (async) {
      // JavaScript runs under sc only: one expectation
      if (!EXPECTATIONS.includes(v.expect as string)) return bad(`variant '${v.name}': 'expect' must be one of ${EXPECTATIONS.join(', ')}, got ${JSON.stringify(v.expect)}`);
      continue;
    }
    if (typeof v.expect !== 'object' || v.expect === null) return bad(`variant '${v.name}': 'expect' must be { sc: ..., tso: ... } (one of ${EXPECTATIONS.join(', ')} each)`);
    for (const m of Object.keys(v.expect)) {
      if (!(MEMORY_MODELS as readonly string[]).includes(m)) return bad(`variant '${v.name}': expect.${m} names no memory model (known: ${MEMORY_MODELS.join(', ')})`);
    }
    for (const m of MEMORY_MODELS) {
      const e = (v.expect as Record<string, unknown>)[m];
      // sc and tso must be stated; a later model (arm64-lite) falls back to one of them when absent
      if (e === undefined && !REQUIRED_EXPECTATIONS.includes(m)) continue;
      if (!EXPECTATIONS.includes(e as string)) return bad(`variant '${v.name}': expect.${m} must be one of ${EXPECTATIONS.join(', ')}, got ${JSON.stringify(e)}`);
    }
    if ('defaultMemory' in v && v.defaultMemory !== undefined && !(MEMORY_MODELS as readonly string[]).includes(v.defaultMemory)) {
      return bad(`variant '${v.name}': defaultMemory must be one of ${MEMORY_MODELS.join(', ')}, got ${JSON.stringify(v.defaultMemory)}`);
    }
  }
  const shape = shapeProblem(t.workload);
  if (shape !== undefined) return bad(`workload ${shape}`);
  if (async) {
    const problem = asyncDeclarationProblem(t);
    if (problem !== undefined) return bad(problem);
  }
  // spec (a name or a function of the workload), constraints, progress rule, variant hints
  const authoring = authoringDeclarationProblem(t);
  if (authoring !== undefined) return bad(authoring);
  // the older spelling of hint.workload: a workload outside the shape is a mistake here, not at run time
  for (const v of t.variants) {
    const p = v.defaultWorkload === undefined ? undefined : workloadProblem(t, v.defaultWorkload);
    if (p !== undefined) return bad(`variant '${v.name}': defaultWorkload does not fit: ${p}`);
  }
  if (t.maxSteps !== undefined && (!Number.isInteger(t.maxSteps) || t.maxSteps < 1)) return bad(`'maxSteps' must be a positive integer, got ${JSON.stringify(t.maxSteps)}`);
  return undefined;
}

function shapeProblem(w: AnyTarget['workload']): string | undefined {
  if (typeof w !== 'object' || w === null) return 'must be { threads, opsPerThread, opKinds }';
  for (const key of ['threads', 'opsPerThread'] as const) {
    const r = w[key] as { min?: unknown; max?: unknown; default?: unknown } | undefined;
    const lo = key === 'threads' ? 1 : 0;
    if (typeof r !== 'object' || r === null) return `.${key} must be { min, max, default }`;
    const { min, max, default: d } = r;
    if (![min, max, d].every((x) => Number.isInteger(x))) return `.${key} must hold integers min, max and default, got ${JSON.stringify(r)}`;
    if (!((min as number) >= lo && (min as number) <= (d as number) && (d as number) <= (max as number))) {
      return `.${key} must satisfy ${lo} <= min <= default <= max, got ${JSON.stringify(r)}`;
    }
  }
  if (!Array.isArray(w.opKinds) || w.opKinds.length === 0 || !w.opKinds.every((k) => typeof k === 'string' && k.length > 0)) {
    return `.opKinds must be a non-empty array of operation names, got ${JSON.stringify(w.opKinds)}`;
  }
  return undefined;
}
