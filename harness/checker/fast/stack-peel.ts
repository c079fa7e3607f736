import type { ValueHistory } from './collection-history';
import { CoverageTree } from './coverage-tree';
import { RangeNotifier } from './range-notifier';

/**
 * Decrease and conquer for a LIFO stack with distinct values (Lee & Mathur, OOPSLA 2025,
 * stack section): a "bottom" value is one whose push and pop can each be placed at a moment
 * when every other value is wholly before or wholly after it; removing a bottom value keeps
 * linearizability either way, and if none exists the history is not linearizable.
 *
 * On normalised times a moment is a gap (g, g + 1); a value blocks the gaps between its
 * first return and its last call ([insRet, remCall - 1] once prepared), which never meet
 * its own push or pop gaps. So a value is bottom when its push interval and its pop
 * interval each contain a gap blocked by no remaining value. Coverage counts live in a
 * segment tree; a gap that drops to zero stays zero, and it is announced once to every
 * interval containing it (RangeNotifier), so the whole peel is O(m log m).
 * `h` has no empty removes (checked apart). Returns the number of values peeled
 * (`h.m` = linearizable), appending them to `peeled` bottom first.
 */
export function peelStack(h: ValueHistory, peeled: number[]): number {
  const m = h.m;
  const size = h.end + 1;
  const last = size - 1;
  const cover = new Int32Array(size + 1);
  for (let k = 0; k < m; k++) {
    if (h.insRet[k]! < h.remCall[k]!) { cover[h.insRet[k]!]!++; cover[h.remCall[k]!]!--; }
  }
  for (let g = 1; g < size; g++) cover[g]! += cover[g - 1]!;
  const tree = new CoverageTree(cover.subarray(0, size));
  const notifier = new RangeNotifier(size);
  for (let k = 0; k < m; k++) {
    notifier.add(2 * k, h.insCall[k]!, Math.min(h.insRet[k]! - 1, last));
    notifier.add(2 * k + 1, Math.min(h.remCall[k]!, last), Math.min(h.remRet[k]! - 1, last));
  }
  const free = new Uint8Array(m); // bit 1: push has a free gap, bit 2: pop has one
  const gone = new Uint8Array(m);
  const ready: number[] = [];
  const hit = (id: number): void => {
    const k = id >> 1;
    if ((free[k]! |= (id & 1) + 1) === 3 && !gone[k]) ready.push(k);
  };
  const zeros: number[] = [];
  const announce = (): void => {
    for (const g of zeros) notifier.report(g, hit);
    zeros.length = 0;
  };
  tree.takeZeros(0, last, zeros);
  announce();
  let count = 0;
  for (let k = ready.pop(); k !== undefined; k = ready.pop()) {
    if (gone[k]) continue;
    gone[k] = 1;
    peeled.push(k);
    count++;
    if (h.insRet[k]! < h.remCall[k]!) {
      tree.add(h.insRet[k]!, h.remCall[k]! - 1, -1);
      tree.takeZeros(h.insRet[k]!, h.remCall[k]! - 1, zeros);
      announce();
    }
  }
  return count;
}
