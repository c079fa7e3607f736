import type { Target } from '../../harness/target/target';
import { smpRendezvousTarget } from './smp-rendezvous-target';

/** Targets of this family. */
export function smpRendezvousTargets(): readonly Target[] {
  return [smpRendezvousTarget()];
}
