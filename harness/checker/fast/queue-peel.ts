import type { ValueHistory } from './collection-history';

/**
 * Decrease and conquer for a FIFO queue with distinct values (Lee & Mathur, OOPSLA 2025,
 * queue section): a value can be the last one enqueued and dequeued when its enqueue
 * returns after every other enqueue is called and its dequeue returns after every other
 * operation is called; removing such a value keeps linearizability either way, and if
 * none exists the history is not linearizable. Because the maxima only fall as values go,
 * a value that qualifies once qualifies for good, so one sweep over the values sorted by
 * those four times does it in O(m log m). `h` has no empty removes (checked apart).
 *
 * Returns the number of values peeled; all of them (`h.m`) = linearizable. `peeled`
 * receives them, last-enqueued first.
 */
export function peelQueue(h: ValueHistory, peeled: number[]): number {
  const m = h.m;
  const desc = (key: Float64Array): Int32Array => Int32Array.from({ length: m }, (_, k) => k).sort((a, b) => key[b]! - key[a]! || a - b);
  const byInsCall = desc(h.insCall), byRemCall = desc(h.remCall), byInsRet = desc(h.insRet), byRemRet = desc(h.remRet);
  const gone = new Uint8Array(m);
  const ok = new Uint8Array(m); // bit 1: enqueue can be last, bit 2: dequeue can be last
  const ready: number[] = [];
  let pa = 0, pb = 0, pc = 0, pd = 0, count = 0;
  for (;;) {
    while (pa < m && gone[byInsCall[pa]!]) pa++;
    while (pb < m && gone[byRemCall[pb]!]) pb++;
    const maxInsCall = pa < m ? h.insCall[byInsCall[pa]!]! : -Infinity;
    const maxRemCall = pb < m ? h.remCall[byRemCall[pb]!]! : -Infinity;
    for (; pc < m && h.insRet[byInsRet[pc]!]! > maxInsCall; pc++) {
      const k = byInsRet[pc]!;
      if ((ok[k]! |= 1) === 3 && !gone[k]) ready.push(k);
    }
    for (; pd < m && h.remRet[byRemRet[pd]!]! > maxRemCall; pd++) {
      const k = byRemRet[pd]!;
      if ((ok[k]! |= 2) === 3 && !gone[k]) ready.push(k);
    }
    const k = ready.pop();
    if (k === undefined) return count;
    gone[k] = 1;
    peeled.push(k);
    count++;
  }
}
