import { hashCombine, hashString, mix32 } from '../hash-mix';

/** Tag that marks a non-primitive value encoded as canonical JSON. */
const JSON_TAG = '\u0000json:';

/** A primitive standing for a JSON value: equal values give identical keys. */
export type ValueKey = string | number | boolean | null;

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o).sort().map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`).join(',')}}`;
  }
  return v === undefined ? 'null' : JSON.stringify(v);
}

/**
 * Encode a recorded value as a primitive so states stay primitives (interned by a Map,
 * compared with ===). Numbers, strings, booleans and null are themselves; undefined is
 * null; arrays and objects become canonical JSON behind a tag.
 */
export function valueKey(v: unknown): ValueKey {
  if (v === undefined || v === null) return null;
  const t = typeof v;
  if (t === 'number' || t === 'string' || t === 'boolean') return v as ValueKey;
  return JSON_TAG + canonical(v);
}

/** Human-readable form of a value key. */
export function showValue(k: ValueKey): string {
  if (typeof k === 'string') return k.startsWith(JSON_TAG) ? k.slice(JSON_TAG.length) : JSON.stringify(k);
  return String(k);
}

/** Hash of a value key (for object states that contain values). */
export function hashValue(k: ValueKey): number {
  if (typeof k === 'number') return mix32(Number.isInteger(k) ? k | 0 : hashString(String(k)));
  if (typeof k === 'string') return hashString(k);
  return k === null ? 0x5bd1e995 : k ? 1 : 2;
}

/** Hash of a list of integers (process ids, counters). */
export function hashInts(xs: readonly number[], seed = 0): number {
  let h = seed;
  for (const x of xs) h = hashCombine(h, x | 0);
  return h;
}

/** Element-wise equality of two arrays of primitives. */
export function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Copy of sorted `xs` with `x` inserted in order. */
export function insertSorted(xs: readonly number[], x: number): number[] {
  const out = xs.slice();
  let i = out.length;
  out.push(x);
  while (i > 0 && out[i - 1]! > x) { out[i] = out[i - 1]!; i--; }
  out[i] = x;
  return out;
}

/** Copy of `xs` without one occurrence of `x`, or undefined when absent. */
export function removeOne(xs: readonly number[], x: number): number[] | undefined {
  const i = xs.indexOf(x);
  if (i < 0) return undefined;
  return xs.slice(0, i).concat(xs.slice(i + 1));
}

/** Message for an op name the spec does not know. */
export function unknownOp(spec: string, f: string, known: readonly string[]): string {
  return `spec ${spec} has no operation "${f}" (expected one of: ${known.join(', ')})`;
}

/** True when the op's outcome is unknown (crashed / never returned). */
export function isUnknown(op: { readonly ret: number | undefined }): boolean {
  return op.ret === undefined;
}
