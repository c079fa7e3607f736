import type { Target } from '../../harness/target/target';

/** Targets of this family. */
export function classicTargets(): readonly Target[] {
  return [];
}
