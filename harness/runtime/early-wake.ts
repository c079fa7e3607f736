import type { WaitOptions } from './thread-api';

/** Bits of ThreadContext.early: how the blocking wait a thread is in may end before its waker. */
export const EARLY_TIMEOUT = 1;
export const EARLY_SIGNAL = 2;

/** ThreadContext.wakeReason: why a blocking wait ended (read by the wait's resume step). */
export const WAKE_NORMAL = 0;
export const WAKE_TIMEOUT = 1;
export const WAKE_SIGNAL = 2;

/** EARLY_* bits of a wait's options (0 when it can only be ended by its waker). */
export function earlyFlags(opts: WaitOptions | undefined): number {
  if (opts === undefined) return 0;
  return (opts.timeout === true ? EARLY_TIMEOUT : 0) | (opts.interruptible === true ? EARLY_SIGNAL : 0);
}

/** What a wait that ended for `reason` returns besides its normal result. */
export function earlyResult(reason: number): 'timeout' | 'interrupted' | undefined {
  return reason === WAKE_TIMEOUT ? 'timeout' : reason === WAKE_SIGNAL ? 'interrupted' : undefined;
}
