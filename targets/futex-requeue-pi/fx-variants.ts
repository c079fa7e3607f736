import type { VariantSpec } from '../../harness';
import type { RequeueFixes } from './fx-requeue';

/** The requeue-PI variants (notes 2.5: F0..F3). */
export const FX_VARIANTS: readonly VariantSpec[] = [
  {
    name: 'original',
    summary: 'requeue_pi as merged in 2.6.31-rc (F0): the waiter fixes up a stolen lock under hb1 instead of hb2 (WARN pid != pi_state->owner) and rt_mutex_start_proxy_lock returns holding wait_lock (hang)',
    expect: { sc: 'hang', tso: 'hang' },
  },
  {
    name: 'no-lockptr-fix',
    summary: 'only "[PATCH 2/2] Avoid deadlock in rt_mutex_start_proxy_lock" (F1): q->lock_ptr still names hb1 after a steal: lookup_pi_state under hb2 sees the futex word and pi_state->owner disagree (WARN)',
    expect: { sc: 'violation', tso: 'violation' },
  },
  {
    name: 'no-waitlock-fix',
    summary: 'only "[PATCH 1/2] Update woken requeued futex_q lock_ptr" (F2): after a steal the requeuer returns to user space holding pi_mutex.wait_lock: everyone spins on it (hang)',
    expect: { sc: 'hang', tso: 'hang' },
  },
  {
    name: 'landed',
    summary: 'both patches (F3): clean; a contender running between the requeue and the waiter\'s fix-up sees a consistent (old) owner and is not flagged',
    expect: { sc: 'clean', tso: 'clean' },
  },
];

/** Patch set of a variant, or undefined for an unknown name. */
export function fxFixesFor(variant: string): RequeueFixes | undefined {
  switch (variant) {
    case 'original':
      return { updateLockPtr: false, unlockWaitLock: false };
    case 'no-lockptr-fix':
      return { updateLockPtr: false, unlockWaitLock: true };
    case 'no-waitlock-fix':
      return { updateLockPtr: true, unlockWaitLock: false };
    case 'landed':
      return { updateLockPtr: true, unlockWaitLock: true };
    default:
      return undefined;
  }
}
