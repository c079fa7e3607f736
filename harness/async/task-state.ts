import type { JsonValue } from '../target/json-value';

/** A pending abortable signal of a task (an `abort` option until fired or its operation ends). */
export interface PendingAbort {
  readonly controller: AbortController;
  readonly label: string;
}

/** The harness's view of one task of an execution (mutable, owned by the execution). */
export class TaskState {
  /** Index of the operation in progress (ops.length when finished). */
  op = -1;
  kind = '';
  arg: JsonValue = null;
  /** Resolves the pending `step()`; undefined when the task is not at a step point. */
  stepResolve: (() => void) | undefined = undefined;
  /** Label of the pending step, or of the last program point (t.at / step / op kind). */
  location = '';
  /** What the task awaits inside a t.call / t.sleep right now ('' = unknown: a promise of the lock). */
  awaiting = '';
  /** History id of the operation the task is inside (t.call), -1 when none. */
  openCall = -1;
  finished = false;
  /** Event at which the current operation started. */
  opStarted = 0;
  readonly aborts: PendingAbort[] = [];

  constructor(readonly id: number, readonly name: string) {}
}
