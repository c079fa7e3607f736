import type { Operation } from '../../history/operation';
import { everyPartition, wellFormedSmallHistory } from './accept-partitions';

/** What {@link acceptMutexHistory} needs to know of a completed operation. */
export type MutexOpCode = 0 | 1 | 2 | 3 | 4;
/** Anything else (an unknown name, a try-acquire whose output is not a boolean). */
export const MUTEX_OTHER = 0;
/** An acquire, or a try-acquire that returned true. */
export const MUTEX_ACQUIRE = 1;
export const MUTEX_RELEASE = 2;
/** A try-acquire that returned false: legal only while the mutex is held. */
export const MUTEX_FAILED_TRY = 3;
/** A pending acquire or try-acquire: left out of the linearization (the spec allows it for an unknown outcome). */
export const MUTEX_PENDING = 4;

/** Histories longer than this are left to the full check (bit masks of one 32-bit int below). */
const MAX_OPS = 31;

/**
 * A certain "linearizable" for a mutex history without sorting or allocating: the explorer
 * checks one small history per execution, and almost all of them are of a correct lock
 * (issue 12 goal 2). False means "no opinion": the full check (validation, then
 * checkMutexSections or the search) decides, so the verdict is never a different one.
 *
 * Each partition (key) is decided apart (P-compositionality, as the full check does).
 * Accepted only when every op is well-formed input (ids 0..n-1 distinct, finite call,
 * ret >= call, a mutex op the spec validates: so checkHistory's validation could not
 * fail either), and in each partition releases appear in call order,
 * each release's previous op in its process's program order (the array order; failed
 * try-acquires skipped) is an acquire, and the sections chain: writing sections
 * k = (acquire a_k, release r_k) in the releases' order, a_k.call <= r_k.call and
 * r_{k-1}.call <= a_k.ret (at most one acquire without a release, with ret >= the last
 * release's call, goes last); a failed try-acquire must overlap some section's
 * [max(a_k.call, r_{k-1}.call), r_k.call]. A pending acquire or try-acquire is left out (an
 * unknown outcome may never have taken effect; a release after it in its process is then
 * not accepted); a pending release counts as called (its point, its call, needs no return).
 *
 * Why that is linearizable: put r_k at its call, a_k at max(a_k.call, r_{k-1}.call) and a
 * failed try at a point it shares with a section. Every point lies within its op's interval
 * and the points never decrease along a_1 (tries) r_1 a_2 (tries) r_2 ..., a sequence the
 * mutex spec accepts (each acquire finds the mutex free, each release is by the owner, each
 * failed try finds it held). Points inside the intervals, in sequence order, respect real
 * time (Herlihy & Wing 1990). It is the chain case of mutex-sections.ts, read in the order
 * the engine records the releases.
 */
export function acceptMutexHistory(ops: readonly Operation[], codeOf: (op: Operation) => MutexOpCode): boolean {
  return wellFormedSmallHistory(ops, MAX_OPS) && everyPartition(ops, codeOf, acceptPartition);
}

/** The pass above over the ops of one partition (bit masks are indices into `ops`). */
function acceptPartition(ops: readonly Operation[], key: string, codeOf: (op: Operation) => MutexOpCode): boolean {
  let acquires = 0, releases = 0, fails = 0, paired = 0, open = 0;
  let lastTo = -Infinity;
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if ((op.key ?? '') !== key) continue;
    const code = codeOf(op);
    if (code === MUTEX_ACQUIRE) { acquires |= 1 << i; open++; continue; }
    if (code === MUTEX_FAILED_TRY) { fails |= 1 << i; continue; }
    if (code === MUTEX_PENDING) continue;
    const call = op.call;
    if (code !== MUTEX_RELEASE || call < lastTo) return false;
    const j = acquireOf(ops, i, fails, key);
    if (j < 0 || (acquires & (1 << j)) === 0) return false;
    const a = ops[j]!;
    if (!(a.call <= call && a.ret! >= lastTo)) return false;
    releases |= 1 << i;
    paired |= 1 << j;
    open--;
    lastTo = call;
  }
  if (open > 1) return false;
  const last = acquires & ~paired;
  if (last !== 0 && !(ops[31 - Math.clz32(last)]!.ret! >= lastTo)) return false;
  return fails === 0 || triesFindItHeld(ops, releases, last, fails, key);
}

/** The op before release `i` in its process's program order within partition `key`, failed try-acquires skipped; -1 if none. */
function acquireOf(ops: readonly Operation[], i: number, fails: number, key: string): number {
  const p = ops[i]!.process;
  let j = i - 1;
  while (j >= 0 && (ops[j]!.process !== p || (fails & (1 << j)) !== 0 || (ops[j]!.key ?? '') !== key)) j--;
  return j;
}

/** Whether each failed try-acquire overlaps a held interval of the sections' chain (see above). */
function triesFindItHeld(ops: readonly Operation[], releases: number, last: number, fails: number, key: string): boolean {
  let left = fails, prevTo = -Infinity;
  for (let i = 0; i < ops.length && left !== 0; i++) {
    if ((releases & (1 << i)) === 0) continue;
    const to = ops[i]!.call;
    left = heldDuring(ops, left, Math.max(ops[acquireOf(ops, i, fails, key)]!.call, prevTo), to);
    prevTo = to;
  }
  if (left !== 0 && last !== 0) left = heldDuring(ops, left, Math.max(ops[31 - Math.clz32(last)]!.call, prevTo), Infinity);
  return left === 0;
}

/** The failed tries of `left` (a bit mask) that do not overlap [from, to]. */
function heldDuring(ops: readonly Operation[], left: number, from: number, to: number): number {
  for (let rest = left; rest !== 0; rest &= rest - 1) {
    const t = 31 - Math.clz32(rest & -rest);
    const f = ops[t]!;
    if (f.call <= to && f.ret! >= from) left &= ~(1 << t);
  }
  return left;
}
