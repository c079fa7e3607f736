/**
 * # The async engine: one execution of real promise-based code
 *
 * Tasks run the target's client code (one async function per operation) against a fresh lock.
 * JavaScript runs to completion, so the only places where Node itself could order things
 * differently are macrotask boundaries; those are the events of this engine:
 *
 * - `thread` i: task i's pending `t.step()` resolves (an I/O of unknown duration completed);
 * - `immediate`: the setImmediate callbacks queued so far run, in FIFO order (one check phase);
 * - `timer`: the virtual clock jumps to the earliest timer's deadline and it fires, then every
 *   other timer due at that time (one timers phase; ties in creation order). A timer that is
 *   not due yet only fires when no immediate is pending (the loop does not sleep past them);
 * - `abort` i: the oldest pending `t.abortSignal()` of task i is aborted.
 *
 * After every callback the engine awaits one real macrotask hop (real-globals.ts): every
 * microtask and process.nextTick callback runs to quiescence in Node's own order, untouched.
 * So an interleaving shown by lockstep is one Node can produce.
 *
 * **Decisions** follow the generator engine (strategy.ts): option 0 keeps running the current
 * task (the last one stepped) when it is at a step, else the natural next event (immediates,
 * then the other tasks cyclically, then the timer, then aborts); any other index while the
 * current task could step is a preemption, so shrinking toward zeros removes preemptions. With
 * one option nothing is asked or logged. HAND_OVER (or the event bound) starts the fair
 * continuation: round-robin over tasks, immediates and the timer, aborts never fired.
 *
 * **Verdicts**: violation (critical section, assertion, the target's atEnd); crash (an operation
 * threw, an exception no one caught, a rejection no one handled); hang (quiescence: no pending
 * event while a task has not finished; or no operation completed over a fair window: livelock);
 * inconclusive (the event bound of the continuation); ok. Mistakes of the target (setup throws,
 * a lock object an earlier execution already got from setup (fresh-lock.ts), an operation kind
 * without client code, nothing controlled, real timers or I/O the harness
 * cannot see, a determinism failure) are TargetErrors, never findings.
 */
import { choiceOptions } from '../runtime/choice-options';
import { HistoryRecorder } from '../runtime/history-recorder';
import { TraceRecorder } from '../runtime/trace-recorder';
import type { ExecutionOutcome, Finding, StuckThread, Verdict } from '../runtime/outcome';
import { Prng } from '../strategy/prng';
import { HAND_OVER, type ChoiceOption, type SchedulingPoint, type Strategy } from '../strategy/strategy';
import { TargetError } from '../target/target-error';
import type { Workload } from '../target/target';
import { formatOp, opArg } from '../target/workload-args';
import type { AsyncTarget } from './async-target';
import { ExclusionMonitor } from './exclusion-monitor';
import { claimFreshLock } from './fresh-lock';
import { installGlobals, reportForeign, restoreGlobals, type PatchHost } from './global-patch';
import { installProcessGuards, restoreProcessGuards, type ProcessGuardHandlers } from './process-guards';
import { macrotaskHop } from './real-globals';
import { ResourceWatch } from './resource-watch';
import { AssertionStop, TaskContext } from './task-context';
import { describeEvent } from './determinism';
import type { EnterOptions } from './task-api';
import { TaskState } from './task-state';
import { VirtualTimers, type VirtualTimer } from './virtual-timers';

/** Everything that determines one async execution (with the strategy's answers). */
export interface AsyncExecutionOptions {
  readonly target: AsyncTarget;
  readonly variant: string;
  readonly workload: Workload;
  readonly strategy: Strategy;
  /** Event bound of the strategy's prefix (default target.maxSteps ?? 2000). */
  readonly maxSteps?: number;
  /** Events of the fair continuation without a completed operation before a livelock is reported. */
  readonly fairWindow?: number;
  readonly recordTrace?: boolean;
  readonly recordCoverage?: boolean;
  /** What target.prepare(variant) returned (runAsyncExecution calls it). */
  readonly prepared?: unknown;
}

/** Default fair window of async executions (events with no operation completing). */
export const DEFAULT_ASYNC_FAIR_WINDOW = 200;

