import type { Workload } from '../target/target';
import { TargetError } from '../target/target-error';

/**
 * Reject a workload that names an operation kind the target does not have: a TargetError
 * (exit 2, never a finding of the lock) rather than a silently different workload.
 */
export function checkOpKinds(target: string, workload: Workload, kinds: readonly string[]): void {
  workload.ops.forEach((ops, thread) => {
    for (const op of ops) {
      if (!kinds.includes(op)) {
        throw new TargetError(`${target}: thread ${thread} has unknown operation '${op}' (expected one of: ${kinds.join(', ')})`);
      }
    }
  });
}

/** Reject a thread count outside [min, max] (e.g. Peterson and Dekker are 2-thread algorithms). */
export function checkThreads(target: string, workload: Workload, min: number, max: number): void {
  const n = workload.ops.length;
  if (n < min || n > max) {
    throw new TargetError(`${target}: ${n} threads given, this lock supports ${min === max ? `exactly ${min}` : `${min} to ${max}`}`);
  }
}

/**
 * Resolve the `mixed` operation kind of reader/writer targets: thread 0 writes, every other
 * thread reads. It is the first (default) kind so that `lockstep run seqlock` exercises a
 * writer against readers without naming operations.
 */
export function readerWriterRole(op: string, thread: number): 'read' | 'write' {
  if (op === 'mixed') return thread === 0 ? 'write' : 'read';
  return op === 'write' ? 'write' : 'read';
}
