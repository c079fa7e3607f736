import type { Target } from '../../harness/target/target';

/** Targets of this family. */
export function qspinlockTargets(): readonly Target[] {
  return [];
}
