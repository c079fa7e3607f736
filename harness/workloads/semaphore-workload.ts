import type { Cell } from '../memory/cell';
import type { ThreadApi } from '../runtime/thread-api';
import type { Instance, SetupEnv, ThreadSpec, Workload } from '../target/target';
import type { Peek, SemaphoreImpl } from './lock-models';
import { checkOpKinds } from './workload-ops';

/** Options of {@link semaphoreInstance}. */
export interface SemaphoreWorkloadOptions {
  /** Target name, for error messages. */
  readonly target: string;
  /** Initial permits: at most this many threads hold one at a time. */
  readonly permits: number;
  /** Thread name prefix (default `task`). */
  readonly threadPrefix?: string;
}

/** Operation kinds of the semaphore workload. */
export const SEMAPHORE_OP_KINDS: readonly string[] = ['acquire', 'try-acquire'];

/** Ghost state of one execution (never module-level). */
interface SemGhost {
  inside: number;
  peek: Peek | undefined;
}

interface SemThreadState {
  readonly ops: readonly string[];
  readonly impl: SemaphoreImpl;
  readonly permits: number;
  readonly slot: Cell;
  readonly ghost: SemGhost;
}

// Module-level generator (bound per thread by an arrow): a generator function created per
// execution gets a fresh prototype and hidden class, and leaves `yield*` uncached.
function* semThread(t: ThreadApi, s: SemThreadState) {
  const { impl, ghost, permits, slot } = s;
  ghost.peek ??= (c: Cell) => t.peek(c);
  for (const op of s.ops) {
    if (op === 'try-acquire' && impl.tryAcquire) {
      t.at('try-acquire');
      t.invoke('try-acquire');
      const got = yield* impl.tryAcquire(t);
      t.ok(got);
      if (!got) continue;
    } else {
      t.at('acquire');
      t.invoke('acquire');
      yield* impl.acquire(t);
      t.ok();
    }
    t.at('holding a permit');
    ghost.inside++;
    t.assert(ghost.inside <= permits, `${ghost.inside} threads hold a permit of a semaphore with ${permits}`);
    // one step inside, so another thread can be scheduled while this one holds its permit
    yield* t.writeOnce(slot, 1);
    ghost.inside--;
    t.at('release');
    t.invoke('release');
    yield* impl.release(t);
    t.ok();
  }
  t.at('done');
}

/**
 * The counting-semaphore workload: each `acquire` op takes a permit (history `acquire`),
 * holds it for one step and gives it back (`release`); a `try-acquire` op records its
 * boolean output and, on success, holds and releases likewise. A ghost count of holders
 * catches more than `permits` threads inside at once; the history is checked against
 * `semaphore:<permits>`; at the end the semaphore must show all permits available again
 * (when the model says how many it has, `SemaphoreImpl.available`).
 */
export function semaphoreInstance(env: SetupEnv, workload: Workload, impl: SemaphoreImpl, options: SemaphoreWorkloadOptions): Instance {
  checkOpKinds(options.target, workload, impl.tryAcquire ? SEMAPHORE_OP_KINDS : SEMAPHORE_OP_KINDS.slice(0, 1));
  const prefix = options.threadPrefix ?? 'task';
  const ghost: SemGhost = { inside: 0, peek: undefined };
  const threads: ThreadSpec[] = workload.ops.map((ops, i) => {
    const state: SemThreadState = { ops, impl, permits: options.permits, slot: env.mem.cell(`${prefix}${i}.holding`, 0), ghost };
    return { name: `${prefix}${i}`, body: (t: ThreadApi) => semThread(t, state) };
  });
  return {
    threads,
    atEnd() {
      if (!ghost.peek || !impl.available) return undefined;
      const left = impl.available(ghost.peek);
      return left === options.permits ? undefined : `permits lost: ${left} available at the end, ${options.permits} at the start`;
    },
    describe() {
      if (!ghost.peek) return [];
      return [...(impl.describe ? impl.describe(ghost.peek) : []), `threads holding a permit = ${ghost.inside}`];
    },
  };
}
