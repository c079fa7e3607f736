import type { Expectation, Workload, WorkloadShape } from '../target/target';
import type { JsonValue } from '../target/json-value';
import type { TaskApi } from './task-api';

/** The client code of one operation kind: runs on task `t` against this execution's `lock`. */
export type AsyncOp<L> = (t: TaskApi, lock: L, arg: JsonValue) => Promise<void>;

/** A variant of an async target: a buggy or fixed class, one version of a library. */
export interface AsyncVariantSpec {
  readonly name: string;
  readonly summary: string;
  /** What the default campaign is expected to show on it (JavaScript runs under sc only). */
  readonly expect: Expectation;
  /** Workload this variant's expectation is stated for, when the shape default does not show it. */
  readonly defaultWorkload?: Workload;
}

/** Capacity of the critical section per key: 1 = mutual exclusion, k = k-exclusion (a semaphore). */
export type Capacity = number | ((variant: string, workload: Workload) => number);

/**
 * A target of the async front end (DECISIONS.md item 2): real, unmodified promise-based lock
 * code, a fresh lock per execution, and the client code of each operation kind as an async
 * function over a small task API. The harness runs it on a deterministic scheduler whose
 * choices are only at macrotask boundaries (ARCHITECTURE.md "Two front ends, one engine").
 *
 * @typeParam L - what `setup` builds (the lock, or an object holding it). The default `any`
 *   lets a target of any lock type be passed where an `AsyncTarget` is expected.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface AsyncTarget<L = any> {
  readonly kind: 'async';
  readonly name: string;
  readonly summary: string;
  readonly variants: readonly AsyncVariantSpec[];
  /** Tasks (`threads`), operations per task and their kinds and arguments. */
  readonly workload: WorkloadShape;
  /** Checker spec the history is judged against ('mutex', 'semaphore:2', 'rwlock', 'queue'...); none = no history check. */
  readonly spec?: string;
  /** Capacity of critical sections entered with the default mode (default 1). */
  readonly capacity?: Capacity;
  /** Event bound of one execution (default 2000): hitting it is inconclusive, never a bug. */
  readonly maxSteps?: number;
  /**
   * Begin every operation with a step (default true): a real program does something of unknown
   * duration between two operations, so their order across tasks is explored.
   */
  readonly stepBeforeOps?: boolean;
  /**
   * Virtual-time horizon in ms: timers due later never fire (a step never takes that long).
   * For locks with a long lease or safety timeout (e.g. mortice 1.x's 24 h per-operation
   * timeout) whose expiry is documented behaviour, not the race under test. Default: none.
   */
  readonly horizonMs?: number;
  /** npm packages the target needs; when one is not installed the target is skipped with a note. */
  readonly requires?: readonly string[];
  /**
   * Called before every execution, outside the virtual clock: load what the target needs (e.g.
   * `import()` the library version of `variant`), so that module code runs with the real
   * globals. Its value is passed to `setup`. Module loading is cached by Node, so this is cheap.
   */
  prepare?(variant: string): unknown;
  /** A fresh lock for one execution of `variant` (called with the virtual clock installed). */
  setup(variant: string, workload: Workload, prepared: unknown): L;
  /** Client code per operation kind (every kind of `workload.opKinds` needs one). */
  readonly ops: Readonly<Record<string, AsyncOp<L>>>;
  /** Checked once when every task finished: a message = violation (e.g. "lock still held"). */
  atEnd?(lock: L): string | undefined;
  /** Extra lines for hang reports (the lock's queue, its holder). */
  describe?(lock: L): string[];
}

/** True for a target of the async front end. */
export function isAsyncTarget(t: unknown): t is AsyncTarget {
  return typeof t === 'object' && t !== null && (t as { kind?: unknown }).kind === 'async';
}
