/**
 * Current releases of six more npm lock libraries, each with a workload of its main API:
 * await-lock (mutex with timeout and try-acquire), async-sema (semaphore with tryAcquire),
 * semaphore (weighted take/leave), p-limit and throat (concurrency limiters, judged as
 * semaphores of their concurrency), rwlock (keyed reader-writer lock with timeouts).
 */
import { fc, type AsyncTarget, type TaskApi } from '../../harness';
import { critical, field, numArg, tryRecord } from './client';
import { exportOf, loadPackage } from './npm-package';

const def = async <T>(pkg: string): Promise<T> => {
  const ns = await loadPackage(pkg);
  return (ns.default ?? ns) as T;
};

// ---- await-lock ------------------------------------------------------------------------------

interface AwaitLockLike {
  acquireAsync(o?: { timeout?: number }): Promise<void>;
  tryAcquire(): boolean;
  release(): void;
  readonly acquired: boolean;
}

export const awaitLockTarget: AsyncTarget<AwaitLockLike> = {
  kind: 'async',
  name: 'await-lock',
  summary: 'await-lock 3.0.0: acquireAsync (with and without timeout), tryAcquire, release',
  spec: 'mutex',
  requires: ['await-lock'],
  variants: [{ name: '3.0.0', summary: 'current release', expect: 'clean' }],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 },
    opKinds: ['lock', 'timed-lock', 'try-lock'], opArgs: { 'timed-lock': fc.integer({ min: 1, max: 30 }) },
  },
  prepare: () => def('await-lock'),
  setup: (_v, _w, L) => new (L as new () => AwaitLockLike)(),
  ops: {
    async lock(t, l) {
      await t.call('acquire', () => l.acquireAsync());
      await critical(t);
      await t.call('release', () => l.release());
    },
    async 'timed-lock'(t, l, arg) {
      const ms = numArg(arg, 10);
      if (!(await tryRecord(t, () => l.acquireAsync({ timeout: ms }), (e) => e instanceof Error && /timed out/i.test(e.message), 'try-acquire', ms))) return;
      await critical(t);
      await t.call('release', () => l.release());
    },
    async 'try-lock'(t, l) {
      if (!(await t.call('try-acquire', () => l.tryAcquire(), { output: (ok) => ok }))) return;
      await critical(t);
      await t.call('release', () => l.release());
    },
  },
  describe: (l) => [`acquired = ${l.acquired}`],
};

// ---- async-sema ------------------------------------------------------------------------------

interface SemaLike {
  acquire(): Promise<unknown>;
  tryAcquire(): unknown;
  release(token?: unknown): void;
  nrWaiting(): number;
}

export const asyncSemaTarget: AsyncTarget<SemaLike> = {
  kind: 'async',
  name: 'async-sema',
  summary: 'async-sema 3.1.1 Sema(2): acquire, tryAcquire, release with the token taken',
  spec: 'semaphore:2',
  capacity: 2,
  requires: ['async-sema'],
  variants: [{ name: '3.1.1', summary: 'current release', expect: 'clean' }],
  workload: { threads: { min: 1, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 }, opKinds: ['acquire', 'try-acquire'] },
  prepare: async () => exportOf(await loadPackage('async-sema'), 'Sema'),
  setup: (_v, _w, S) => new (S as new (n: number) => SemaLike)(2),
  ops: {
    async acquire(t, s) {
      const token = await t.call('acquire', () => s.acquire());
      await critical(t);
      await t.call('release', () => s.release(token));
    },
    async 'try-acquire'(t, s) {
      const token = await t.call('try-acquire', () => s.tryAcquire(), { output: (tok) => tok !== undefined });
      if (token === undefined) return;
      await critical(t);
      await t.call('release', () => s.release(token));
    },
  },
  describe: (s) => [`nrWaiting() = ${s.nrWaiting()}`],
};

// ---- semaphore (abrkn) -----------------------------------------------------------------------

interface SemaphoreLike {
  take(n: number, task: (leave: (n?: number) => void) => void): void;
  leave(n?: number): void;
  readonly current: number;
  readonly queue: readonly unknown[];
}

export const semaphoreTarget: AsyncTarget<SemaphoreLike> = {
  kind: 'async',
  name: 'semaphore',
  summary: 'semaphore 1.1.0 (capacity 2): weighted take/leave (a leave starts at most the head of the queue, documented)',
  spec: 'semaphore:2',
  capacity: 2,
  requires: ['semaphore'],
  variants: [{ name: '1.1.0', summary: 'current release', expect: 'clean' }],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 },
    opKinds: ['take'], opArgs: { take: fc.integer({ min: 1, max: 2 }) },
  },
  prepare: () => def('semaphore'),
  setup: (_v, _w, create) => (create as (n: number) => SemaphoreLike)(2),
  ops: {
    async take(t, s, arg) {
      const n = numArg(arg, 1);
      await t.call('acquire', () => new Promise<void>((r) => s.take(n, () => r())), { input: n });
      await critical(t, { weight: n });
      await t.call('release', () => s.leave(n), { input: n });
    },
  },
  describe: (s) => [`current = ${s.current}, queued = ${s.queue.length}`],
};

// ---- p-limit, throat -------------------------------------------------------------------------

type Limit = (<T>(fn: () => Promise<T>) => Promise<T>) & { readonly activeCount?: number; readonly pendingCount?: number };

