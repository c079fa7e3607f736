/**
 * The real npm lock libraries (issue 9 "Built-in real-library targets"): current releases and
 * historical versions with a publicly reported, fixed concurrency bug beside their fix. What
 * lockstep shows on each: docs/npm-locks.md.
 */
import type { AsyncTarget } from '../../harness';
import { asyncLock64Target, asyncLockTarget } from './async-lock';
import { asyncMutexTarget } from './async-mutex';
import { asyncMutex27Target, asyncMutex52Target } from './async-mutex-history';
import { locksMutexTarget, locksRwLockTarget, locksSemaphoreTarget } from './locks';
import { morticePr1Target, morticeTarget } from './mortice';
import { packageInstalled } from './npm-package';
import { pQueue168Target, pQueueTarget } from './p-queue';
import { asyncSemaTarget, awaitLockTarget, pLimitTarget, rwlockTarget, semaphoreTarget, throatTarget } from './small-libs';

/** Every npm lock target: current releases first, then the historical pairs. */
export function npmLockTargets(): AsyncTarget[] {
  return [
    asyncMutexTarget, awaitLockTarget, asyncSemaTarget, semaphoreTarget, pLimitTarget, throatTarget, pQueueTarget,
    morticeTarget, asyncLockTarget, locksMutexTarget, locksSemaphoreTarget, locksRwLockTarget, rwlockTarget,
    asyncMutex27Target, asyncMutex52Target, asyncLock64Target, pQueue168Target, morticePr1Target(),
  ];
}

/** A built-in target left out because an npm package it runs is not installed. */
export interface SkippedTarget {
  readonly name: string;
  readonly missing: readonly string[];
}

/**
 * The npm lock targets whose packages are installed (devDependencies of lockstep: present in
 * the repository, absent where lockstep is installed as a package), and the others.
 */
export function installedNpmLockTargets(installed: (pkg: string) => boolean = packageInstalled): { readonly targets: AsyncTarget[]; readonly skipped: SkippedTarget[] } {
  const targets: AsyncTarget[] = [];
  const skipped: SkippedTarget[] = [];
  for (const t of npmLockTargets()) {
    const missing = (t.requires ?? []).filter((p) => !installed(p));
    if (missing.length === 0) targets.push(t);
    else skipped.push({ name: t.name, missing });
  }
  return { targets, skipped };
}
