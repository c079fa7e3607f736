import type { Operation } from '../history/operation';

/** Verdict of the linearizability checker. */
export type CheckVerdict = 'linearizable' | 'not-linearizable' | 'unknown';

/** Budget of one check; when it runs out the verdict is 'unknown', never a wrong one. */
export interface CheckBudget {
  readonly maxSteps?: number;
  /** Wall-clock limit: only the CLI passes this (the checker reads the clock via an injected function). */
  readonly deadlineMs?: number;
  readonly now?: () => number;
}

/** Explanation of a failed check (per failing partition). */
export interface CheckExplanation {
  readonly partition?: string;
  /** Ids of the longest linearizable prefix found, in linearization order. */
  readonly longestPrefix: readonly number[];
  /** Ids of the operation(s) that cannot be placed after that prefix. */
  readonly stuck: readonly number[];
  /** The spec's reason, e.g. "read returned 3 but the register holds 1". */
  readonly reason: string;
}

export interface CheckResult {
  readonly verdict: CheckVerdict;
  readonly explanation?: CheckExplanation;
  /** Linearization found (ids), when linearizable (per partition concatenated). */
  readonly linearization?: readonly number[];
  readonly steps: number;
}
