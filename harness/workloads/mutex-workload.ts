import type { Cell } from '../memory/cell';
import type { ThreadApi } from '../runtime/thread-api';
import type { Instance, SetupEnv, ThreadSpec, Workload } from '../target/target';
import type { MutexImpl, Peek } from './lock-models';
import { checkOpKinds } from './workload-ops';

/** Options of {@link mutexInstance}. */
export interface MutexWorkloadOptions {
  /** Target name, for error messages. */
  readonly target: string;
  /** Thread name prefix: `cpu` for spinlocks, `task` for sleeping locks. */
  readonly threadPrefix?: string;
}

/** Per-execution state of one thread of the mutex workload. */
interface MutexThreadState {
  readonly ops: readonly string[];
  readonly impl: MutexImpl;
  readonly counter: Cell;
  readonly ghost: MutexGhost;
}

/** Ghost state of one execution (never module-level): sections entered, a way to read memory. */
interface MutexGhost {
  sections: number;
  peek: Peek | undefined;
}

/**
 * One thread of the mutex workload. Module-level on purpose: a generator function created per
 * execution gets a fresh prototype and hidden class on its first call, which keeps the
 * execution alive until a full GC and leaves every `yield*` of it uncached.
 */
function* mutexThread(t: ThreadApi, s: MutexThreadState) {
  const { ops, impl, counter, ghost } = s;
  ghost.peek ??= (c: Cell) => t.peek(c);
  for (const op of ops) {
    if (op === 'trylock' && impl.trylock) {
      t.at('trylock');
      t.invoke('try-acquire');
      const got = yield* impl.trylock(t);
      t.ok(got);
      if (!got) continue;
    } else {
      t.at('lock');
      t.invoke('acquire');
      yield* impl.lock(t);
      t.ok();
    }
    // Critical section and release are inlined (not helper generators): every yield* level
    // is re-entered on each step, and these run on every operation of every execution.
    t.at('critical section');
    t.enterCritical();
    ghost.sections++;
    const v = yield* t.readOnce(counter);
    yield* t.writeOnce(counter, v + 1);
    t.exitCritical();
    t.at('unlock');
    t.invoke('release');
    yield* impl.unlock(t);
    t.ok();
  }
  t.at('done');
}

/**
 * The lock workload every classic mutex shares. Each thread runs its operations in order:
 *
 * - `lock`: history `acquire` (call before the lock code, ok once it returns), the critical
 *   section, then history `release` around the unlock code.
 * - `trylock`: history `try-acquire` with output true/false; on success the critical
 *   section and a `release` follow.
 *
 * The critical section is the classic lost-update probe: a plain read then a plain write of
 * a shared counter, bracketed by the runtime's occupancy check (enterCritical/exitCritical).
 * At the end the counter must equal the number of critical sections entered (atEnd): this
 * also catches overlaps that the occupancy check cannot see, e.g. a stale read under tso.
 */
export function mutexInstance(env: SetupEnv, workload: Workload, impl: MutexImpl, options: MutexWorkloadOptions): Instance {
  const kinds = impl.trylock ? ['lock', 'trylock'] : ['lock'];
  checkOpKinds(options.target, workload, kinds);
  const counter = env.mem.cell('data.counter', 0);
  const prefix = options.threadPrefix ?? 'cpu';
  // The same history under sc and tso: under tso the engine returns an operation when the
  // stores its thread issued have reached memory (Burckhardt et al., ESOP 2012), so a release
  // still sitting in a store buffer has not yet returned and a trylock that fails meanwhile
  // is linearizable (before it).
  // Per-execution ghost state (never module-level): sections entered, a way to read memory.
  const ghost: MutexGhost = { sections: 0, peek: undefined };

  const threads: ThreadSpec[] = workload.ops.map((ops, i) => {
    const state: MutexThreadState = { ops, impl, counter, ghost };
    return { name: `${prefix}${i}`, body: (t: ThreadApi) => mutexThread(t, state) };
  });

  return {
    threads,
    atEnd() {
      if (!ghost.peek) return undefined;
      const got = ghost.peek(counter);
      return got === ghost.sections
        ? undefined
        : `lost update: data.counter = ${got} after ${ghost.sections} critical sections`;
    },
    describe() {
      if (!ghost.peek) return [];
      const lines = impl.describe ? impl.describe(ghost.peek) : [];
      return [...lines, `data.counter = ${ghost.peek(counter)}, critical sections entered = ${ghost.sections}`];
    },
  };
}
