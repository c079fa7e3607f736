/**
 * Runaway detection in the calling thread (issue 10): `run`, `replay`, `triage`,
 * `fuzz --workers 0` and test-runner integrations run target code on the main thread, where a
 * thread that never yields (a loop without a shared-memory step) would hang the process
 * forever: no timer or signal handler runs while JavaScript loops.
 *
 * A guarded section is a synchronous call inside `vm.runInContext(..., { breakOnSigint:
 * true })`, which lets a SIGINT stop the section's JavaScript and throw instead of killing the
 * process. A watchdog thread (watchdog-source.ts) watches a shared heartbeat, bumped once per
 * execution; when a section is busy and the heartbeat stands still for `timeoutMs`, it claims
 * the section and sends the SIGINT, and the section throws RunawayError. The same code runs with
 * or without the guard, so results stay deterministic.
 *
 * Sections are synchronous on purpose: stopping JavaScript while it runs microtasks would
 * corrupt Node's async-context stack, so only plain synchronous code (an execution of a
 * generator target, a whole synchronous batch) is ever stopped. Sections nest for free: an
 * execution inside a guarded batch is not a section of its own. A driver that awaits between
 * executions (shrinking) runs each execution as its own section (`wrapExecute`), which costs
 * one vm call and one short-lived helper thread (~0.05 ms of CPU) per execution. An async
 * target's steps run in macrotasks outside any section: a thread of an async target that never
 * yields is not stopped here (pool workers stop it).
 */
import * as vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { GuardInterrupted, RunawayError } from './runaway-error';
import { BUSY, GUARD_WORDS, IDLE, KILLING, W_KILLS, W_STATE, W_TIMEOUT, WATCHDOG_SOURCE } from './watchdog-source';

/** Default runaway timeout (ms), as for pool workers. */
export const DEFAULT_RUNAWAY_MS = 10_000;

/** Options of a guard. */
export interface RunawayGuardOptions {
  /** An execution that runs this long without the heartbeat moving is a runaway (ms). */
  readonly timeoutMs?: number;
  /** Words of the shared heartbeat array the drivers write (run-batch.ts layout). */
  readonly heartbeatWords?: number;
  /** The word bumped once per execution (HB_STARTED). */
  readonly beatIndex?: number;
}

/** True where the guard can stop a section (a POSIX signal reaches vm's breakOnSigint). */
export function guardSupported(): boolean {
  return process.platform !== 'win32';
}

/**
 * A watchdog thread plus a vm context; `run` executes guarded sections one at a time (the
 * main thread runs one section at a time anyway). `dispose()` stops the watchdog.
 */
export class RunawayGuard {
  /** The heartbeat drivers bump (runBatch's `heartbeat` env, or `beat()`). */
  readonly heartbeat: Int32Array;
  readonly timeoutMs: number;
  private readonly ctl: Int32Array;
  private readonly beatIndex: number;
  private readonly worker: Worker | undefined;
  private readonly context = vm.createContext({});
  private readonly script = new vm.Script('__lockstepSection()', { filename: 'lockstep-runaway-guard' });
  private busy = false;

  constructor(o: RunawayGuardOptions = {}) {
    this.timeoutMs = o.timeoutMs ?? DEFAULT_RUNAWAY_MS;
    const hbWords = o.heartbeatWords ?? 4;
    this.beatIndex = o.beatIndex ?? 0;
    const sab = new SharedArrayBuffer((hbWords + GUARD_WORDS) * 4);
    this.heartbeat = new Int32Array(sab, 0, hbWords);
    this.ctl = new Int32Array(sab, hbWords * 4, GUARD_WORDS);
    Atomics.store(this.ctl, W_TIMEOUT, this.timeoutMs);
    if (guardSupported()) {
      this.worker = new Worker(WATCHDOG_SOURCE, {
        eval: true,
        workerData: { words: sab, offset: hbWords, beatIndex: this.beatIndex, pollMs: Math.max(5, Math.min(250, Math.floor(this.timeoutMs / 8))) },
        stdout: false, stderr: false,
      });
      this.worker.unref();
    }
  }

  /** Count one execution started (drivers that do not write `heartbeat` themselves). */
  beat(): void {
    Atomics.add(this.heartbeat, this.beatIndex, 1);
  }

  /** Executions counted so far (the heartbeat). */
  beats(): number {
    return Atomics.load(this.heartbeat, this.beatIndex);
  }

  /** Sections this guard stopped as runaways. */
  kills(): number {
    return Atomics.load(this.ctl, W_KILLS);
  }

  /** True while a section runs (an inner call is then part of it). */
  inSection(): boolean {
    return this.busy;
  }

  /**
   * Run `fn` synchronously as a guarded section (or as part of the enclosing one). Returns its
   * result; throws RunawayError when the watchdog stopped it, GuardInterrupted when the user's
   * SIGINT did (the SIGINT is passed on to the process's listeners), or whatever `fn` threw.
   * An async `fn` is guarded up to its first real await.
   */
  runSync<T>(fn: () => T): T {
    if (this.worker === undefined || this.busy) return fn();
    this.busy = true;
    const ctl = this.ctl;
    const beatsBefore = Atomics.load(this.heartbeat, this.beatIndex);
    let done = false;
    let value: T | undefined;
    (this.context as Record<string, unknown>).__lockstepSection = (): void => {
      Atomics.store(ctl, W_STATE, BUSY);
      try {
        value = fn();
        done = true;
      } finally {
        // leave only if the watchdog has not claimed the section; else wait here for its signal
        if (Atomics.compareExchange(ctl, W_STATE, BUSY, IDLE) !== BUSY) for (;;) { /* stopped by the SIGINT on its way */ }
      }
    };
    try {
      this.script.runInContext(this.context, { breakOnSigint: true });
    } catch (e) {
      const claimed = Atomics.load(ctl, W_STATE) === KILLING;
      Atomics.store(ctl, W_STATE, IDLE);
      if ((e as { code?: string } | null)?.code !== 'ERR_SCRIPT_EXECUTION_INTERRUPTED') throw e;
      if (claimed && !done) throw new RunawayError(this.timeoutMs, Atomics.load(this.heartbeat, this.beatIndex) - beatsBefore);
      if (!claimed) {
        // the user's Ctrl-C: vm took it from the process's listeners, hand it back
        setImmediate(() => process.emit('SIGINT', 'SIGINT'));
        throw new GuardInterrupted();
      }
      // claimed just as the section ended: its result stands
    } finally {
      this.busy = false;
      (this.context as Record<string, unknown>).__lockstepSection = undefined;
    }
    return value as T;
  }

  /** `runSync` for a driver call that returns a promise: its synchronous part is the section. */
  run<T>(fn: () => T | Promise<T>): Promise<T> {
    try {
      return Promise.resolve(this.runSync(fn));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * An execute function whose every call beats the heartbeat and runs as a guarded section
   * (or inside the enclosing one).
   */
  wrapExecute<A extends unknown[], R>(execute: (...args: A) => R): (...args: A) => R {
    return (...args: A): R => {
      this.beat();
      return this.runSync(() => execute(...args));
    };
  }

  /** Stop the watchdog thread. */
  async dispose(): Promise<void> {
    await this.worker?.terminate();
  }
}

/** Sentinel states, re-exported for tests. */
export const GUARD_STATES = { IDLE, BUSY, KILLING } as const;
