import type { Operation } from '../../history/operation';

/**
 * What checkHistory's validation asks of every op, checked without allocating (the explorer's
 * quick accepts run once per execution): 1..maxOps ops (maxOps <= 31: the ids are bits of one
 * int), ids 0..n-1 distinct, a finite call, a return no earlier than the call.
 */
export function wellFormedSmallHistory(ops: readonly Operation[], maxOps: number): boolean {
  const n = ops.length;
  if (n === 0 || n > maxOps) return false;
  let seen = 0;
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    const id = op.id;
    if (!(id >= 0 && id < n) || (id | 0) !== id || (seen & (1 << id)) !== 0) return false;
    seen |= 1 << id;
    const call = op.call, ret = op.ret;
    if (call - call !== 0 || (ret !== undefined && !(ret >= call))) return false;
  }
  return true;
}

/**
 * `accept(ops, key, codeOf)` for each partition (the lock specs' partitionKey: key ?? ''), in
 * order of first appearance; false as soon as one partition is not accepted
 * (P-compositionality, as the full check does). No closure, no set: quadratic in the number
 * of ops, which the callers bound to 31.
 */
export function everyPartition<C>(ops: readonly Operation[], codeOf: (op: Operation) => C, accept: (ops: readonly Operation[], key: string, codeOf: (op: Operation) => C) => boolean): boolean {
  const n = ops.length;
  for (let i = 0; i < n; i++) {
    const key = ops[i]!.key ?? '';
    let first = true;
    for (let j = 0; j < i && first; j++) first = (ops[j]!.key ?? '') !== key;
    if (first && !accept(ops, key, codeOf)) return false;
  }
  return true;
}
