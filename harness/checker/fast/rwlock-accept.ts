import type { Operation } from '../../history/operation';
import { everyPartition, wellFormedSmallHistory } from './accept-partitions';

/** What {@link acceptRwLockHistory} needs to know of a completed operation. */
export type RwLockOpCode = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7;
/** Anything else (an unknown name, a try whose output is not a boolean). */
export const RW_OTHER = 0;
/** read-lock, or try-read-lock that returned true. */
export const RW_READ_LOCK = 1;
export const RW_READ_UNLOCK = 2;
/** write-lock, or try-write-lock that returned true. */
export const RW_WRITE_LOCK = 3;
export const RW_WRITE_UNLOCK = 4;
/** try-read-lock that returned false: legal only while a writer holds the lock. */
export const RW_FAILED_READ = 5;
/** try-write-lock that returned false: legal only while someone holds the lock. */
export const RW_FAILED_WRITE = 6;
/** A pending lock or try: left out of the linearization (the spec allows it for an unknown outcome). */
export const RW_PENDING = 7;

/** Histories longer than this are left to the full check (bit masks of one 32-bit int). */
const MAX_OPS = 31;

/**
 * A certain "linearizable" for a reader-writer lock history (the explorer checks one per
 * execution); false = no opinion, the full check decides, so the verdict never differs.
 *
 * Each partition (key ?? '') apart. Accepted only when every op is well-formed input (ids
 * 0..n-1 distinct, finite call, ret >= call, an op the spec validates), a pending lock or
 * try is left out (a pending unlock counts at its call, which needs no return), every unlock's previous op in its process's program order (the array order; failed tries
 * and other partitions skipped) is a lock of the same mode that returned no later than the
 * unlock was called, and, with sections [lock.ret, unlock.call] (no unlock: up to infinity),
 * every write section lies strictly before or strictly after every other section. A failed
 * try-read-lock must share a time with a write section, a failed try-write-lock with any.
 *
 * Why that is linearizable: put each lock at its return, each unlock at its call, a failed
 * try at a time it shares with a section, and order the ops by these points (a section's
 * lock before its unlock, a try inside its section). No other point ties with a write
 * section's points, so a write-lock finds the lock free, a read-lock finds no writer, an
 * unlock is by a holder in that mode, a failed try finds it held as needed; points inside
 * the intervals, in order, respect real time (Herlihy & Wing 1990).
 */
export function acceptRwLockHistory(ops: readonly Operation[], codeOf: (op: Operation) => RwLockOpCode): boolean {
  return wellFormedSmallHistory(ops, MAX_OPS) && everyPartition(ops, codeOf, acceptPartition);
}

function acceptPartition(ops: readonly Operation[], key: string, codeOf: (op: Operation) => RwLockOpCode): boolean {
  const n = ops.length;
  // sections as parallel arrays (from, to, write?): small plain arrays, young generation
  const from: number[] = [], to: number[] = [];
  let writes = 0, count = 0, locks = 0, paired = 0, failedRead = 0, failedWrite = 0;
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    if ((op.key ?? '') !== key) continue;
    const code = codeOf(op);
    if (code === RW_READ_LOCK || code === RW_WRITE_LOCK) { locks |= 1 << i; continue; }
    if (code === RW_FAILED_READ) { failedRead |= 1 << i; continue; }
    if (code === RW_FAILED_WRITE) { failedWrite |= 1 << i; continue; }
    if (code === RW_PENDING) continue;
    if (code !== RW_READ_UNLOCK && code !== RW_WRITE_UNLOCK) return false;
    // the process's previous op in this partition, failed tries skipped
    const p = op.process, skip = failedRead | failedWrite;
    let j = i - 1;
    while (j >= 0 && (ops[j]!.process !== p || (skip & (1 << j)) !== 0 || (ops[j]!.key ?? '') !== key)) j--;
    if (j < 0 || (locks & (1 << j)) === 0 || codeOf(ops[j]!) !== code - 1 || !(ops[j]!.ret! <= op.call)) return false;
    paired |= 1 << j;
    if (code === RW_WRITE_UNLOCK) writes |= 1 << count;
    from[count] = ops[j]!.ret!;
    to[count++] = op.call;
  }
  for (let rest = locks & ~paired; rest !== 0; rest &= rest - 1) {
    const j = 31 - Math.clz32(rest & -rest);
    if (codeOf(ops[j]!) === RW_WRITE_LOCK) writes |= 1 << count;
    from[count] = ops[j]!.ret!;
    to[count++] = Infinity;
  }
  for (let w = 0; w < count; w++) {
    if ((writes & (1 << w)) === 0) continue;
    for (let s = 0; s < count; s++) if (s !== w && !(to[w]! < from[s]! || to[s]! < from[w]!)) return false;
  }
  return sharesTime(ops, failedRead, from, to, count, writes) && sharesTime(ops, failedWrite, from, to, count, -1);
}

/** Whether every op of `tries` (a bit mask) shares a time with a section in `among` (a bit mask of sections). */
function sharesTime(ops: readonly Operation[], tries: number, from: readonly number[], to: readonly number[], count: number, among: number): boolean {
  for (let rest = tries; rest !== 0; rest &= rest - 1) {
    const f = ops[31 - Math.clz32(rest & -rest)]!;
    let found = false;
    for (let s = 0; s < count && !found; s++) found = (among & (1 << s)) !== 0 && f.call <= to[s]! && f.ret! >= from[s]!;
    if (!found) return false;
  }
  return true;
}