const TIMER: ChoiceOption = Object.freeze({ kind: 'timer', target: 0, slot: 0 });
const IMMEDIATE: ChoiceOption = Object.freeze({ kind: 'immediate', target: 0, slot: 0 });
/** Abort options by task, shared by every execution (frozen constants, like runtime/choice-options.ts). */
const ABORTS: readonly ChoiceOption[] = Object.freeze(Array.from({ length: 64 }, (_, i) => Object.freeze({ kind: 'abort' as const, target: i, slot: 0 })));
function abortOptions(n: number): readonly ChoiceOption[] {
  return n <= ABORTS.length ? ABORTS : [...ABORTS, ...Array.from({ length: n - ABORTS.length }, (_, i) => Object.freeze({ kind: 'abort' as const, target: ABORTS.length + i, slot: 0 }))];
}

/** One async execution; `run()` once. */
export class AsyncExecution implements PatchHost, ProcessGuardHandlers {
  readonly timers = new VirtualTimers();
  private readonly target: AsyncTarget;
  private readonly tasks: TaskState[];
  private readonly names: string[];
  private readonly threadOpts: readonly ChoiceOption[];
  private readonly abortOpts: readonly ChoiceOption[];
  private readonly history = new HistoryRecorder();
  private readonly trace: TraceRecorder | undefined;
  private readonly coverage: Set<string> | undefined;
  private readonly decisions: number[] = [];
  /** One descriptor per dispatched event: replaying the decisions must give the same list. */
  readonly events: string[] = [];
  private readonly maxSteps: number;
  private readonly fairWindow: number;
  private readonly horizon: number;
  private readonly monitor: ExclusionMonitor;
  private readonly resources = new ResourceWatch();
  /**
   * A real resource (timer, I/O) seen by the cheap poll after an event (resource-watch.ts): a
   * hint only (the host, jest or the CLI, creates some too, and whether a request is still
   * live when the engine looks depends on timing). runAsyncExecution decides by a re-run with
   * an async_hooks init hook (resource-hook.ts).
   */
  suspect: { readonly event: number; readonly what: string; readonly during: string } | undefined;
  private steps = 0;
  private clock = 0;
  private preemptions = 0;
  private current = 0;
  private runningTask = -1;
  private fair = false;
  private fairSlot = 0;
  private fairBound = 0;
  private lastProgress = 0;
  private finding: Finding | undefined;
  private verdict: Verdict = 'ok';
  private mistake: TargetError | undefined;
  private prng: Prng | undefined;
  private readonly unhandled = new Map<Promise<unknown>, { reason: unknown; event: number }>();
  private timerColumn = false;
  private lock: unknown;
  /** True while the engine itself creates its macrotask hop (not a resource of the target). */
  private hopping = false;
  /** An uncaught exception was handled: Node's own setImmediate(noop) follows. */
  private nodeImmediate = false;
  /** run() has returned: a call into this execution now comes from code a library kept (PatchHost). */
  ended = false;

  constructor(private readonly o: AsyncExecutionOptions) {
    this.target = o.target;
    const n = o.workload.ops.length;
    this.names = Array.from({ length: n }, (_, i) => `task${i}`);
    this.tasks = this.names.map((name, i) => new TaskState(i, name));
    this.threadOpts = choiceOptions('thread', n);
    this.abortOpts = abortOptions(n);
    this.trace = o.recordTrace ? new TraceRecorder() : undefined;
    this.coverage = o.recordCoverage ? new Set() : undefined;
    this.maxSteps = o.maxSteps ?? o.target.maxSteps ?? 2000;
    this.fairWindow = o.fairWindow ?? DEFAULT_ASYNC_FAIR_WINDOW;
    this.horizon = o.target.horizonMs ?? Number.POSITIVE_INFINITY;
    const cap = o.target.capacity;
    const capacity = typeof cap === 'function' ? cap(o.variant, o.workload) : cap ?? 1;
    this.monitor = new ExclusionMonitor(capacity, this.names);
  }

  /** Run to a verdict. Findings are data; a TargetError (the target's mistake) is thrown. */
  async run(): Promise<ExecutionOutcome> {
    const globals = installGlobals(this);
    const guards = installProcessGuards(this);
    try {
      this.resources.baseline();
      try {
        this.lock = this.target.setup(this.o.variant, this.o.workload, this.o.prepared);
      } catch (e) {
        throw new TargetError(`target '${this.target.name}': setup of variant '${this.o.variant}' threw ${errorText(e)}`);
      }
      const reused = claimFreshLock(this.target.name, this.o.variant, this.lock);
      if (reused !== undefined) throw reused;
      for (const s of this.tasks) void this.runTask(s);
      await this.settle('start');
      await this.loop();
    } finally {
      this.ended = true;
      restoreProcessGuards(guards);
      restoreGlobals(globals);
    }
    if (this.mistake !== undefined) throw this.mistake;
    return this.outcome();
  }

