/** A JSON value: what an operation argument may be (it travels in tokens and corpus entries). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/** Why `v` is not a JSON value (finite numbers, plain objects and arrays only), or undefined when it is. */
export function jsonProblem(v: unknown, depth = 0): string | undefined {
  if (depth > 32) return 'nested more than 32 levels deep';
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return undefined;
  if (typeof v === 'number') return Number.isFinite(v) ? undefined : `${String(v)} is not a finite number`;
  if (Array.isArray(v)) {
    for (const x of v) {
      const p = jsonProblem(x, depth + 1);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  // fast-check's fc.record draws objects without a prototype: plain all the same
  if (typeof v === 'object' && (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null)) {
    for (const x of Object.values(v as Record<string, unknown>)) {
      const p = jsonProblem(x, depth + 1);
      if (p !== undefined) return p;
    }
    return undefined;
  }
  return `a ${typeof v === 'object' ? (v as object).constructor?.name ?? 'object' : typeof v} is not a JSON value`;
}

/**
 * Size of a JSON value for shrinking (smaller = simpler): null/false 0, true 1, a number its
 * magnitude, a string its length, arrays and objects their length plus their members' sizes.
 */
export function jsonWeight(v: JsonValue): number {
  if (v === null || v === false) return 0;
  if (v === true) return 1;
  if (typeof v === 'number') return Math.min(Math.abs(v), 1e9);
  if (typeof v === 'string') return v.length;
  if (Array.isArray(v)) {
    let s = v.length;
    for (const x of v as readonly JsonValue[]) s += jsonWeight(x);
    return s;
  }
  let s = 0;
  for (const x of Object.values(v)) s += 1 + jsonWeight(x);
  return s;
}
