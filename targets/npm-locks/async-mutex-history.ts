/**
 * Two publicly reported and fixed concurrency bugs of async-mutex, each beside its fixed version
 * (installed through npm aliases):
 *
 * - #27 (https://github.com/DirtyHairy/async-mutex/issues/27, fixed in 0.2.6 by 8331143 "Fix
 *   consecutive calls to mutex::release"): in 0.2.4 `Mutex#release()` runs the current releaser,
 *   which synchronously hands the mutex to the next waiter and stores that waiter's releaser,
 *   then clears it. The new holder's `release()` does nothing: the mutex stays locked by nobody
 *   and every later waiter hangs.
 * - #52 (https://github.com/DirtyHairy/async-mutex/issues/52, fixed in 0.4.0, "Only resolve
 *   waitForUnlock once no waiters remain"): in 0.3.2 a release resolves the waitForUnlock waiters
 *   and then dispatches the next acquirer in the same synchronous run, so the waiter resumes while
 *   the mutex is locked again.
 */
import type { AsyncTarget, TaskApi } from '../../harness';
import { critical } from './client';
import { exportOf, loadPackage } from './npm-package';

interface OldMutex {
  acquire(): Promise<() => void>;
  runExclusive<T>(cb: () => Promise<T> | T): Promise<T>;
  isLocked(): boolean;
  release(): void;
  waitForUnlock?(): Promise<void>;
}

async function mutexClass(pkg: string): Promise<new () => OldMutex> {
  return exportOf(await loadPackage(pkg), 'Mutex');
}

/** A fresh mutex of the loaded version per execution. */
const newMutex = (_v: string, _w: unknown, Mutex: unknown): OldMutex => new (Mutex as new () => OldMutex)();

/** The plain lock op of both targets: acquire() hands back the releaser, which ends the section. */
async function acquireThenRelease(t: TaskApi, m: OldMutex): Promise<void> {
  const release = await t.call('acquire', () => m.acquire());
  await critical(t);
  await t.call('release', () => release());
}

/** What `lockstep run` uses: the report's three holders in a row with Mutex#release() (the campaign generates its own). */
const W27 = { ops: [['release-api', 'release-api'], ['release-api'], ['release-api']] };
const W52 = { ops: [['lock'], ['lock'], ['wait-unlock']] };

export const asyncMutex27Target: AsyncTarget<OldMutex> = {
  kind: 'async',
  name: 'async-mutex-27',
  summary: 'async-mutex #27: Mutex#release() clobbers the next holder\'s releaser (0.2.4), fixed in 0.2.6',
  spec: 'mutex',
  requires: ['async-mutex-0.2.4', 'async-mutex-0.2.6'],
  variants: [
    { name: '0.2.4', summary: 'release() hands over, then forgets the new holder: later waiters hang (#27)', expect: 'hang', defaultWorkload: W27 },
    { name: '0.2.6', summary: 'the fix (8331143)', expect: 'clean', defaultWorkload: W27 },
  ],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 },
    opKinds: ['lock', 'release-api', 'run-exclusive'],
  },
  prepare: (variant) => mutexClass(`async-mutex-${variant}`),
  setup: newMutex,
  ops: {
    lock: acquireThenRelease,
    async 'release-api'(t, m) {
      await t.call('acquire', () => m.acquire());
      await critical(t);
      await t.call('release', () => m.release());
    },
    async 'run-exclusive'(t, m) {
      const id = t.invoke('acquire');
      let rel = -1;
      await m.runExclusive(async () => {
        t.ok(id);
        await critical(t);
        rel = t.invoke('release');
      });
      t.ok(rel);
    },
  },
  describe: (m) => [`isLocked() = ${m.isLocked()}`],
};

export const asyncMutex52Target: AsyncTarget<OldMutex> = {
  kind: 'async',
  name: 'async-mutex-52',
  summary: 'async-mutex #52: waitForUnlock() resumes while the mutex is locked again (0.3.2), fixed in 0.4.0',
  spec: 'mutex',
  requires: ['async-mutex-0.3.2', 'async-mutex-0.4.0'],
  variants: [
    { name: '0.3.2', summary: 'release resolves waitForUnlock, then hands the mutex to the next waiter (#52)', expect: 'violation', defaultWorkload: W52 },
    { name: '0.4.0', summary: 'the fix: waitForUnlock resolves once no waiter remains', expect: 'clean', defaultWorkload: W52 },
  ],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 2, default: 2 },
    opKinds: ['lock', 'wait-unlock'],
  },
  prepare: (variant) => mutexClass(`async-mutex-${variant}`),
  setup: newMutex,
  ops: {
    lock: acquireThenRelease,
    // what the API promises (README: "wait until the mutex is available"): resuming finds it unlocked
    async 'wait-unlock'(t, m) {
      await m.waitForUnlock!();
      t.assert(!m.isLocked(), 'waitForUnlock() resumed while the mutex is locked');
    },
  },
  describe: (m) => [`isLocked() = ${m.isLocked()}`],
};
