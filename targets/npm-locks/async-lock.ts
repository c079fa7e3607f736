/**
 * async-lock (rogierschouten/async-lock): a keyed lock, `acquire(key | keys, fn, opts)`, where a
 * list of keys is taken one key after the other (nested). Two targets:
 *
 * - `async-lock`, the current release (1.5.0) with a realistic workload of its main API:
 *   multi-key acquires over sorted subsets of three keys, timeouts, skipQueue and maxPending.
 *   Three overlapping multi-key acquires give one key two holders (C2 in docs/npm-locks.md).
 * - `async-lock-64`, https://github.com/rogierschouten/async-lock/issues/64 ("Unexpected behavior
 *   on key array with duplicates"; History.md 1.5.0 "Fix for #64 avoid self-deadlock by
 *   deduplicating keys"): in 1.4.1 `acquire(['a','b','a'])` nests a second acquire of `a` inside
 *   the first and deadlocks with itself. Keys drawn with repetition from {a, b}, sorted (unsorted
 *   keys deadlock by lock-order inversion in every version, issue #28, documented).
 */
import { fc, type AsyncTarget, type TaskApi } from '../../harness';
import { field } from './client';
import { loadPackage } from './npm-package';

interface AsyncLockOpts { timeout?: number; maxPending?: number; skipQueue?: boolean }
interface AsyncLockLike {
  acquire<T>(key: string | string[], fn: () => Promise<T>, opts?: AsyncLockOpts): Promise<T>;
  isBusy(key?: string): boolean;
}

async function lockClass(pkg: string): Promise<new (o?: AsyncLockOpts) => AsyncLockLike> {
  const ns = await loadPackage(pkg);
  return (ns.default ?? ns) as new (o?: AsyncLockOpts) => AsyncLockLike;
}

/** Documented failures of an acquire: a timeout or a full queue (maxPending). */
const failure = (e: unknown): boolean => e instanceof Error && /timed out in queue|Too many pending tasks/.test(e.message);

/**
 * One keyed acquire: `acquire` (or `try-acquire` when it may fail) per distinct key in the
 * history, the critical section of every key held across a step, `release` per key.
 */
async function keyed(t: TaskApi, lock: AsyncLockLike, keys: readonly string[], opts: AsyncLockOpts | undefined, mayFail: boolean): Promise<void> {
  const distinct = [...new Set(keys)];
  const f = mayFail ? 'try-acquire' : 'acquire';
  const ids = distinct.map((k) => t.invoke(f, opts?.timeout, k));
  let rel: number[] = [];
  try {
    await lock.acquire(keys.length === 1 ? keys[0]! : [...keys], async () => {
      for (const id of ids) t.ok(id, mayFail ? true : undefined);
      for (const k of distinct) t.enter({ key: k });
      await t.step('inside');
      for (const k of distinct) t.exit({ key: k });
      rel = distinct.map((k) => t.invoke('release', undefined, k));
    }, opts);
  } catch (e) {
    if (!mayFail || !failure(e) || rel.length > 0) throw e;
    // one key: it was not taken. Several: the first ones may have been held by this task for a
    // while before the failure (async-lock nests them), so their outcome is left unknown
    if (ids.length === 1) t.ok(ids[0]!, false);
    return;
  }
  for (const id of rel) t.ok(id);
}

const keysArg = (arg: unknown): string[] => (Array.isArray(arg) ? (arg as string[]) : field(arg, 'keys', ['a']));

/** Non-empty sorted subsets of {a, b, c} (fc.subarray keeps the order, and shrinks without context). */
const KEYS = fc.subarray(['a', 'b', 'c'], { minLength: 1 });

/**
 * The workload of the double grant (docs/npm-locks.md C2): releasing [a, b, c] deletes the empty
 * queue of c, then hands a to [a, c], which re-creates it and takes c, and b to [b, c], which
 * queues on the new queue; the release of c then grants it to [b, c] as well. Not found in the
 * issue tracker; the same root cause as rain1017/async-lock#2 (0.3.8's TypeError).
 */
