import type { Target } from '../../harness/target/target';

/** Targets of this family. */
export function smpRendezvousTargets(): readonly Target[] {
  return [];
}
