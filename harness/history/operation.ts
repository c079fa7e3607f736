/**
 * One completed or pending operation of a history: the unit the linearizability checker
 * judges. Times are logical (a step counter or an event index), only their order matters.
 * Shared by the runtime (which records them) and the checker (which imports nothing else).
 */
export interface Operation {
  /** Dense index in the history, 0..n-1. */
  readonly id: number;
  /** Process (thread / client) that issued it; specs may look at it (mutex owner). */
  readonly process: number;
  /** Operation name, e.g. `acquire`, `read`, `cas`, `enqueue`. */
  readonly f: string;
  readonly input: unknown;
  /** Output; meaningless when `ret` is undefined. */
  readonly output: unknown;
  /** Invocation time. */
  readonly call: number;
  /** Return time; undefined = unknown outcome (crashed / info / never returned). */
  readonly ret: number | undefined;
  /** Partition key (kv), when the spec partitions by key. */
  readonly key?: string;
}
