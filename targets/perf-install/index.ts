import type { Target } from '../../harness/target/target';
import { perfInstallTarget } from './perf-install-target';

/** Targets of this family. */
export function perfInstallTargets(): readonly Target[] {
  return [perfInstallTarget()];
}
