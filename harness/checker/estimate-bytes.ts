/**
 * Rough, deterministic size in bytes of a spec state on V8's 64-bit heap with pointer
 * compression off (Node's builds): object header 24, array header 32 plus a backing
 * store of 16 + 8 per element, strings 16 + one byte per character, heap numbers
 * 16. Shared sub-values are counted at every reference (an overestimate, the safe side for
 * a memory budget), except strings inside arrays (the history's own values). Nesting below `depth` levels counts as 64 bytes.
 */
export function estimateBytes(v: unknown, depth = 4): number {
  switch (typeof v) {
    case 'number': return Number.isInteger(v) && Math.abs(v) < 2 ** 30 ? 0 : 16;
    case 'string': return 16 + v.length;
    case 'boolean': case 'undefined': case 'symbol': return 0;
    case 'bigint': return 24;
    case 'function': return 64;
    default: break;
  }
  if (v === null) return 0;
  if (depth === 0) return 64;
  if (Array.isArray(v)) {
    let b = 48 + 8 * v.length;
    // strings inside a state are almost always the history's own values, shared: a pointer
    for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'string') b += estimateBytes(v[i], depth - 1);
    return b;
  }
  if (ArrayBuffer.isView(v)) return 64 + v.byteLength;
  let b = 24;
  for (const k of Object.keys(v as object)) b += 16 + estimateBytes((v as Record<string, unknown>)[k], depth - 1);
  return b;
}
