import type { Target } from '../../harness';
import { futexRequeuePiTarget } from './futex-requeue-pi-target';

/** Targets of this family. */
export function futexRequeuePiTargets(): readonly Target[] {
  return [futexRequeuePiTarget()];
}
