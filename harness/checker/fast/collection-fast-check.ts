import type { Operation } from '../../history/operation';
import { valueKey } from '../specs/value-key';
import { prepareValueHistory, type CollectionNames, type ValueHistory } from './collection-history';
import { findBlockedEmpty } from './empty-removes';
import type { FastChecker, FastResult } from './fast-result';
import { peelQueue } from './queue-peel';
import { peelStack } from './stack-peel';

/** Which collection: FIFO queue or LIFO stack. */
export type CollectionKind = 'queue' | 'stack';

/**
 * The polynomial-time checker of queue and stack histories whose inserted values are
 * distinct (Lee & Mathur, OOPSLA 2025; also the setting of LiMo, PLDI 2025): O(n log n)
 * instead of a search whose state space grows with the orders of the values (issue 10's
 * queue histories with many unknown-outcome enqueues). Histories outside the class
 * (repeated values, removes with unknown outcome, other operations) return undefined.
 */
export function collectionFastCheck(kind: CollectionKind, names: CollectionNames): FastChecker {
  const algorithm = `${kind} with distinct values (decrease and conquer)`;
  return (ops) => {
    const h = prepareValueHistory(ops, names, kind);
    if (h === undefined) return undefined;
    if (!('m' in h)) return { verdict: 'not-linearizable', algorithm, stuck: [h.op], reason: h.reason };
    const empty = findBlockedEmpty(h);
    if (empty !== undefined) {
      const w = empty.witness;
      const v = JSON.stringify(valueKey(ops[h.insOp[w]!]!.input));
      const out = h.remOp[w]! >= 0 ? `removed only by op ${ops[h.remOp[w]!]!.id}` : 'never removed';
      return {
        verdict: 'not-linearizable', algorithm, stuck: [empty.op],
        reason: `${names.remove} returned empty, but the ${kind} cannot have been empty at any moment of its interval ` +
          `(e.g. ${v}: inserted by op ${ops[h.insOp[w]!]!.id} before it was called, ${out})`,
      };
    }
    const peeled: number[] = [];
    const done = kind === 'queue' ? peelQueue(h, peeled) : peelStack(h, peeled);
    if (done === h.m) return { verdict: 'linearizable', algorithm };
    return orderViolation(kind, names, algorithm, ops, h, peeled);
  };
}

/** No value of those left can come last (queue) or first (stack): explain with a witness when there is a simple one. */
function orderViolation(kind: CollectionKind, names: CollectionNames, algorithm: string, ops: readonly Operation[], h: ValueHistory, peeled: readonly number[]): FastResult {
  const gone = new Uint8Array(h.m);
  for (const k of peeled) gone[k] = 1;
  const left: number[] = [];
  for (let k = 0; k < h.m; k++) if (!gone[k]) left.push(k);
  const show = (k: number): string => JSON.stringify(valueKey(ops[h.insOp[k]!]!.input));
  const opId = (i: number): string => (i >= 0 ? `op ${ops[i]!.id}` : 'never');
  if (kind === 'queue') {
    // the classic pattern: a enqueued before b (real time), b dequeued before a
    const byInsRet = [...left].sort((x, y) => h.insRet[x]! - h.insRet[y]!);
    const byInsCall = [...left].sort((x, y) => h.insCall[x]! - h.insCall[y]!);
    let best = -1, j = 0;
    for (const b of byInsCall) {
      for (; j < byInsRet.length && h.insRet[byInsRet[j]!]! < h.insCall[b]!; j++) {
        const a = byInsRet[j]!;
        if (best < 0 || h.remCall[a]! > h.remCall[best]!) best = a;
      }
      if (best >= 0 && h.remCall[best]! > h.remRet[b]! && h.remOp[b]! >= 0) {
        return {
          verdict: 'not-linearizable', algorithm, stuck: [h.remOp[b]!], vague: true,
          reason: `${names.remove} returned ${show(b)}, but ${show(best)} was enqueued first (op ${ops[h.insOp[best]!]!.id} returned before ` +
            `op ${ops[h.insOp[b]!]!.id} was called) and is dequeued only later (${opId(h.remOp[best]!)})`,
        };
      }
    }
  }
  // the value whose remove returned first among those left
  let first = left[0]!;
  for (const k of left) if (h.remRet[k]! < h.remRet[first]!) first = k;
  const blamed = h.remOp[first]! >= 0 ? h.remOp[first]! : h.insOp[first]!;
  return {
    verdict: 'not-linearizable', algorithm, stuck: [blamed], vague: true,
    reason: `no order of the ${left.length} values left is consistent with ${kind === 'queue' ? 'FIFO' : 'LIFO'} order and real time ` +
      `(e.g. ${names.remove} returned ${show(first)})`,
  };
}
