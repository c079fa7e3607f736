/**
 * The seam between the runtime and every way of picking a schedule (Shuttle's Scheduler,
 * Coyote's strategies). The runtime describes each choice point; the strategy answers with
 * an index. A decision is relative to a canonical order in which 0 means "keep running the
 * current thread, no flush", so shrinking toward zeros removes preemptions
 * (ARCHITECTURE.md "One decision log").
 */

import type { StepLog } from './step-log';

/**
 * Kinds of options at a scheduling choice point, in canonical order. The generator engine
 * offers thread / flush / ipi, then timeout (a blocked thread's timed wait expires) and signal
 * (a blocked thread's interruptible wait is interrupted; thread-api.ts WaitOptions); the async front end offers thread (a task's pending step),
 * immediate (the next setImmediate callbacks), timer (the next virtual timer) and abort (an
 * AbortSignal the workload may fire). Strategies treat every kind but `thread` as a
 * pseudo-thread (like a store buffer).
 */
export type OptionKind = 'thread' | 'flush' | 'ipi' | 'timer' | 'immediate' | 'abort' | 'timeout' | 'signal';

/** Index of each kind (entity ids of PCT / POS: `KIND_COUNT * target + OPTION_KIND_INDEX[kind]`). */
export const OPTION_KIND_INDEX: Readonly<Record<OptionKind, number>> = { thread: 0, flush: 1, ipi: 2, timer: 3, immediate: 4, abort: 5, timeout: 6, signal: 7 };
/** Number of option kinds. */
export const KIND_COUNT = 8;

/** One option at a scheduling point. */
export interface ChoiceOption {
  readonly kind: OptionKind;
  /**
   * Thread to step / cpu whose store is flushed / cpu that takes its pending IPI /
   * blocked thread whose wait ends early (timeout, signal); for the async kinds: the task to step or whose signal is aborted, 0 for timer and immediate.
   */
  readonly target: number;
  /**
   * Flush options: which of the cpu's committable stores, oldest first (0 = the oldest store;
   * always 0 under tso, whose buffers are FIFO; arm64-lite may commit a younger store first).
   * 0 for every other kind.
   */
  readonly slot: number;
}

/**
 * A choice point. `options[0]` is the free choice: the current thread if it can step,
 * otherwise the next runnable thread in cyclic order. Any other index is a preemption when
 * `currentRunnable` holds (a flush or an early IPI costs one too, seeds-qspinlock.md 2.5).
 */
export interface SchedulingPoint {
  readonly type: 'schedule';
  readonly options: readonly ChoiceOption[];
  readonly currentRunnable: boolean;
  /** Index of the currently running thread (-1 before the first step). */
  readonly current: number;
  /** Steps executed so far in this execution. */
  readonly step: number;
  readonly threadCount: number;
  /**
   * The current thread is spinning: its last step was a spin iteration (`cpuRelax`), or it ran
   * SPIN_RUN_STEPS (64) steps in a row at choice points (a spin loop without `cpuRelax`). The
   * engine then counts no preemption for switching away from it, and exhaustive search yields
   * it for free (CHESS's fairness rule: another spin iteration with nobody else running cannot
   * change anything). Set by the engine; a test engine without it leaves the strategies to
   * count steps themselves.
   */
  readonly currentSpinning?: boolean;
}

/** A nondeterministic value requested by the model (`t.choose(n)`). */
export interface ValuePoint {
  readonly type: 'value';
  readonly n: number;
  readonly thread: number;
  readonly label?: string;
  readonly step: number;
  /**
   * Set when the choice is which committed write a load reads (arm64-lite): the index of the
   * 32-bit word read. Answer 0 = the newest readable write, k = the k-th older one. Absent
   * for `t.choose(n)`.
   */
  readonly readWord?: number;
}

export type ChoicePoint = SchedulingPoint | ValuePoint;

/** Answer meaning "the strategy's prefix is over: continue with the fair round-robin oracle". */
export const HAND_OVER = -1;

/** What a strategy learns when an execution ends. */
export interface ExecutionSummary {
  readonly steps: number;
  readonly decisions: readonly number[];
  readonly failed: boolean;
}

/**
 * A schedule-picking strategy. One instance drives a sequence of executions; it is the only
 * holder of exploration state and must be deterministic given its seed.
 */
export interface Strategy {
  readonly name: string;
  /** Prepare execution number `index`; false = nothing left to explore (exhaustive search done). */
  beginExecution(index: number): boolean;
  /** Pick an option index in [0, options.length) or a value in [0, n), or HAND_OVER. */
  choose(point: ChoicePoint): number;
  endExecution(summary: ExecutionSummary): void;
  /** For exhaustive strategies: true once the bounded space was fully explored. */
  exhausted(): boolean;
  /**
   * Optional (partial-order reduction): the log the engine fills with every step's entity and
   * accesses during each execution (step-log.ts). Asked once per execution; the strategy reads
   * it in `choose` (steps so far) and `endExecution` (the whole run).
   */
  stepLog?(): StepLog | undefined;
}
