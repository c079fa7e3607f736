import type { AnyTarget } from '../harness';
import { classicTargets } from './classic';
import { qspinlockTargets } from './qspinlock';
import { smpRendezvousTargets } from './smp-rendezvous';
import { futexRequeuePiTargets } from './futex-requeue-pi';
import { perfInstallTargets } from './perf-install';
import { installedNpmLockTargets } from './npm-locks';
import { authoringTargets } from './authoring';

/** Every built-in target, in the order `lockstep list` shows them (npm lock targets whose library is installed). */
export function builtinTargets(): readonly AnyTarget[] {
  return [...classicTargets(), ...authoringTargets(), ...qspinlockTargets(), ...smpRendezvousTargets(), ...futexRequeuePiTargets(), ...perfInstallTargets(), ...installedNpmLockTargets().targets];
}

/** Built-in targets left out, one note each: their npm library is not installed (lockstep installed as a package). */
export function skippedBuiltinTargets(): readonly string[] {
  return installedNpmLockTargets().skipped.map((s) => `${s.name}: skipped, npm package ${s.missing.map((m) => `'${m}'`).join(', ')} not installed (a devDependency of lockstep; install it to run this target)`);

}
