import type { Operation } from '../history/operation';

interface MutableOperation {
  id: number;
  process: number;
  f: string;
  input: unknown;
  output: unknown;
  call: number;
  ret: number | undefined;
  key?: string;
}

/**
 * Records the operations of one execution (Jepsen invoke / ok). Times are step numbers:
 * `call` = the step during which the operation was invoked (0 = before the first step),
 * `ret` = the step during which it returned; operations still open at the end keep
 * `ret: undefined` (unknown outcome for the checker). Under tso an operation returns when its
 * buffered stores reach memory: at a flush step k it returns at k, at a draining step k (an
 * RMW, a fence) at k - 0.5, before the step's own effects and the calls its code makes.
 */
export class HistoryRecorder {
  private readonly ops: MutableOperation[] = [];

  invoke(process: number, f: string, input: unknown, key: string | undefined, time: number): number {
    const id = this.ops.length;
    const op: MutableOperation = { id, process, f, input, output: undefined, call: time, ret: undefined };
    if (key !== undefined) op.key = key;
    this.ops.push(op);
    return id;
  }

  /** Complete `id` with `output`; `time` undefined = not yet visible (set later by `returnAt`). */
  ok(id: number, output: unknown, time: number | undefined): void {
    const op = this.ops[id];
    op.output = output;
    op.ret = time;
  }

  /** Move the call time of `id` back to `time` if that is earlier (a load of it was performed early). */
  callNoLaterThan(id: number, time: number): void {
    const op = this.ops[id];
    if (time < op.call) op.call = time;
  }

  /** Set the return time of an operation completed earlier whose stores were still buffered. */
  returnAt(id: number, time: number): void {
    this.ops[id].ret = time;
  }

  get(id: number): Operation {
    return this.ops[id];
  }

  operations(): readonly Operation[] {
    return this.ops;
  }
}
