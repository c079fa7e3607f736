/**
 * p-queue (sindresorhus/p-queue), a promise queue with concurrency control: judged as a
 * semaphore of `concurrency` permits (a task holds one from the moment its function starts
 * until it returns). Two targets:
 *
 * - `p-queue`, the current release (9.3.5, ESM) with concurrency 2: priorities, AbortSignal
 *   cancellation (queued and running: the task's function honours its signal, as p-queue's
 *   README asks), AbortSignal.timeout deadlines, pause/start and onIdle.
 * - `p-queue-168`, https://github.com/sindresorhus/p-queue/issues/168 ("Aborting pending and
 *   waiting tasks at the same time hangs the queue"), fixed by 8184655 in 7.3.1 (7.3.4 pinned:
 *   7.3.1's tarball has no dist/, 7.3.2/7.3.3 change only publishing). In 7.3.0 a dequeued task
 *   whose signal was aborted rejects and returns before `#next()`: its slot is never given back
 *   and, with concurrency 1, every later task waits forever.
 */
import { fc, type AsyncTarget, type TaskApi } from '../../harness';
import { numArg } from './client';
import { loadPackage } from './npm-package';

interface AddOptions { priority?: number; signal?: AbortSignal }
interface PQueueLike {
  add<T>(fn: (o: { signal?: AbortSignal }) => Promise<T>, o?: AddOptions): Promise<T>;
  pause(): void;
  start(): unknown;
  onIdle(): Promise<void>;
  readonly size: number;
  readonly pending: number;
}

async function queueClass(pkg: string): Promise<new (o: { concurrency: number }) => PQueueLike> {
  const ns = await loadPackage(pkg);
  return ns.default as new (o: { concurrency: number }) => PQueueLike;
}

const aborted = (e: unknown): boolean => e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError' || /aborted/i.test(e.message));

/**
 * One task: `try-acquire` from add() until its function starts (open when cancelled before it ran),
 * the critical section across a step that ends early when the signal aborts, `release` from the
 * function's end until add() settles.
 */
async function task(t: TaskApi, q: PQueueLike, o: AddOptions, input?: unknown): Promise<void> {
  const id = t.invoke('try-acquire', input);
  let rel = -1;
  try {
    await q.add(async ({ signal }) => {
      t.ok(id, true);
      t.enter();
      await t.step('inside', signal);
      t.exit();
      rel = t.invoke('release');
    }, o);
  } catch (e) {
    if (!aborted(e)) throw e;
    // cancelled before it ran: it took no permit, but not for want of one (the queue may be
    // paused or merely behind), so the attempt's outcome stays open for the checker. Aborted
    // while running: add() rejects at once and the function leaves at its next boundary.
    return;
  }
  t.ok(rel);
}

export const pQueueTarget: AsyncTarget<PQueueLike> = {
  kind: 'async',
  name: 'p-queue',
  summary: 'p-queue 9.3.5, concurrency 2: add with priorities, AbortSignal cancellation and AbortSignal.timeout, pause/start, onIdle',
  spec: 'semaphore:2',
  capacity: 2,
  requires: ['p-queue'],
  variants: [{ name: '9.3.5', summary: 'current release', expect: 'clean' }],
  workload: {
    threads: { min: 1, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 3 },
    opKinds: ['add', 'prio-add', 'abort-add', 'deadline-add', 'pause-start', 'on-idle'],
    opArgs: { 'prio-add': fc.integer({ min: -1, max: 2 }), 'deadline-add': fc.integer({ min: 1, max: 30 }) },
  },
  prepare: () => queueClass('p-queue'),
  setup: (_v, _w, Q) => new (Q as new (o: { concurrency: number }) => PQueueLike)({ concurrency: 2 }),
  ops: {
    add: (t, q) => task(t, q, {}),
    'prio-add': (t, q, arg) => task(t, q, { priority: numArg(arg, 0) }, { priority: numArg(arg, 0) }),
    // the workload may abort it at any later event, queued or running
    'abort-add': (t, q) => task(t, q, { signal: t.abortSignal() }),
    'deadline-add': (t, q, arg) => task(t, q, { signal: AbortSignal.timeout(numArg(arg, 10)) }, { timeout: numArg(arg, 10) }),
    async 'pause-start'(t, q) {
      q.pause();
      await t.step('paused');
      q.start();
    },
    async 'on-idle'(t, q) {
      await q.onIdle();
    },
  },
  describe: (q) => [`size = ${q.size}, pending = ${q.pending}`],
};

/** What `lockstep run` uses: a running task, an abortable queued one, a queued one (the report's scenario). */
const W168 = { ops: [['add'], ['abort-add'], ['add']] };

export const pQueue168Target: AsyncTarget<PQueueLike> = {
  kind: 'async',
  name: 'p-queue-168',
  summary: 'p-queue #168: an aborted queued task leaks its concurrency slot and the queue hangs (7.3.0), fixed in 7.3.1 (7.3.4)',
  spec: 'semaphore:1',
  requires: ['p-queue-7.3.0', 'p-queue-7.3.4'],
  variants: [
    { name: '7.3.0', summary: 'a dequeued aborted task never gives its slot back (#168)', expect: 'hang', defaultWorkload: W168 },
    { name: '7.3.4', summary: 'the fix (8184655)', expect: 'clean', defaultWorkload: W168 },
  ],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 },
    opKinds: ['add', 'abort-add'],
  },
  prepare: (variant) => queueClass(`p-queue-${variant}`),
  setup: (_v, _w, Q) => new (Q as new (o: { concurrency: number }) => PQueueLike)({ concurrency: 1 }),
  ops: {
    add: (t, q) => task(t, q, {}),
    'abort-add': (t, q) => task(t, q, { signal: t.abortSignal() }),
  },
  describe: (q) => [`size = ${q.size}, pending = ${q.pending}`],
};
