import type { Target } from '../harness';
import { classicTargets } from './classic';
import { qspinlockTargets } from './qspinlock';
import { smpRendezvousTargets } from './smp-rendezvous';
import { futexRequeuePiTargets } from './futex-requeue-pi';
import { perfInstallTargets } from './perf-install';
import { authoringTargets } from './authoring';

/** Every built-in target, in the order `lockstep list` shows them. */
export function builtinTargets(): readonly Target[] {
  return [...classicTargets(), ...authoringTargets(), ...qspinlockTargets(), ...smpRendezvousTargets(), ...futexRequeuePiTargets(), ...perfInstallTargets()];
}
