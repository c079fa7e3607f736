import type { Target } from '../../harness';
import { pvqspinlockTarget, qspinlockTarget } from './qspinlock-targets';

/** Targets of this family: `qspinlock` (native) and `pvqspinlock` (paravirt variants). */
export function qspinlockTargets(): readonly Target[] {
  return [qspinlockTarget, pvqspinlockTarget];
}