/** A limited task: it holds one of the limiter's permits from its start to its end. */
async function limited(t: TaskApi, limit: Limit): Promise<void> {
  const id = t.invoke('acquire');
  let rel = -1;
  await limit(async () => {
    t.ok(id);
    await critical(t);
    rel = t.invoke('release');
  });
  t.ok(rel);
}

export const pLimitTarget: AsyncTarget<Limit> = {
  kind: 'async',
  name: 'p-limit',
  summary: 'p-limit 7.3.3 (concurrency 2): limited async functions, activeCount never above the limit',
  spec: 'semaphore:2',
  capacity: 2,
  requires: ['p-limit'],
  variants: [{ name: '7.3.3', summary: 'current release', expect: 'clean' }],
  workload: { threads: { min: 1, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 }, opKinds: ['run', 'run-checked'] },
  prepare: () => def('p-limit'),
  setup: (_v, _w, pLimit) => (pLimit as (n: number) => Limit)(2),
  ops: {
    run: (t, limit) => limited(t, limit),
    async 'run-checked'(t, limit) {
      await limit(async () => {
        t.assert((limit.activeCount ?? 0) <= 2, `activeCount ${limit.activeCount} above the limit 2`);
        await critical(t);
      });
    },
  },
  describe: (l) => [`activeCount = ${l.activeCount}, pendingCount = ${l.pendingCount}`],
};

export const throatTarget: AsyncTarget<Limit> = {
  kind: 'async',
  name: 'throat',
  summary: 'throat 6.0.2 (concurrency 2): limited async functions, FIFO hand-over in the releasing promise reaction',
  spec: 'semaphore:2',
  capacity: 2,
  requires: ['throat'],
  variants: [{ name: '6.0.2', summary: 'current release', expect: 'clean' }],
  workload: { threads: { min: 1, max: 4, default: 3 }, opsPerThread: { min: 1, max: 4, default: 3 }, opKinds: ['run'] },
  prepare: () => def('throat'),
  setup: (_v, _w, throat) => (throat as (n: number) => Limit)(2),
  ops: { run: (t, limit) => limited(t, limit) },
};

// ---- rwlock (71104) --------------------------------------------------------------------------

type RwCallback = (release: () => void) => void;
interface RwOptions { timeout?: number; timeoutCallback?: () => void }
interface RwLockLike {
  readLock(key: string, cb: RwCallback, o?: RwOptions): void;
  writeLock(key: string, cb: RwCallback, o?: RwOptions): void;
}

/** One rwlock operation: callbacks run synchronously; a timeout ends it through timeoutCallback. */
async function rw(t: TaskApi, l: RwLockLike, mode: 'read' | 'write', key: string, timeout?: number): Promise<void> {
  const f = timeout === undefined ? `${mode}-lock` : `try-${mode}-lock`;
  const id = t.invoke(f, timeout, key);
  const release = await new Promise<(() => void) | undefined>((resolve) => {
    const start = mode === 'read' ? l.readLock.bind(l) : l.writeLock.bind(l);
    start(key, (rel) => resolve(rel), timeout === undefined ? undefined : { timeout, timeoutCallback: () => resolve(undefined) });
  });
  if (release === undefined) {
    t.ok(id, false);
    return;
  }
  t.ok(id, timeout === undefined ? undefined : true);
  await critical(t, { key, mode: mode === 'read' ? 'shared' : 'exclusive' });
  await t.call(`${mode}-unlock`, () => release(), { key });
}

const RW_ARG = fc.record({ key: fc.constantFrom('a', 'b'), timeout: fc.integer({ min: 1, max: 30 }) });

export const rwlockTarget: AsyncTarget<RwLockLike> = {
  kind: 'async',
  name: 'npm-rwlock',
  summary: 'rwlock (npm, 71104/rwlock): keyed readLock/writeLock with timeouts; 4.0.0 leaves a timed-out waiter at the queue head (PR #3/#4), 5.0.0 removes the head instead of it (docs/npm-locks.md)',
  spec: 'rwlock',
  requires: ['rwlock', 'rwlock-4.0.0'],
  variants: [
    { name: '4.0.0', summary: 'a timed-out waiter stays at the head of the queue: everyone behind it hangs (PR #3, #4)', expect: 'hang' },
    { name: '5.0.0', summary: 'current release: the timeout handler shifts the head, which is not always the timed-out waiter', expect: 'hang' },
  ],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 },
    opKinds: ['read', 'write', 'timed-read', 'timed-write'],
    opArgs: { read: fc.constantFrom('a', 'b'), write: fc.constantFrom('a', 'b'), 'timed-read': RW_ARG, 'timed-write': RW_ARG },
  },
  prepare: (variant) => def(variant === '5.0.0' ? 'rwlock' : `rwlock-${variant}`),
  setup: (_v, _w, RW) => new (RW as new () => RwLockLike)(),
  ops: {
    read: (t, l, arg) => rw(t, l, 'read', typeof arg === 'string' ? arg : 'a'),
    write: (t, l, arg) => rw(t, l, 'write', typeof arg === 'string' ? arg : 'a'),
    'timed-read': (t, l, arg) => rw(t, l, 'read', field(arg, 'key', 'a'), field(arg, 'timeout', 10)),
    'timed-write': (t, l, arg) => rw(t, l, 'write', field(arg, 'key', 'a'), field(arg, 'timeout', 10)),
  },
};
