/**
 * locks (Wizcorp/locks): callback-based Mutex, Semaphore and ReadWriteLock whose callbacks run
 * synchronously inside lock()/unlock()/signal(). Version 0.1.0 beside 0.2.2 (current), which
 * fixed two publicly reported bugs:
 *
 * - Semaphore lost wake-up: https://github.com/Wizcorp/locks/pull/1 ("Hotfix: Wrong condition on
 *   sempahore", 26222cb) and https://github.com/Wizcorp/locks/issues/3; CHANGELOG 0.2.0
 *   "Semaphores: Deadlock fix". 0.1.0's signal() wakes a waiter only `if (count > 0)`, but
 *   while waiters are queued the count is negative: nobody is ever woken.
 * - Mutex#timedLock: https://github.com/Wizcorp/locks/pull/2 ("Mutex: timed lock error",
 *   dbb0848). 0.1.0's queued timedLock waiter, once granted, runs its callback and then always
 *   calls unlock(), handing the mutex to the next waiter while the first is still inside.
 */
import { fc, type AsyncTarget, type TaskApi } from '../../harness';
import { critical, numArg, tryRecord } from './client';
import { loadPackage } from './npm-package';

interface LocksMutex {
  lock(cb: () => void): void;
  timedLock(ms: number, cb: (err?: Error) => void): void;
  tryLock(): boolean;
  unlock(): void;
  isLocked: boolean;
}
interface LocksSemaphore {
  wait(cb: () => void): void;
  signal(): void;
}
interface LocksRwLock {
  readLock(cb: () => void): void;
  writeLock(cb: () => void): void;
  timedReadLock(ms: number, cb: (err?: Error) => void): void;
  timedWriteLock(ms: number, cb: (err?: Error) => void): void;
  tryReadLock(): boolean;
  tryWriteLock(): boolean;
  unlock(): void;
  isLocked: boolean | 'R' | 'W';
}
interface LocksModule {
  createMutex(): LocksMutex;
  createSemaphore(n: number): LocksSemaphore;
  createReadWriteLock(): LocksRwLock;
}

const VERSIONS = [
  { name: '0.1.0', pkg: 'locks-0.1.0' },
  { name: '0.2.2', pkg: 'locks' },
] as const;

async function load(variant: string): Promise<LocksModule> {
  const v = VERSIONS.find((x) => x.name === variant);
  if (v === undefined) throw new Error(`no locks version '${variant}'`);
  const ns = await loadPackage(v.pkg);
  return (ns.default ?? ns) as LocksModule;
}

const timedOut = (e: unknown): boolean => e instanceof Error && /timed out/.test(e.message);

/** A callback acquire as a promise (the callback may run synchronously, inside another task's unlock). */
function cbAcquire(start: (cb: () => void) => void): Promise<void> {
  return new Promise((resolve) => start(() => resolve()));
}
function cbTimed(start: (cb: (err?: Error) => void) => void): Promise<void> {
  return new Promise((resolve, reject) => start((err) => (err ? reject(err) : resolve())));
}

async function release(t: TaskApi, f: string, unlock: () => void): Promise<void> {
  await t.call(f, unlock);
}

/** What `lockstep run` uses for the mutex pair: a holder, a timedLock waiter, a plain waiter (PR #2's scenario). */
const W_TIMED = { ops: [['lock'], ['timed-lock'], ['lock']], args: [[null], [20], [null]] };

export const locksMutexTarget: AsyncTarget<LocksMutex> = {
  kind: 'async',
  name: 'locks-mutex',
  summary: 'locks Mutex: lock, timedLock, tryLock, unlock (0.1.0: a granted timedLock waiter unlocks at once, PR #2)',
  spec: 'mutex',
  requires: ['locks', 'locks-0.1.0'],
  variants: [
    { name: '0.1.0', summary: 'a queued timedLock waiter, when granted, calls unlock() right after its callback: two holders (PR #2)', expect: 'violation', defaultWorkload: W_TIMED },
    { name: '0.2.2', summary: 'current release, with the fix', expect: 'clean', defaultWorkload: W_TIMED },
  ],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 },
    opKinds: ['lock', 'timed-lock', 'try-lock'],
    opArgs: { 'timed-lock': fc.integer({ min: 1, max: 30 }) },
  },
  prepare: load,
  setup: (_v, _w, m) => (m as LocksModule).createMutex(),
  ops: {
    async lock(t, m) {
      await t.call('acquire', () => cbAcquire((cb) => m.lock(cb)));
      await critical(t);
      await release(t, 'release', () => m.unlock());
    },
    async 'timed-lock'(t, m, arg) {
      const ms = numArg(arg, 10);
      if (!(await tryRecord(t, () => cbTimed((cb) => m.timedLock(ms, cb)), timedOut, 'try-acquire', ms))) return;
      await critical(t);
      await release(t, 'release', () => m.unlock());
    },
    async 'try-lock'(t, m) {
      if (!(await t.call('try-acquire', () => m.tryLock(), { output: (ok) => ok }))) return;
      await critical(t);
      await release(t, 'release', () => m.unlock());
    },
  },
  describe: (m) => [`isLocked = ${m.isLocked}`],
};