  // ---- the event loop ------------------------------------------------------------------------

  private async loop(): Promise<void> {
    for (;;) {
      if (this.stopped()) return;
      if (!this.fair && this.steps >= this.maxSteps) this.enterFair();
      if (this.fair) {
        if (this.steps - this.lastProgress >= this.fairWindow && this.unfinished() > 0) {
          return this.hang(`livelock: no operation completed in ${this.fairWindow} events of fair round-robin scheduling (timers or steps keep running)`);
        }
        if (this.steps >= this.fairBound) {
          this.verdict = 'inconclusive';
          return;
        }
      }
      // every task finished: the workload is done (pending timers, e.g. an interval, do not matter)
      if (this.unfinished() === 0) return this.quiescent();
      const opts = this.options();
      if (opts.length === 0) return this.quiescent();
      const o = opts[this.choose(opts)]!;
      await this.dispatch(o);
    }
  }

  private options(): ChoiceOption[] {
    const out: ChoiceOption[] = [];
    const n = this.tasks.length;
    const c = this.current;
    const curRunnable = this.tasks[c]?.stepResolve !== undefined;
    if (curRunnable) out.push(this.threadOpts[c]!);
    if (this.timers.immediateCount() > 0) out.push(IMMEDIATE);
    for (let k = 1; k <= n; k++) {
      const i = (c + k) % n;
      if (i !== c && this.tasks[i]!.stepResolve !== undefined) out.push(this.threadOpts[i]!);
    }
    const next = this.timers.peekTimer();
    if (next !== undefined && next.deadline <= this.horizon && (next.deadline <= this.timers.now || this.timers.immediateCount() === 0)) out.push(TIMER);
    if (!this.fair) {
      for (let k = 0; k < n; k++) {
        const i = (c + k) % n;
        if (this.tasks[i]!.aborts.length > 0) out.push(this.abortOpts[i]!);
      }
    }
    return out;
  }

  private choose(opts: readonly ChoiceOption[]): number {
    if (opts.length === 1) return 0;
    if (this.fair) return this.fairPick(opts);
    const curRunnable = this.tasks[this.current]?.stepResolve !== undefined;
    const point: SchedulingPoint = { type: 'schedule', options: opts, currentRunnable: curRunnable, current: this.current, step: this.steps, threadCount: this.tasks.length };
    const strategy: Strategy = this.o.strategy;
    let d: number;
    try {
      d = strategy.choose(point);
    } catch (e) {
      throw new Error(`strategy ${strategy.name} threw at event ${this.steps}: ${errorText(e)}`);
    }
    this.decisions.push(d);
    if (d === HAND_OVER) {
      this.enterFair();
      return this.fairPick(opts);
    }
    if (!(Number.isInteger(d) && d >= 0 && d < opts.length)) {
      throw new Error(`strategy ${strategy.name} answered ${d} at event ${this.steps} with ${opts.length} options (expected 0..${opts.length - 1} or HAND_OVER)`);
    }
    if (d !== 0 && curRunnable) this.preemptions++;
    return d;
  }

  private enterFair(): void {
    if (this.fair) return;
    this.fair = true;
    this.fairBound = this.steps + this.maxSteps + this.fairWindow;
    this.lastProgress = Math.max(this.lastProgress, this.steps);
    this.fairSlot = (this.current + 1) % Math.max(1, this.tasks.length);
    this.trace?.add(this.steps, -1, 'fair', undefined, 'fair continuation (round-robin)', undefined);
  }

  /** Fair round-robin over slots: tasks 0..n-1, then the immediates, then the timer. */
  private fairPick(opts: readonly ChoiceOption[]): number {
    const n = this.tasks.length;
    const slots = n + 2;
    for (let k = 0; k < slots; k++) {
      const s = (this.fairSlot + k) % slots;
      const idx = opts.findIndex((o) => (s < n ? o.kind === 'thread' && o.target === s : s === n ? o.kind === 'immediate' : o.kind === 'timer'));
      if (idx >= 0) {
        this.fairSlot = (s + 1) % slots;
        return idx;
      }
    }
    return 0;
  }

