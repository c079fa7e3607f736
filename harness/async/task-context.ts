import type { JsonValue } from '../target/json-value';
import type { AsyncExecution } from './async-execution';
import type { CallOptions, EnterOptions, TaskApi } from './task-api';
import type { TaskState } from './task-state';

/** Thrown into client code by a failed `t.assert` (the finding is already recorded). */
export class AssertionStop extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'LockstepAssertion';
  }
}

/** The TaskApi of one task in one execution. */
export class TaskContext implements TaskApi {
  constructor(private readonly ex: AsyncExecution, private readonly s: TaskState) {}

  get id(): number { return this.s.id; }
  get name(): string { return this.s.name; }
  get arg(): JsonValue { return this.s.arg; }

  step(label?: string, signal?: AbortSignal): Promise<void> {
    return this.ex.stepPoint(this.s, label, signal);
  }

  sleep(ms: number, label?: string): Promise<void> {
    return this.ex.sleep(this.s, ms, label);
  }

  abortSignal(label?: string): AbortSignal {
    return this.ex.abortSignal(this.s, label);
  }

  invoke(f: string, input?: unknown, key?: string): number {
    return this.ex.invoke(this.s, f, input, key);
  }

  ok(id: number, output?: unknown): void {
    this.ex.ok(this.s, id, output);
  }

  async call<T>(f: string, fn: () => T | Promise<T>, options: CallOptions<T> = {}): Promise<T> {
    const id = this.ex.invoke(this.s, f, options.input, options.key);
    const outer = this.s.openCall;
    this.s.openCall = id;
    const awaiting = this.s.awaiting;
    this.s.awaiting = `${f}(${options.input === undefined ? '' : JSON.stringify(options.input)}) to return`;
    try {
      const r = await fn();
      this.ex.ok(this.s, id, options.output ? options.output(r) : undefined);
      return r;
    } finally {
      this.s.openCall = outer;
      this.s.awaiting = awaiting;
    }
  }

  enter(options?: EnterOptions): void {
    this.ex.enter(this.s, options);
  }

  exit(options?: { readonly key?: string }): void {
    this.ex.exit(this.s, options?.key);
  }

  assert(condition: unknown, message: string): asserts condition {
    if (condition) return;
    this.ex.assertionFailed(this.s, message);
    throw new AssertionStop(message);
  }

  at(label: string): void {
    this.ex.at(this.s, label);
  }

  now(): number {
    return this.ex.timers.now;
  }
}
