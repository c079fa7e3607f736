/**
 * Why a thread cannot be scheduled (besides a `waitUntil` whose condition is false, which is
 * spinning, not blocking). Numbers, so the step loop compares integers.
 */
export const BLOCK_NONE = 0;
/** Halted in pv_wait until pv_kick (seeds-qspinlock.md 2.4). */
export const BLOCK_PV = 1;
/** Queued on a futex until futex_wake on the same word. */
export const BLOCK_FUTEX = 2;
/** Sleeping on a wait queue until wake(id). */
export const BLOCK_SLEEP = 3;

export type BlockKind = typeof BLOCK_NONE | typeof BLOCK_PV | typeof BLOCK_FUTEX | typeof BLOCK_SLEEP;

/** State label of a blocked thread in deadlock and hang reports. */
export function blockStateName(kind: number): string {
  switch (kind) {
    case BLOCK_PV:
      return 'halted (pv_wait)';
    case BLOCK_FUTEX:
      return 'futex wait';
    case BLOCK_SLEEP:
      return 'sleeping';
    default:
      return 'running';
  }
}
