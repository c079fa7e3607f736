import type { JsonValue } from '../target/json-value';

/** How a task holds a critical section (see {@link TaskApi.enter}). */
export interface EnterOptions {
  /** Independent critical sections, e.g. the key of a keyed lock (default: one section). */
  readonly key?: string;
  /**
   * `exclusive`: nobody else may be inside (a writer); `shared`: only other shared holders
   * (readers); default: `weight` units of the target's capacity (1 = mutex, k = semaphore).
   */
  readonly mode?: 'exclusive' | 'shared';
  /** Units of capacity this holder takes (default 1): a weighted semaphore's weight. */
  readonly weight?: number;
}

/** Options of {@link TaskApi.call}. */
export interface CallOptions<T> {
  /** Input recorded in the history (e.g. the timeout or the weight). */
  readonly input?: unknown;
  /** Partition key of the operation (keyed locks: each key is its own lock). */
  readonly key?: string;
  /** Output recorded from the result (default: none). */
  readonly output?: (result: T) => unknown;
}

/**
 * What the client code of one task sees: the async counterpart of the generator models'
 * ThreadApi. Everything the harness can interleave is explicit here: `step()` is where a real
 * program would wait for something of unknown duration (I/O, a reply); `sleep()` and the
 * global timers run on the virtual clock; `abortSignal()` gives a signal the strategy may
 * abort at any later macrotask boundary. Between two such events, the code runs exactly as
 * Node runs it (microtasks and process.nextTick in Node's own order).
 */
export interface TaskApi {
  /** Task index (the history's process, the column of the interleaving table). */
  readonly id: number;
  /** `task0`, `task1`, ... */
  readonly name: string;
  /**
   * A scheduling point: resolves when the strategy picks this task again. With `signal`, the
   * step also ends (resolves) when that signal aborts, as a cancelled I/O does.
   */
  step(label?: string, signal?: AbortSignal): Promise<void>;
  /** Sleep `ms` of virtual time (a virtual setTimeout). */
  sleep(ms: number, label?: string): Promise<void>;
  /** An AbortSignal the strategy may abort at any event boundary while this operation runs. */
  abortSignal(label?: string): AbortSignal;
  /** Record the invocation of `f` in the history; returns its id for {@link TaskApi.ok}. */
  invoke(f: string, input?: unknown, key?: string): number;
  /** Record the return of operation `id` with `output`. */
  ok(id: number, output?: unknown): void;
  /**
   * invoke `f`, await `fn()`, record ok with `output(result)`. When `fn` throws, the operation
   * stays open (unknown outcome for the checker) and the error propagates.
   */
  call<T>(f: string, fn: () => T | Promise<T>, options?: CallOptions<T>): Promise<T>;
  /** Enter a critical section: a violation when that breaks the target's exclusion rule. */
  enter(options?: EnterOptions): void;
  /** Leave the critical section entered with the same key. */
  exit(options?: { readonly key?: string }): void;
  /** An assertion of the client code: false = a violation finding with `message`. */
  assert(condition: unknown, message: string): void;
  /** Name the current program point (interleaving table, coverage). */
  at(label: string): void;
  /** Virtual time in ms since the execution began. */
  now(): number;
  /** The argument of the current operation (Workload.args), `null` when none. */
  readonly arg: JsonValue;
}