  private async dispatch(o: ChoiceOption): Promise<void> {
    switch (o.kind) {
      case 'thread': {
        const s = this.tasks[o.target]!;
        const resolve = s.stepResolve!;
        s.stepResolve = undefined;
        this.current = o.target;
        this.beginEvent(`s${o.target}`, o.target);
        this.trace?.add(this.steps, o.target, 'step', undefined, undefined, s.location);
        this.cover(s, s.location);
        resolve();
        await this.settle('step');
        // a task that moved is progress (timers and immediates alone are not: livelock)
        this.lastProgress = this.steps;
        return;
      }
      case 'immediate': {
        // one check phase: the immediates queued so far, in order, microtasks drained after each
        let batch = this.timers.immediateCount();
        while (batch-- > 0 && !this.stopped()) {
          const im = this.timers.takeImmediate();
          if (im === undefined) break;
          this.timerColumn = true;
          this.beginEvent(`i${im.id}`, im.owner);
          this.trace?.add(this.steps, -2, 'immediate', undefined, `#${im.id}${im.owner >= 0 ? ` (set by ${this.names[im.owner]})` : ''}`, undefined);
          this.callback(() => im.callback(...im.args), 'a setImmediate callback');
          await this.settle('immediate');
        }
        return;
      }
      case 'timer': {
        // one timers phase: the next timer, then every other timer due at that time
        let t = this.timers.takeTimer();
        const phaseTime = this.timers.now;
        while (t !== undefined) {
          await this.fire(t);
          if (this.stopped()) return;
          const next = this.timers.peekTimer();
          t = next !== undefined && next.deadline <= phaseTime ? this.timers.takeTimer() : undefined;
        }
        return;
      }
      case 'abort': {
        const s = this.tasks[o.target]!;
        const a = s.aborts.shift()!;
        this.beginEvent(`a${o.target}`, o.target);
        this.trace?.add(this.steps, o.target, 'abort', undefined, a.label, s.location);
        this.callback(() => a.controller.abort(), 'an abort listener');
        await this.settle('abort');
        return;
      }
      default:
        throw new Error(`async engine: unexpected option kind '${o.kind}'`);
    }
  }

  private async fire(t: VirtualTimer): Promise<void> {
    this.timerColumn = true;
    this.beginEvent(`t${t.id}@${this.timers.now}`, t.owner);
    this.trace?.add(this.steps, -2, 'timer', undefined, `#${t.id} ${t.label} fires at ${this.timers.now} ms${t.owner >= 0 ? ` (set by ${this.names[t.owner]})` : ''}`, undefined);
    this.callback(() => t.callback(...t.args), `a timer callback (${t.label})`);
    await this.settle('timer');
  }

  private beginEvent(descriptor: string, owner: number): void {
    this.steps++;
    this.events.push(descriptor);
    this.runningTask = owner;
  }

  /** Run a callback of the target as Node would: a throw is an uncaught exception. */
  private callback(fn: () => void, what: string): void {
    try {
      fn();
    } catch (e) {
      this.uncaught(e, what);
    }
  }

  /** Await quiescence (every microtask and nextTick), then look at what happened. */
  private async settle(after: string): Promise<void> {
    this.hopping = true;
    const hop = macrotaskHop();
    this.hopping = false;
    await hop;
    this.runningTask = -1;
    if (this.suspect !== undefined) return;
    const leak = this.resources.newRequest();
    if (leak !== undefined) this.suspect = { event: this.steps, what: leak, during: after === 'start' ? 'while the tasks started' : describeEvent(this.events[this.events.length - 1]) };
  }

  // ---- tasks ---------------------------------------------------------------------------------

