/**
 * Client-code pieces shared by the npm lock targets: what a real program does with a lock,
 * written over lockstep's task API (a step where the program would wait on I/O, critical
 * sections for the exclusion oracle, history records for the linearizability checker).
 */
import type { EnterOptions, TaskApi } from '../../harness';

/** Hold the critical section across one step: a program does I/O while it holds the lock. */
export async function critical(t: TaskApi, o: EnterOptions = {}): Promise<void> {
  t.enter(o);
  await t.step('inside');
  t.exit(o.key === undefined ? undefined : { key: o.key });
}

/**
 * Record a blocking acquire that may fail (timeout, cancellation, abort) as a try-acquire:
 * true when `acquire` resolved, false when it rejected with an error `isFailure` accepts (any
 * other rejection propagates: a crash of the operation). Returns the resolved value or undefined.
 */
export async function tryRecord<T>(t: TaskApi, acquire: () => Promise<T>, isFailure: (e: unknown) => boolean, f = 'try-acquire', input?: unknown, key?: string): Promise<{ value: T } | undefined> {
  const id = t.invoke(f, input, key);
  let value: T;
  try {
    value = await acquire();
  } catch (e) {
    if (!isFailure(e)) throw e;
    t.ok(id, false);
    return undefined;
  }
  t.ok(id, true);
  return { value };
}

/** A number argument of an operation (Workload.args), or `fallback`. */
export function numArg(arg: unknown, fallback: number): number {
  return typeof arg === 'number' ? arg : fallback;
}

/** An object argument's field, or `fallback`. */
export function field<T>(arg: unknown, key: string, fallback: T): T {
  if (typeof arg === 'object' && arg !== null && key in arg) return (arg as Record<string, T>)[key] as T;
  return fallback;
}
