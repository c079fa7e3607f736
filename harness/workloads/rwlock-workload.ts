import type { Cell } from '../memory/cell';
import type { ThreadApi } from '../runtime/thread-api';
import type { Instance, SetupEnv, ThreadSpec, Workload } from '../target/target';
import type { Peek, RwLockImpl } from './lock-models';
import { checkOpKinds, readerWriterRole } from './workload-ops';

/** Ghost state of one execution (never module-level). */
interface RwGhost {
  readers: number;
  writers: number;
  writes: number;
  peek: Peek | undefined;
}

/** Per-execution state of one thread of the rwlock workload. */
interface RwThreadState {
  readonly ops: readonly string[];
  /** Thread index (decides the role of `mixed` ops). */
  readonly index: number;
  readonly impl: RwLockImpl;
  readonly counter: Cell;
  readonly ghost: RwGhost;
}

// The workload's generators are module-level and each thread binds its state with an arrow
// wrapper: a generator function created per execution gets a fresh prototype and hidden
// class on its first call, which keeps the execution alive until a full GC and leaves every
// `yield*` of it uncached.

function* rwRead(t: ThreadApi, s: RwThreadState) {
  const { impl, counter, ghost } = s;
  t.at('read_lock');
  t.invoke('read-lock');
  yield* impl.readLock(t);
  t.ok();
  t.assert(ghost.writers === 0, `reader ${t.name} entered while a writer holds the lock`);
  ghost.readers++;
  t.at('read section');
  yield* t.readOnce(counter);
  ghost.readers--;
  t.at('read_unlock');
  t.invoke('read-unlock');
  yield* impl.readUnlock(t);
  t.ok();
}

function* rwWrite(t: ThreadApi, s: RwThreadState) {
  const { impl, counter, ghost } = s;
  t.at('write_lock');
  t.invoke('write-lock');
  yield* impl.writeLock(t);
  t.ok();
  t.assert(ghost.readers === 0, `writer ${t.name} entered while ${ghost.readers} reader(s) hold the lock`);
  t.at('write section');
  t.enterCritical();
  ghost.writers++;
  ghost.writes++;
  const v = yield* t.readOnce(counter);
  yield* t.writeOnce(counter, v + 1);
  ghost.writers--;
  t.exitCritical();
  t.at('write_unlock');
  t.invoke('write-unlock');
  yield* impl.writeUnlock(t);
  t.ok();
}

/** Operation kinds of the rwlock workload: `mixed` (thread 0 writes, the others read), `read`, `write`. */
export const RWLOCK_OP_KINDS: readonly string[] = ['mixed', 'read', 'write'];

function* rwThread(t: ThreadApi, s: RwThreadState) {
  s.ghost.peek ??= (c: Cell) => t.peek(c);
  for (const op of s.ops) {
    if (readerWriterRole(op, s.index) === 'write') yield* rwWrite(t, s);
    else yield* rwRead(t, s);
  }
  t.at('done');
}

/** Options of {@link rwlockInstance}. */
export interface RwLockWorkloadOptions {
  /** Target name, for error messages. */
  readonly target: string;
  /** Thread name prefix (default `cpu`). */
  readonly threadPrefix?: string;
}

/**
 * The reader-writer lock workload. A `read` op takes the lock shared (history `read-lock`,
 * `read-unlock`) and reads the shared counter; a `write` op takes it exclusive (`write-lock`,
 * `write-unlock`) and increments the counter with a plain read and write inside the
 * occupancy check. Ghost counts of readers and writers inside catch a reader next to a
 * writer at once (ghost intervals lie inside the real hold intervals, so no false alarm).
 */
export function rwlockInstance(env: SetupEnv, workload: Workload, impl: RwLockImpl, options: RwLockWorkloadOptions): Instance {
  checkOpKinds(options.target, workload, RWLOCK_OP_KINDS);
  const prefix = options.threadPrefix ?? 'cpu';
  const counter = env.mem.cell('data.counter', 0);
  const ghost: RwGhost = { readers: 0, writers: 0, writes: 0, peek: undefined };

  const threads: ThreadSpec[] = workload.ops.map((ops, i) => {
    const state: RwThreadState = { ops, index: i, impl, counter, ghost };
    return { name: `${prefix}${i}`, body: (t: ThreadApi) => rwThread(t, state) };
  });

  return {
    threads,
    atEnd() {
      if (!ghost.peek) return undefined;
      const got = ghost.peek(counter);
      return got === ghost.writes ? undefined : `lost update: data.counter = ${got} after ${ghost.writes} write sections`;
    },
    describe() {
      if (!ghost.peek) return [];
      return [...(impl.describe ? impl.describe(ghost.peek) : []), `readers inside = ${ghost.readers}, writers inside = ${ghost.writers}`];
    },
  };
}
