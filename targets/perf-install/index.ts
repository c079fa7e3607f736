import type { Target } from '../../harness';
import { perfInstallMigrationTarget } from './perf-install-migration-target';
import { perfInstallTarget } from './perf-install-target';

/** Targets of this family: the hotplug scenario (PF-A, C, D) and the migration negative test (PF-B). */
export function perfInstallTargets(): readonly Target[] {
  return [perfInstallTarget(), perfInstallMigrationTarget()];
}
