import type { Operation } from '../history/operation';
import type { FastChecker } from './fast/fast-result';

/** Returned by {@link SequentialSpec.step} when the operation cannot happen in that state. */
export const ILLEGAL: unique symbol = Symbol('illegal');

/**
 * Several possible next states (nondeterministic specs, e.g. a `signal` that may wake any
 * waiter, or a try-lock whose result is unknown). The checker tries each in order.
 */
export class Choices<S> {
  constructor(readonly states: readonly S[]) {}
}

/** Result of one sequential step: the next state, several candidates, or ILLEGAL. */
export type StepResult<S> = S | Choices<S> | typeof ILLEGAL;

/**
 * A spec whose state only grows between resets (kv: a string that appends extend and a put
 * replaces), which lets the search drop a configuration a pending read can no longer see.
 * Besides reads (`readOnly`) and resets, every op must be legal in every state and only grow
 * it (kv: append).
 */
export interface MonotoneSpec<S> {
  /** True for an op that may move the state backwards (kv: put). */
  resets(op: Operation, prepared: unknown): boolean;
  /** The state a reset op leaves, whatever the state before (kv: the put's value). */
  resetTo(op: Operation, prepared: unknown): S;
  /**
   * False only when no sequence of non-reset ops leads from `state` to a state where the
   * read-only `op` is legal (kv: the get's value does not start with the state's string).
   * May err towards true, never towards false.
   */
  canReach(state: S, op: Operation, prepared: unknown): boolean;
  /**
   * Optional: a test equivalent to "canReach(state, r) for some r of `reads`" (all the read
   * ops of one partition), faster than asking each (kv: a set of the hashes of every prefix
   * of every value read). May err towards true, never towards false.
   */
  reachesAny?(reads: readonly Operation[], prepared: readonly unknown[]): (state: S) => boolean;
}

/**
 * A sequential specification (the "model" in Porcupine's terms). States are immutable
 * values: `step` must never mutate its input (tests deep-freeze states to prove it).
 *
 * An operation whose `ret` is undefined has an unknown outcome: `step` must then accept any
 * output (the checker may also leave such an operation out entirely).
 */
export interface SequentialSpec<S = unknown> {
  readonly name: string;
  /** One-line summary shown by `lockstep check --help` and the README. */
  readonly summary: string;
  initialState(): S;
  /**
   * The sequential step. `prepared` is `prepare(op)` computed once per operation by the
   * search (hot path); other callers may omit it, so a spec with `prepare` must then
   * compute it itself.
   */
  step(state: S, op: Operation, prepared?: unknown): StepResult<S>;
  /**
   * True when `op` never changes the state: `step(s, op, prepared)` is `s` or ILLEGAL in
   * every state (a get, a read, a failed cas). The search then stops trying alternatives to
   * such an op once it was legal (Wing & Gong's search pruned by a commutation argument).
   * Only asked for operations with a known return.
   */
  readOnly?(op: Operation, prepared: unknown): boolean;
  /** The state only grows between resets: see MonotoneSpec. */
  readonly monotone?: MonotoneSpec<S>;
  /** Precompute per-operation data once (e.g. value-numbered inputs), passed to `step`. */
  prepare?(op: Operation): unknown;
  /**
   * States are small non-negative integers (value numbers): the search then uses them as
   * their own ids instead of interning them.
   */
  readonly denseStates?: boolean;
  /**
   * Hash and equality of states. Omit both when states are primitives (number, string,
   * boolean, null): the checker then interns them through a Map, which is faster.
   */
  hash?(state: S): number;
  equal?(a: S, b: S): boolean;
  /**
   * Estimated bytes of one state (memory budget); by default a generic estimate of its
   * arrays, objects and strings. Dense states cost nothing.
   */
  stateBytes?(state: S): number;
  /** Bytes held by the spec's own tables (e.g. interned strings), for the memory budget. */
  memoryBytes?(): number;
  /**
   * True when `step` never looks at `op.process` (registers, kv, queues): identical
   * operations of unknown outcome by different processes are then interchangeable.
   */
  readonly ignoresProcess?: boolean;
  /** Human-readable state (HTML view, explanations). */
  describeState(state: S): string;
  /**
   * Why `op` is illegal in `state`, e.g. "read returned 3 but the register holds 1". Only
   * called to explain a failure, never in the search.
   */
  reason?(state: S, op: Operation): string;
  /** P-compositionality (Herlihy & Wing): ops with different keys are checked apart. */
  partitionKey?(op: Operation): string;
  /**
   * Split one recorded operation into the sequential steps the spec reasons about, e.g. a
   * barrier `await` into an arrival at its call and a departure within its interval.
   * Returned parts keep the original `id`; the checker renumbers them internally.
   */
  expand?(op: Operation): readonly Operation[] | undefined;
  /**
   * A polynomial-time algorithm for the histories of this spec that have a special shape
   * (e.g. distinct values); it returns undefined for the others, which the general search
   * then checks. Called once per partition.
   */
  readonly fastCheck?: FastChecker;
  /**
   * A certain "linearizable" without search, validation or allocation, for the common
   * histories of a correct implementation (the explorer checks one per execution). True
   * only when every op is valid input (`validate` and checkHistory's own checks would
   * pass) and the history is linearizable; false = no opinion, the full check decides.
   * Returns the algorithm's name for `CheckResult.algorithm`, or undefined.
   */
  quickAccept?(ops: readonly Operation[]): string | undefined;
  /** Validate an operation's shape; a message means the history does not fit this spec. */
  validate?(op: Operation): string | undefined;
}
