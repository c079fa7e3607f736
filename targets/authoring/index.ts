import type { Target } from '../../harness';
import { clhPoolTarget } from './clh-pool';
import { politeLocksTarget } from './polite-locks';
import { rwSpinTarget } from './rw-spin';
import { senseBarrierTarget } from './sense-barrier';
import { timedMutexTarget } from './timed-mutex';

/**
 * Locks written with the authoring primitives (docs/authoring-reference.md): node pools,
 * timed waits, a multi-cell wait, explicit progress, a spec and constraints that follow the
 * workload, a workload hint. Each has a correct variant and a buggy one that needs its feature.
 */
export function authoringTargets(): readonly Target[] {
  return [clhPoolTarget, timedMutexTarget, rwSpinTarget, politeLocksTarget, senseBarrierTarget];
}