const W_C2 = { ops: [['lock'], ['lock'], ['lock']], args: [[['a', 'b', 'c']], [['b', 'c']], [['a', 'c']]] };

export const asyncLockTarget: AsyncTarget<AsyncLockLike> = {
  kind: 'async',
  name: 'async-lock',
  summary: 'async-lock 1.5.0: keyed and multi-key acquire (sorted subsets of a, b, c), timeout, skipQueue, maxPending',
  spec: 'mutex',
  requires: ['async-lock'],
  variants: [{ name: '1.5.0', summary: 'current release: a key gets two holders when three multi-key acquires overlap (docs/npm-locks.md C2)', expect: 'violation', defaultWorkload: W_C2 }],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 },
    opKinds: ['lock', 'timed-lock', 'skip-queue', 'bounded'],
    opArgs: {
      lock: KEYS,
      'timed-lock': fc.record({ keys: KEYS, timeout: fc.integer({ min: 1, max: 30 }) }),
      'skip-queue': KEYS,
      bounded: KEYS,
    },
  },
  prepare: () => lockClass('async-lock'),
  setup: (_v, _w, L) => new (L as new () => AsyncLockLike)(),
  ops: {
    lock: (t, l, arg) => keyed(t, l, keysArg(arg), undefined, false),
    'timed-lock': (t, l, arg) => keyed(t, l, keysArg(arg), { timeout: field(arg, 'timeout', 10) }, true),
    // documented: skipQueue puts the task at the head of the queue (LIFO among skippers)
    'skip-queue': (t, l, arg) => keyed(t, l, keysArg(arg), { skipQueue: true }, false),
    // at most one task waiting per key: a second waiter is rejected
    bounded: (t, l, arg) => keyed(t, l, keysArg(arg), { maxPending: 1 }, true),
  },
  describe: (l) => [`busy: ${['a', 'b', 'c'].filter((k) => l.isBusy(k)).join(', ') || 'none'}`],
};

/** Sorted key lists of length 1..3 over {a, b}, repetition allowed (constantFrom shrinks toward the first). */
const DUP_KEYS = fc.constantFrom(['a'], ['b'], ['a', 'b'], ['a', 'a'], ['b', 'b'], ['a', 'a', 'b'], ['a', 'b', 'b'], ['a', 'a', 'a'], ['b', 'b', 'b']);

/** What `lockstep run` uses: the report's repeated key beside a plain acquirer of it. */
const W64 = { ops: [['lock'], ['lock']], args: [[['a', 'b', 'b']], [['b']]] };

export const asyncLock64Target: AsyncTarget<AsyncLockLike> = {
  kind: 'async',
  name: 'async-lock-64',
  summary: 'async-lock #64: a key repeated in a multi-key acquire deadlocks the caller with itself (1.4.1), fixed in 1.5.0',
  spec: 'mutex',
  requires: ['async-lock', 'async-lock-1.4.1'],
  variants: [
    { name: '1.4.1', summary: 'acquire([a, b, a]) nests a second acquire of a inside the first (#64)', expect: 'hang', defaultWorkload: W64 },
    { name: '1.5.0', summary: 'the fix: keys are deduplicated', expect: 'clean', defaultWorkload: W64 },
  ],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 },
    opKinds: ['lock'], opArgs: { lock: DUP_KEYS },
  },
  prepare: (variant) => lockClass(variant === '1.5.0' ? 'async-lock' : `async-lock-${variant}`),
  setup: (_v, _w, L) => new (L as new () => AsyncLockLike)(),
  ops: { lock: (t, l, arg) => keyed(t, l, keysArg(arg), undefined, false) },
  describe: (l) => [`busy: ${['a', 'b'].filter((k) => l.isBusy(k)).join(', ') || 'none'}`],
};
