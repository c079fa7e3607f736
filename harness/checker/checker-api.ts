import type { Operation } from '../history/operation';

/** Verdict of the linearizability checker. */
export type CheckVerdict = 'linearizable' | 'not-linearizable' | 'unknown';

/** Budget of one check; when it runs out the verdict is 'unknown', never a wrong one. */
export interface CheckBudget {
  /** Spec steps allowed over all partitions. */
  readonly maxSteps?: number;
  /** Wall-clock limit: only the CLI passes this (the checker reads the clock via an injected function). */
  readonly deadlineMs?: number;
  /**
   * The injected clock (milliseconds). `deadlineMs` is an absolute time on this clock;
   * `timeoutMs` is relative to the first reading taken when the check starts.
   */
  readonly now?: () => number;
  readonly timeoutMs?: number;
  /**
   * Memory the search may hold, in bytes (its tables exactly, its spec states estimated);
   * default {@link DEFAULT_MAX_MEMORY_BYTES}. When the next allocation would pass it, the
   * verdict is 'unknown' with `stoppedBy: 'memory'`.
   */
  readonly maxMemoryBytes?: number;
}

/**
 * Default memory budget of one check. Measured (`npm run bench -- checker`, "memory"
 * rows): a process's peak resident memory was 1.3x (cas-register) to 2.1x (queue states
 * are arrays, and every step makes one) the accounted bytes plus about 60 MB for Node
 * itself, so 256 MiB keeps a check near 600 MB, well under V8's default heap limit (2-4 GB
 * on 64-bit machines) and the 1 GB goal of issue 10.
 */
export const DEFAULT_MAX_MEMORY_BYTES = 256 * 2 ** 20;

/** Explanation of a failed check (per failing partition). */
export interface CheckExplanation {
  readonly partition?: string;
  /** Ids of the longest linearizable prefix found, in linearization order. */
  readonly longestPrefix: readonly number[];
  /** Ids of the operation(s) that cannot be placed after that prefix. */
  readonly stuck: readonly number[];
  /** The spec's reason, e.g. "read returned 3 but the register holds 1". */
  readonly reason: string;
  /** Spec state after each op of `longestPrefix` (only with `describeStates`). */
  readonly prefixStates?: readonly string[];
  /** Spec state after the whole prefix (always present). */
  readonly stateAfterPrefix?: string;
}

export interface CheckResult {
  readonly verdict: CheckVerdict;
  readonly explanation?: CheckExplanation;
  /**
   * Linearization found (ids), when linearizable: one order of the whole history that
   * respects real time (per-partition linearizations merged by locality). Absent when a
   * polynomial-time algorithm decided a partition without building one.
   */
  readonly linearization?: readonly number[];
  readonly steps: number;
  /** Spec state after each op of `linearization` (only with `describeStates`). */
  readonly linearizationStates?: readonly string[];
  /** Number of partitions, and how many were fully decided before the check stopped. */
  readonly partitions?: number;
  readonly partitionsDecided?: number;
  /** Verdict 'unknown': what ran out, and the longest prefix of the partition in progress. */
  readonly stoppedBy?: 'steps' | 'deadline' | 'memory';
  readonly progress?: CheckExplanation;
  /**
   * Algorithm(s) that decided the partitions: 'Wing & Gong search', or a polynomial-time
   * algorithm of the spec for histories of its class (e.g. 'mutex critical sections').
   */
  readonly algorithm?: string;
  /** Peak memory the search accounted (bytes; see CheckBudget.maxMemoryBytes). */
  readonly memoryBytes?: number;
  /** Initial spec state, described (HTML view). */
  readonly initialState?: string;
}

/** Options that change what the result carries, never the verdict. */
export interface CheckOptions {
  /** Describe the spec state after every op of the linearization / prefix (HTML view). */
  readonly describeStates?: boolean;
  /**
   * Only the verdict (and the explanation of a failure) is wanted: a linearizable result
   * then carries no linearization, which saves building one (the explorer checks a
   * history per execution).
   */
  readonly verdictOnly?: boolean;
}

/** The checker's entry point, as seen by the runtime and the CLI. */
export type CheckHistoryFn = (specName: string, ops: readonly Operation[], budget?: CheckBudget, options?: CheckOptions) => CheckResult;
