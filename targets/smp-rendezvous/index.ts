import type { Target } from '../../harness';
import { smpRendezvousTarget } from './smp-rendezvous-target';

/** Targets of this family. */
export function smpRendezvousTargets(): readonly Target[] {
  return [smpRendezvousTarget()];
}
