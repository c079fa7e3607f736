/**
 * Indices 0..n-1 sorted by `less` (a strict order; ties must be broken by the caller to
 * stay deterministic). Insertion sort below 24 elements (the explorer's histories, where
 * a comparator-driven Array sort costs more than the work), Array.prototype.sort above.
 */
export function sortIndices(n: number, less: (a: number, b: number) => boolean): number[] {
  // a plain array: small typed arrays live off the V8 heap and cost a malloc and a finaliser each
  const out = new Array<number>(n);
  if (n < 24) {
    for (let i = 0; i < n; i++) {
      let j = i;
      while (j > 0 && less(i, out[j - 1]!)) { out[j] = out[j - 1]!; j--; }
      out[j] = i;
    }
    return out;
  }
  for (let i = 0; i < n; i++) out[i] = i;
  return out.sort((a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}
