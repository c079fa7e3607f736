/**
 * Integer hashing helpers for the search (no randomness: the checker is deterministic).
 * `mix32` is the 32-bit finaliser of MurmurHash3; `hashString` is FNV-1a.
 */
export function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) | 0;
}

/** FNV-1a over the UTF-16 code units of `s`. */
export function hashString(s: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** Combine two hashes (order matters). */
export function hashCombine(a: number, b: number): number {
  return mix32((Math.imul(a, 31) + b) | 0);
}
