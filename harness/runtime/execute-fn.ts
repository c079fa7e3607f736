import type { ExecutionOptions } from './execution-options';
import type { ExecutionOutcome } from './outcome';

/** A value, or a promise of it: what an engine seam may return (generator engine: the value). */
export type Awaitable<T> = T | Promise<T>;

/**
 * Runs one execution. The generator engine (`runExecution`) answers synchronously; the async
 * front end answers with a promise, because its executions await real macrotask boundaries.
 * Drivers await only a promise (`isPromiseLike(r) ? await r : r`), so the generator path pays no
 * microtask per execution.
 */
export type ExecuteFn = (opts: ExecutionOptions) => Awaitable<ExecutionOutcome>;

/** True for a thenable (a promise from any realm). */
export function isPromiseLike<T>(v: Awaitable<T>): v is Promise<T> {
  return typeof v === 'object' && v !== null && typeof (v as { then?: unknown }).then === 'function';
}