  private async runTask(s: TaskState): Promise<void> {
    const ops = this.o.workload.ops[s.id]!;
    const api = new TaskContext(this, s);
    const step = this.target.stepBeforeOps !== false;
    for (let j = 0; j < ops.length; j++) {
      const kind = ops[j]!;
      const code = this.target.ops[kind];
      s.op = j;
      s.kind = kind;
      s.arg = opArg(this.o.workload, s.id, j);
      s.location = kind;
      if (code === undefined) {
        this.mistake ??= new TargetError(`target '${this.target.name}': operation '${kind}' has no client code (ops has: ${Object.keys(this.target.ops).join(', ') || 'nothing'})`);
        return;
      }
      try {
        if (step) await this.stepPoint(s, kind);
        s.opStarted = this.steps;
        await code(api, this.lock, s.arg);
      } catch (e) {
        if (e instanceof AssertionStop || this.stopped()) return;
        if (e instanceof TargetError) { this.mistake ??= e; return; }
        this.setFinding('crash', `${s.name}: operation ${formatOp(kind, s.arg)} threw ${errorText(e)}`, s, e);
        return;
      }
      s.aborts.length = 0;
      this.progress(s, `${formatOp(kind, s.arg)} done`);
    }
    s.op = ops.length;
    s.finished = true;
    s.location = 'finished';
  }

  private progress(s: TaskState, what: string): void {
    this.lastProgress = this.steps;
    this.trace?.add(this.steps, s.id, 'done', undefined, what, undefined);
  }

  // ---- the TaskApi (task-context.ts calls these) ----------------------------------------------

