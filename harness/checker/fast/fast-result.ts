import type { Operation } from '../../history/operation';

/**
 * Verdict of a polynomial-time algorithm on one partition (local op indices). Only
 * returned when the algorithm applies to the history's shape; its verdict is then exactly
 * the general search's (fast-check properties compare both).
 */
export type FastResult =
  | {
    readonly verdict: 'linearizable';
    readonly algorithm: string;
    /** A linearization, when the algorithm builds one (ops with unknown outcome may be left out). */
    readonly order?: Int32Array;
  }
  | {
    readonly verdict: 'not-linearizable';
    readonly algorithm: string;
    /** The operation(s) whose placement is impossible, the blamed one first. */
    readonly stuck: readonly number[];
    /** Why, in the spec's terms. */
    readonly reason: string;
    /** A linearizable prefix of the history (longest the algorithm knows), when it has one. */
    readonly prefix?: Int32Array;
    /**
     * True when the reason is only a summary (e.g. "no order of the values is FIFO"):
     * the caller may then ask the general search for a concrete longest prefix.
     */
    readonly vague?: boolean;
  };

/**
 * A spec's polynomial-time checker: the result for the partition's ops, or undefined when
 * the history is outside the algorithm's class (the general search then decides).
 * `wantOrder` false: the caller needs no linearization of a linearizable partition.
 */
export type FastChecker = (ops: readonly Operation[], wantOrder: boolean) => FastResult | undefined;
