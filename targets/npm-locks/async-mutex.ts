/**
 * async-mutex (DirtyHairy/async-mutex), the most used promise mutex on npm: its Mutex at the
 * current version with every part of its API a program uses (scoped releaser, Mutex#release,
 * runExclusive, withTimeout, tryAcquire, priorities, waitForUnlock, cancel), judged by the
 * mutex spec and the exclusion oracle. Findings and documented behaviour: docs/npm-locks.md.
 */
import { fc, type AsyncTarget } from '../../harness';
import { critical, numArg, tryRecord } from './client';
import { exportOf, loadPackage } from './npm-package';

/** The part of async-mutex's Mutex the client code uses (0.5.0). */
export interface AsyncMutexLike {
  acquire(priority?: number): Promise<() => void>;
  runExclusive<T>(cb: () => Promise<T> | T, priority?: number): Promise<T>;
  waitForUnlock(priority?: number): Promise<void>;
  isLocked(): boolean;
  release(): void;
  cancel(): void;
}

/** What the client code gets: the mutex and the library's decorators and errors. */
export interface AsyncMutexLib {
  readonly mutex: AsyncMutexLike;
  readonly withTimeout: (m: AsyncMutexLike, ms: number) => AsyncMutexLike;
  readonly tryAcquire: (m: AsyncMutexLike) => AsyncMutexLike;
  readonly errors: readonly unknown[];
}

interface Module {
  readonly Mutex: new () => AsyncMutexLike;
  readonly withTimeout: AsyncMutexLib['withTimeout'];
  readonly tryAcquire: AsyncMutexLib['tryAcquire'];
  readonly errors: readonly unknown[];
}

async function load(pkg: string): Promise<Module> {
  const ns = await loadPackage(pkg);
  return {
    Mutex: exportOf(ns, 'Mutex'),
    withTimeout: exportOf(ns, 'withTimeout'),
    tryAcquire: exportOf(ns, 'tryAcquire'),
    errors: [exportOf(ns, 'E_TIMEOUT'), exportOf(ns, 'E_ALREADY_LOCKED'), exportOf(ns, 'E_CANCELED')],
  };
}

/** async-mutex's documented failures of an acquire: timeout, already locked, canceled. */
function failed(lib: AsyncMutexLib): (e: unknown) => boolean {
  return (e) => lib.errors.includes(e);
}

export const asyncMutexTarget: AsyncTarget<AsyncMutexLib> = {
  kind: 'async',
  name: 'async-mutex',
  summary: 'async-mutex 0.5.0 Mutex: acquire/release, runExclusive, withTimeout, tryAcquire, priorities, waitForUnlock, cancel',
  spec: 'mutex',
  requires: ['async-mutex'],
  variants: [{ name: '0.5.0', summary: 'current release', expect: 'clean' }],
  workload: {
    threads: { min: 1, max: 3, default: 3 },
    opsPerThread: { min: 1, max: 3, default: 3 },
    opKinds: ['lock', 'release-api', 'run-exclusive', 'try-lock', 'timed-lock', 'prio-lock', 'wait-unlock', 'cancel'],
    opArgs: { 'timed-lock': fc.integer({ min: 1, max: 30 }), 'prio-lock': fc.integer({ min: -1, max: 2 }) },
  },
  prepare: () => load('async-mutex'),
  setup(_variant, _workload, prepared) {
    const m = prepared as Module;
    return { mutex: new m.Mutex(), withTimeout: m.withTimeout, tryAcquire: m.tryAcquire, errors: m.errors };
  },
  ops: {
    // a blocking acquire can still fail: another task may cancel() the mutex
    async lock(t, lib) {
      const got = await tryRecord(t, () => lib.mutex.acquire(), failed(lib));
      if (!got) return;
      await critical(t);
      await t.call('release', () => got.value());
    },
    // the alternate API: Mutex#release() instead of the scoped releaser (async-mutex #27)
    async 'release-api'(t, lib) {
      if (!(await tryRecord(t, () => lib.mutex.acquire(), failed(lib)))) return;
      await critical(t);
      await t.call('release', () => lib.mutex.release());
    },
    async 'run-exclusive'(t, lib) {
      const id = t.invoke('try-acquire');
      let rel = -1;
      try {
        await lib.mutex.runExclusive(async () => {
          t.ok(id, true);
          await critical(t);
          rel = t.invoke('release');
        });
      } catch (e) {
        if (!failed(lib)(e) || rel >= 0) throw e;
        t.ok(id, false);
        return;
      }
      t.ok(rel);
    },
    async 'try-lock'(t, lib) {
      const got = await tryRecord(t, () => lib.tryAcquire(lib.mutex).acquire(), failed(lib));
      if (!got) return;
      await critical(t);
      await t.call('release', () => got.value());
    },
    async 'timed-lock'(t, lib, arg) {
      const ms = numArg(arg, 10);
      const got = await tryRecord(t, () => lib.withTimeout(lib.mutex, ms).acquire(), failed(lib), 'try-acquire', ms);
      if (!got) return;
      await critical(t);
      await t.call('release', () => got.value());
    },
    async 'prio-lock'(t, lib, arg) {
      const got = await tryRecord(t, () => lib.mutex.acquire(numArg(arg, 0)), failed(lib), 'try-acquire', numArg(arg, 0));
      if (!got) return;
      await critical(t);
      await t.call('release', () => got.value());
    },
    // liveness only: resolves some time after the mutex is free (it may be locked again by then)
    async 'wait-unlock'(t, lib) {
      await lib.mutex.waitForUnlock();
    },
    // rejects every pending acquire with E_CANCELED; the holder keeps the mutex
    async cancel(t, lib) {
      lib.mutex.cancel();
    },
  },
  describe: (lib) => [`isLocked() = ${lib.mutex.isLocked()}`],
};
