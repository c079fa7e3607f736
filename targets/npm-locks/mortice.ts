/**
 * mortice (achingbrain/mortice): a reader-writer lock built on promise queues, judged by the
 * rwlock spec and reader-writer exclusion. Two targets:
 *
 * - `mortice`, the current release (3.3.1, ESM; it needs Promise.withResolvers, which Node 20
 *   lacks: prepare() installs the standard polyfill once): readLock/writeLock returning a
 *   release function, with AbortSignal cancellation and AbortSignal.timeout deadlines.
 * - `mortice-pr1`, https://github.com/achingbrain/mortice/pull/1 ("fix: make sure write starts
 *   only after read completes", 159af06, released in 1.2.2): in 1.2.1 the master-queue job of a
 *   read phase awaits the read queue's onIdle() before the reader was added to it, so the phase
 *   ends at once and a writer enters beside the reader. mortice 1.x wraps every operation in a
 *   documented 24 h timeout (a lease: when it fires the lock is released under the holder); the
 *   target's virtual-time horizon says no step takes that long.
 */
import { fc, type AsyncTarget, type TaskApi } from '../../harness';
import { numArg } from './client';
import { loadPackage } from './npm-package';

interface Mortice3 {
  readLock(o?: { signal?: AbortSignal }): Promise<() => void>;
  writeLock(o?: { signal?: AbortSignal }): Promise<() => void>;
  finalize(): void;
}
type Mortice3Factory = (o: { name: string; singleProcess: boolean }) => Mortice3;

async function loadMortice3(): Promise<Mortice3Factory> {
  // mortice 3 (through it-queue) calls Promise.withResolvers, new in Node 22: the spec's polyfill
  const P = Promise as unknown as { withResolvers?: () => unknown };
  P.withResolvers ??= function withResolvers<T>(this: PromiseConstructor) {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new this<T>((a, b) => { resolve = a; reject = b; });
    return { promise, resolve, reject };
  };
  const create = (await loadPackage('mortice')).default as Mortice3Factory;
  // the first mutex sets up mortice's process-wide machinery: do it here, outside any execution
  create({ name: 'lockstep-init', singleProcess: true }).finalize();
  return create;
}

const aborted = (e: unknown): boolean => e instanceof Error && (e.name === 'AbortError' || e.name === 'TimeoutError');

type Mode = 'read' | 'write';

/** One lock/unlock of mode `m`, its critical section across a step that an abort of `signal` ends. */
async function hold(t: TaskApi, l: Mortice3, m: Mode, signal?: AbortSignal, input?: unknown): Promise<void> {
  const f = signal === undefined ? `${m}-lock` : `try-${m}-lock`;
  const id = t.invoke(f, input);
  let release: () => void;
  try {
    release = await (m === 'read' ? l.readLock({ signal }) : l.writeLock({ signal }));
  } catch (e) {
    if (!aborted(e)) throw e;
    return; // cancelled while waiting: no lock taken, the outcome stays open for the checker
  }
  t.ok(id, signal === undefined ? undefined : true);
  t.enter({ mode: m === 'read' ? 'shared' : 'exclusive' });
  await t.step('inside');
  t.exit();
  await t.call(`${m}-unlock`, () => release());
}

export const morticeTarget: AsyncTarget<Mortice3> = {
  kind: 'async',
  name: 'mortice',
  summary: 'mortice 3.3.1: readLock/writeLock with AbortSignal cancellation and AbortSignal.timeout deadlines',
  spec: 'rwlock',
  requires: ['mortice'],
  variants: [{ name: '3.3.1', summary: 'current release: an abort after the grant revokes the held lock (see docs/npm-locks.md)', expect: 'violation' }],
  workload: {
    threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 },
    opKinds: ['read', 'write', 'abortable-read', 'abortable-write', 'deadline-write'],
    opArgs: { 'deadline-write': fc.integer({ min: 1, max: 30 }) },
  },
  prepare: () => loadMortice3(),
  setup(_v, _w, create) {
    const c = create as Mortice3Factory;
    // mutexes are process-wide by name: drop the previous execution's before taking a fresh one
    c({ name: 'lockstep', singleProcess: true }).finalize();
    return c({ name: 'lockstep', singleProcess: true });
  },
  ops: {
    read: (t, l) => hold(t, l, 'read'),
    write: (t, l) => hold(t, l, 'write'),
    'abortable-read': (t, l) => hold(t, l, 'read', t.abortSignal()),
    'abortable-write': (t, l) => hold(t, l, 'write', t.abortSignal()),
    'deadline-write': (t, l, arg) => hold(t, l, 'write', AbortSignal.timeout(numArg(arg, 10)), numArg(arg, 10)),
  },
};

interface Mortice1 {
  readLock<T>(fn: () => Promise<T>): Promise<T>;
  writeLock<T>(fn: () => Promise<T>): Promise<T>;
}
/** `mortice(name)`: any property key works as a name (it indexes a plain object). */
type Mortice1Factory = (name: string | symbol) => Mortice1;

/** mortice 1.x: `readLock(fn)` / `writeLock(fn)` run `fn` under the lock. */
async function hold1(t: TaskApi, l: Mortice1, m: Mode): Promise<void> {
  const id = t.invoke(`${m}-lock`);
  let rel = -1;
  await (m === 'read' ? l.readLock.bind(l) : l.writeLock.bind(l))(async () => {
    t.ok(id);
    t.enter({ mode: m === 'read' ? 'shared' : 'exclusive' });
    await t.step('inside');
    t.exit();
    rel = t.invoke(`${m}-unlock`);
  });
  t.ok(rel);
}

/**
 * mortice 1.x: load it and set up its process-wide machinery (the cluster listeners it installs
 * on the first `mortice()` call) here, outside any execution, as loadMortice3 does.
 */
async function loadMortice1(variant: string): Promise<Mortice1Factory> {
  const create = (await loadPackage(`mortice-${variant}`)).default as Mortice1Factory;
  create('lockstep-init');
  return create;
}

/**
 * The mortice 1.x pair. mortice 1.x keeps every mutex in a process-wide map by name and cannot
 * drop one: `mortice(name)` hands back the mutex an earlier execution left behind (its holder
 * stuck at a step, its queued jobs), which made executions depend on which ran before them in
 * the worker (uncontrolled nondeterminism, and one-task hangs). A counter per target object
 * was not enough: the campaign resolves a fresh target object for every batch, restarting it.
 * A Symbol is a key no other call can name, so every execution gets a fresh mutex. (The map
 * keeps each one: a few hundred bytes per execution, see docs/npm-locks.md.)
 */
export function morticePr1Target(): AsyncTarget<Mortice1> {
  return {
    kind: 'async',
    name: 'mortice-pr1',
    summary: 'mortice PR #1: a writer enters beside the first reader of a read phase (1.2.1), fixed in 1.2.2',
    spec: 'rwlock',
    requires: ['mortice-1.2.1', 'mortice-1.2.2'],
    horizonMs: 1_000_000,
    variants: [
      { name: '1.2.1', summary: 'the read phase ends before its first reader is queued: a writer overlaps it (PR #1)', expect: 'violation' },
      { name: '1.2.2', summary: 'the fix (159af06)', expect: 'clean' },
    ],
    workload: { threads: { min: 1, max: 3, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['read', 'write'] },
    prepare: loadMortice1,
    setup: (_v, _w, create) => (create as Mortice1Factory)(Symbol('lockstep')),
    ops: {
      read: (t, l) => hold1(t, l, 'read'),
      write: (t, l) => hold1(t, l, 'write'),
    },
  };
}
