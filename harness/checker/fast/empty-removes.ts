import type { ValueHistory } from './collection-history';

/** An empty remove that cannot be placed: its local index and a value that surely sat in the collection. */
export interface EmptyViolation { readonly op: number; readonly witness: number }

/**
 * Lemma "empty operations" of Lee & Mathur (OOPSLA 2025): the history is linearizable iff
 * it is without its empty removes and every empty remove has a moment t inside its
 * interval at which each value is either wholly before t (all its calls before t) or
 * wholly after (all its returns after t). A value blocks exactly the moments between its
 * first return and its last call, [insRet, remCall] in the prepared history. So an empty
 * remove fails iff its interval lies inside the union of those blocked intervals. Returns
 * the first failing one (by call time), or undefined. O(n log n).
 */
export function findBlockedEmpty(h: ValueHistory): EmptyViolation | undefined {
  if (h.empties.length === 0) return undefined;
  const blocking: number[] = [];
  for (let k = 0; k < h.m; k++) if (h.insRet[k]! < h.remCall[k]!) blocking.push(k);
  blocking.sort((a, b) => h.insRet[a]! - h.insRet[b]! || a - b);
  // merged blocked intervals, each with the value reaching furthest from its start (the witness)
  const from: number[] = [], to: number[] = [], witness: number[] = [];
  for (const k of blocking) {
    const a = h.insRet[k]!, b = h.remCall[k]!;
    const last = from.length - 1;
    if (last >= 0 && a <= to[last]!) {
      if (b > to[last]!) to[last] = b;
    } else { from.push(a); to.push(b); witness.push(k); }
  }
  const byCall = [...h.empties].sort((x, y) => x.call - y.call || x.op - y.op);
  for (const e of byCall) {
    // the merged interval starting at or before the call
    let lo = 0, hi = from.length - 1, at = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (from[mid]! <= e.call) { at = mid; lo = mid + 1; } else hi = mid - 1;
    }
    if (at >= 0 && e.ret <= to[at]!) {
      // a value blocking the call itself: the one whose interval contains it, furthest reaching
      let best = witness[at]!;
      for (let k = 0; k < h.m; k++) {
        if (h.insRet[k]! <= e.call && h.remCall[k]! >= e.call && h.remCall[k]! > h.remCall[best]!) best = k;
      }
      return { op: e.op, witness: best };
    }
  }
  return undefined;
}