export const locksSemaphoreTarget: AsyncTarget<LocksSemaphore> = {
  kind: 'async',
  name: 'locks-semaphore',
  summary: 'locks Semaphore(2): wait, signal (0.1.0: a signal never wakes a queued waiter, PR #1 / issue #3)',
  spec: 'semaphore:2',
  capacity: 2,
  requires: ['locks', 'locks-0.1.0'],
  variants: [
    { name: '0.1.0', summary: 'signal() wakes a waiter only when the count is positive, which it never is while waiters queue (PR #1)', expect: 'hang' },
    { name: '0.2.2', summary: 'current release, with the fix', expect: 'clean' },
  ],
  workload: { threads: { min: 1, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 }, opKinds: ['wait'] },
  prepare: load,
  setup: (_v, _w, m) => (m as LocksModule).createSemaphore(2),
  ops: {
    async wait(t, s) {
      await t.call('acquire', () => cbAcquire((cb) => s.wait(cb)));
      await critical(t);
      await release(t, 'release', () => s.signal());
    },
  },
};

export const locksRwLockTarget: AsyncTarget<LocksRwLock> = {
  kind: 'async',
  name: 'locks-rwlock',
  summary: 'locks ReadWriteLock 0.2.2: readLock, writeLock, timed and try variants, unlock (reader preference, documented)',
  spec: 'rwlock',
  requires: ['locks'],
  variants: [{ name: '0.2.2', summary: 'current release', expect: 'clean' }],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 },
    opKinds: ['read', 'write', 'timed-read', 'timed-write', 'try-read', 'try-write'],
    opArgs: { 'timed-read': fc.integer({ min: 1, max: 30 }), 'timed-write': fc.integer({ min: 1, max: 30 }) },
  },
  prepare: () => load('0.2.2'),
  setup: (_v, _w, m) => (m as LocksModule).createReadWriteLock(),
  ops: {
    async read(t, l) {
      await t.call('read-lock', () => cbAcquire((cb) => l.readLock(cb)));
      await critical(t, { mode: 'shared' });
      await release(t, 'read-unlock', () => l.unlock());
    },
    async write(t, l) {
      await t.call('write-lock', () => cbAcquire((cb) => l.writeLock(cb)));
      await critical(t, { mode: 'exclusive' });
      await release(t, 'write-unlock', () => l.unlock());
    },
    async 'timed-read'(t, l, arg) {
      if (!(await tryRecord(t, () => cbTimed((cb) => l.timedReadLock(numArg(arg, 10), cb)), timedOut, 'try-read-lock', numArg(arg, 10)))) return;
      await critical(t, { mode: 'shared' });
      await release(t, 'read-unlock', () => l.unlock());
    },
    async 'timed-write'(t, l, arg) {
      if (!(await tryRecord(t, () => cbTimed((cb) => l.timedWriteLock(numArg(arg, 10), cb)), timedOut, 'try-write-lock', numArg(arg, 10)))) return;
      await critical(t, { mode: 'exclusive' });
      await release(t, 'write-unlock', () => l.unlock());
    },
    async 'try-read'(t, l) {
      if (!(await t.call('try-read-lock', () => l.tryReadLock(), { output: (ok) => ok }))) return;
      await critical(t, { mode: 'shared' });
      await release(t, 'read-unlock', () => l.unlock());
    },
    async 'try-write'(t, l) {
      if (!(await t.call('try-write-lock', () => l.tryWriteLock(), { output: (ok) => ok }))) return;
      await critical(t, { mode: 'exclusive' });
      await release(t, 'write-unlock', () => l.unlock());
    },
  },
  describe: (l) => [`isLocked = ${String(l.isLocked)}`],
};
