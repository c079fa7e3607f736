import type { Cell } from '../memory/cell';
import { OP_NAMES, OP_NONE } from './op-code';
import type { StepRequest } from './thread-api';

/** What a PrimStep needs from its thread: publish the request, then perform the effect. */
export interface PrimHost {
  readonly name: string;
  /** The primitive yields: make `p` the thread's pending request (op, cell, predicate). */
  request(p: PrimStep): void;
  /** The scheduler resumed the thread: perform `p`'s effect atomically, return its result. */
  perform(p: PrimStep): unknown;
}

const IDLE = 0;
const ARMED = 1;
const YIELDED = 2;

/**
 * The reusable iterator behind every single-yield primitive (readOnce, cmpxchg, waitUntil,
 * ...). A primitive call fills in the operands and returns this object; `yield*` then calls
 * `next()` twice: the first yields the op code (the preemption point), the second performs
 * the effect and returns the result. One PrimStep per running frame of a thread (an IPI
 * handler gets its own), and one reused result object: a step allocates neither a generator
 * nor iterator results, and the model's `yield*` resumes one level fewer. The cost is the
 * ThreadApi rule that a primitive is `yield*`-ed as soon as it is called: creating a second
 * primitive before the first ran throws (it would otherwise silently take the first one's
 * place).
 */
export class PrimStep implements Generator<StepRequest, unknown, unknown> {
  op = OP_NONE;
  cell: Cell | null = null;
  /** Operands (meaning per op code, see ThreadContext.perform). */
  a = 0;
  b = 0;
  c = 0;
  pred: ((v: number) => boolean) | null = null;
  what = '';
  private phase = IDLE;
  /** Reused iterator result: `yield*` reads it at once and the runtime reads what it re-yields. */
  private readonly res: { value: unknown; done: boolean } = { value: 0, done: false };

  constructor(private readonly host: PrimHost) {}

  /** Start a primitive `op` on `cell` with operands (a, b, c). */
  arm(op: number, cell: Cell | null, a: number, b: number, c: number): this {
    if (this.phase === ARMED) {
      throw new Error(`${this.host.name}: ${OP_NAMES[op]} was called before ${OP_NAMES[this.op]} ran: \`yield*\` every primitive of t as soon as you call it`);
    }
    this.op = op;
    this.cell = cell;
    this.a = a;
    this.b = b;
    this.c = c;
    this.phase = ARMED;
    return this;
  }

  /** Start a waitUntil (its predicate and description travel with the request; operand a = 1 for an acquire). */
  armWait(op: number, cell: Cell, pred: (v: number) => boolean, what: string, acquire = false): this {
    this.arm(op, cell, acquire ? 1 : 0, 0, 0);
    this.pred = pred;
    this.what = what;
    return this;
  }

  next(): IteratorResult<StepRequest, unknown> {
    const r = this.res;
    if (this.phase === ARMED) {
      this.phase = YIELDED;
      this.host.request(this);
      r.value = this.op;
      r.done = false;
    } else if (this.phase === YIELDED) {
      this.phase = IDLE;
      this.pred = null;
      r.value = this.host.perform(this);
      r.done = true;
    } else {
      r.value = undefined;
      r.done = true;
    }
    return r as IteratorResult<StepRequest, unknown>;
  }

  return(value: unknown): IteratorResult<StepRequest, unknown> {
    this.phase = IDLE;
    this.pred = null;
    return { value, done: true };
  }

  throw(e: unknown): IteratorResult<StepRequest, unknown> {
    this.phase = IDLE;
    this.pred = null;
    throw e;
  }

  [Symbol.iterator](): this {
    return this;
  }

  [Symbol.dispose](): void {
    this.phase = IDLE;
    this.pred = null;
  }
}