  /** @internal */
  stepPoint(s: TaskState, label: string | undefined, signal?: AbortSignal): Promise<void> {
    if (this.ended) this.resumedAfterEnd(s);
    if (s.stepResolve !== undefined) {
      return Promise.reject(new TargetError(`target '${this.target.name}': ${s.name} called t.step() while already waiting in a step (await each step before the next)`));
    }
    if (label !== undefined) s.location = label;
    if (signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      s.stepResolve = resolve;
      // a cancelled I/O: the step ends with the abort (the task is no longer at a step point)
      signal?.addEventListener('abort', () => {
        if (s.stepResolve !== resolve) return;
        s.stepResolve = undefined;
        resolve();
      }, { once: true });
    });
  }

  /** @internal */
  sleep(s: TaskState, ms: number, label: string | undefined): Promise<void> {
    if (this.ended) this.resumedAfterEnd(s);
    const prev = s.awaiting;
    return new Promise<void>((resolve) => {
      s.awaiting = `t.sleep(${ms})${label ? ` ${label}` : ''}`;
      this.timers.setTimer(() => { s.awaiting = prev; resolve(); }, ms, [], false, s.id, `t.sleep(${ms} ms) of ${s.name}`);
    });
  }

  /** @internal */
  abortSignal(s: TaskState, label: string | undefined): AbortSignal {
    if (this.ended) this.resumedAfterEnd(s);
    const controller = new AbortController();
    s.aborts.push({ controller, label: label ?? `abort of ${formatOp(s.kind, s.arg)}` });
    return controller.signal;
  }

  /** @internal */
  invoke(s: TaskState, f: string, input: unknown, key: string | undefined): number {
    if (this.ended) this.resumedAfterEnd(s);
    const id = this.history.invoke(s.id, f, input, key, ++this.clock);
    this.trace?.add(this.steps, s.id, 'call', key, `${f}(${input === undefined ? '' : JSON.stringify(input)})`, s.location);
    return id;
  }

  /** @internal */
  ok(s: TaskState, id: number, output: unknown): void {
    if (this.ended) this.resumedAfterEnd(s);
    const op = this.history.get(id);
    if (op === undefined || op.process !== s.id) {
      this.mistake ??= new TargetError(`target '${this.target.name}': ${s.name} called t.ok(${id}) for an operation it did not invoke`);
      return;
    }
    this.history.ok(id, output, ++this.clock);
    this.trace?.add(this.steps, s.id, 'return', op.key, `${op.f}${output === undefined ? '' : ` -> ${JSON.stringify(output)}`}`, s.location);
  }

  /** @internal */
  enter(s: TaskState, o: EnterOptions | undefined): void {
    if (this.ended) this.resumedAfterEnd(s);
    this.trace?.add(this.steps, s.id, 'enter', o?.key, o?.mode, s.location);
    this.cover(s, `enter ${s.location}`);
    const v = this.monitor.enter(s.id, o);
    if (v !== undefined) this.setFinding('violation', v, s);
  }

  /** @internal */
  exit(s: TaskState, key: string | undefined): void {
    if (this.ended) this.resumedAfterEnd(s);
    this.trace?.add(this.steps, s.id, 'exit', key, undefined, s.location);
    if (!this.monitor.exit(s.id, key)) {
      this.mistake ??= new TargetError(`target '${this.target.name}': ${s.name} called t.exit(${key === undefined ? '' : JSON.stringify({ key })}) outside the critical section (enter before exit)`);
    }
  }

  /** @internal */
  assertionFailed(s: TaskState, message: string): void {
    if (this.ended) this.resumedAfterEnd(s);
    this.trace?.add(this.steps, s.id, 'assert', undefined, `failed: ${message}`, s.location);
    this.setFinding('violation', message, s);
  }

  /** @internal */
  at(s: TaskState, label: string): void {
    if (this.ended) this.resumedAfterEnd(s);
    s.location = label;
    this.cover(s, label);
  }

  /**
   * A task of this ENDED execution runs again: a library held its continuation (a waiter queued
   * on a lock that a later execution shares) and that execution let it go on.
   */
  private resumedAfterEnd(s: TaskState): void {
    const op = formatOp(s.kind, s.arg);
    reportForeign(`${s.name} of an earlier execution (in its operation ${s.location === s.kind ? op : `${op} @ ${s.location}`})`);
  }

  /**
   * Where a resource of async_hooks `type` created now comes from (resource-hook.ts); undefined
   * for the engine's own hop and for the setImmediate(noop) by which Node's _fatalException
   * keeps the tick queue going after an uncaught exception was handled (node:internal/process/execution).
   */
  resourceSite(type: string): { readonly event: number; readonly during: string } | undefined {
    if (this.hopping) return undefined;
    if (type === 'Immediate' && this.nodeImmediate) {
      this.nodeImmediate = false;
      return undefined;
    }
    return { event: this.steps, during: this.steps === 0 ? 'while the tasks started' : describeEvent(this.events[this.events.length - 1]) };
  }

  // ---- PatchHost / ProcessGuardHandlers ------------------------------------------------------

  running(): number {
    return this.runningTask;
  }

  /** Code an ended execution left with a library ran in this one (global-patch.ts, resumedAfterEnd). */
  foreignCall(what: string): void {
    const when = this.steps === 0 ? 'while this execution started' : `during event ${this.steps} of this one (${describeEvent(this.events[this.events.length - 1])})`;
    this.mistake ??= new TargetError(
      `target '${this.target.name}' (variant '${this.o.variant}'): ${what} ran ${when}: a library kept it from that execution ` +
      '(a lock or registry shared between executions, or machinery it set up on first use inside an execution), so executions depend on the ones before them. ' +
      'setup must build a fresh lock every time; set up a library\'s process-wide state in prepare, outside any execution',
    );
  }

  /** Math.random: a stream seeded from the decision log so far, so a replay draws the same values. */
  random(): number {
    if (this.prng === undefined) {
      let h = 0x9e3779b9 ^ this.steps;
      for (const d of this.decisions) h = Math.imul(h ^ (d + 2), 0x85ebca6b) ^ (h >>> 13);
      this.prng = new Prng(h);
    }
    return this.prng.nextFloat();
  }

  unhandledRejection(reason: unknown, promise: Promise<unknown>): void {
    this.unhandled.set(promise, { reason, event: this.steps });
    // Node's default (--unhandled-rejections=throw) ends the process here: so does the execution
    if (this.finding === undefined) {
      const f = { kind: 'crash' as const, message: `a promise was rejected and not handled (event ${this.steps}): ${errorText(reason)}`, locations: ['unhandled-rejection'] };
      this.finding = reason instanceof Error && reason.stack !== undefined ? { ...f, stack: reason.stack } : f;
      this.verdict = 'crash';
    }
  }

  rejectionHandled(promise: Promise<unknown>): void {
    this.unhandled.delete(promise);
  }

  uncaughtException(error: unknown): void {
    this.nodeImmediate = true;
    this.uncaught(error, 'a callback');
  }

  private uncaught(e: unknown, what: string): void {
    if (e instanceof TargetError) { this.mistake ??= e; return; }
    if (this.finding !== undefined) return;
    const f = { kind: 'crash' as const, message: `uncaught exception in ${what} (event ${this.steps}): ${errorText(e)}`, locations: ['uncaught-exception'] };
    this.finding = e instanceof Error && e.stack !== undefined ? { ...f, stack: e.stack } : f;
    this.verdict = 'crash';
  }

  // ---- verdicts ------------------------------------------------------------------------------

  private stopped(): boolean {
    return this.finding !== undefined || this.mistake !== undefined;
  }

  private setFinding(kind: 'violation' | 'crash', message: string, s: TaskState, e?: unknown): void {
    if (this.finding !== undefined) return;
    const f: { -readonly [K in keyof Finding]: Finding[K] } = { kind, message, thread: s.id, locations: [`${s.kind}@${s.location}`] };
    if (e instanceof Error && e.stack !== undefined) f.stack = e.stack;
    this.finding = f;
    this.verdict = kind;
  }

  private unfinished(): number {
    let n = 0;
    for (const s of this.tasks) if (!s.finished) n++;
    return n;
  }

  /** Nothing can happen any more: every task finished, or the rest wait forever. */
  private quiescent(): void {
    // a real timer or handle left behind (or a task waiting on one): a hint for the re-run
    if (this.suspect === undefined) {
      const leak = this.resources.leak();
      if (leak !== undefined) this.suspect = { event: this.steps, what: leak, during: this.unfinished() === 0 ? 'at the end of the execution' : 'while tasks waited at quiescence' };
    }
    if (this.unfinished() === 0) {
      if (this.steps === 0 && this.o.workload.ops.some((r) => r.length > 0)) {
        this.mistake ??= new TargetError(`lockstep does not control this code: target '${this.target.name}' (variant '${this.o.variant}') finished without a single event the harness could schedule (no t.step(), virtual timer, setImmediate or abort signal); mark where a real program waits with await t.step()`);
        return;
      }
      const msg = this.target.atEnd?.(this.lock);
      if (msg !== undefined) {
        this.finding = { kind: 'violation', message: msg, locations: ['end'] };
        this.verdict = 'violation';
      }
      return;
    }
    const n = this.unfinished();
    this.hang(`nothing is pending (no step, timer${Number.isFinite(this.horizon) ? ` due within the ${this.horizon} ms horizon` : ''}, immediate or abort) while ${n} task${n === 1 ? ' has' : 's have'} not finished`);
  }

  private hang(message: string): void {
    const stuck: StuckThread[] = [];
    const where: string[] = [];
    for (const s of this.tasks) {
      if (s.finished) continue;
      const op = formatOp(s.kind, s.arg);
      const open = s.openCall >= 0 ? this.history.get(s.openCall) : undefined;
      const waitingFor = s.stepResolve !== undefined ? 'its next step'
        : s.awaiting !== '' ? s.awaiting
          : open !== undefined ? `${open.f}() to settle`
            : 'a promise that never settled';
      stuck.push({ thread: s.id, name: s.name, location: s.location === s.kind ? op : `${op} @ ${s.location}`, state: `in operation ${s.op + 1} since event ${s.opStarted}`, waitingFor });
      where.push(`${s.kind}@${s.location}`);
    }
    const details = [...this.monitor.describe(), ...safeDescribe(this.target, this.lock)];
    if (this.timers.timerCount() > 0) details.push(`${this.timers.timerCount()} virtual timer(s) pending at ${this.timers.now} ms`);
    this.finding = { kind: 'hang', message, locations: where.sort(), stuck, ...(details.length > 0 ? { details } : {}) };
    this.verdict = 'hang';
  }

  private cover(s: TaskState, label: string): void {
    this.coverage?.add(`${s.id}:${s.kind}:${label}`);
  }

  private outcome(): ExecutionOutcome {
    const threadNames = this.timerColumn ? [...this.names, 'timers'] : this.names;
    const trace = this.trace?.rows.map((r) => (r.thread === -2 ? { ...r, thread: this.names.length } : r));
    return {
      verdict: this.verdict,
      ...(this.finding !== undefined ? { finding: this.finding } : {}),
      history: this.history.operations(),
      ...(trace !== undefined ? { trace } : {}),
      decisions: this.decisions,
      steps: this.steps,
      preemptions: this.preemptions,
      threadNames,
      ...(this.coverage !== undefined ? { coverage: [...this.coverage] } : {}),
      events: this.events,
    };
  }
}

function safeDescribe(t: AsyncTarget, lock: unknown): string[] {
  try {
    return t.describe?.(lock) ?? [];
  } catch (e) {
    return [`(describe threw ${errorText(e)})`];
  }
}

/** `Error: message` of anything thrown. */
export function errorText(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  try {
    return typeof e === 'string' ? e : JSON.stringify(e) ?? String(e);
  } catch {
    return String(e);
  }
}
