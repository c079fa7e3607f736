import type { Cell } from '../memory/cell';
import type { WordCellAllocator } from '../memory/cell-allocator';
import { isMemoryModelName, MEMORY_MODELS, type MemoryKnobs, type MemoryModel } from '../memory/memory-model';
import type { PoolState } from '../memory/pool-state';
import { createMemoryModel } from '../memory/create-memory-model';
import { Arm64LiteMemory } from '../memory/arm64-lite-memory';
import { BLOCK_FUTEX, BLOCK_NONE, BLOCK_SLEEP, blockStateName } from '../kernel/block-kind';
import { KernelState } from '../kernel/kernel-state';
import { CriticalSectionMonitor } from '../oracle/critical-section-monitor';
import { LivenessMonitor } from '../oracle/liveness-monitor';
import { deadlockFinding, hangFinding } from '../oracle/liveness-findings';
import { assertionFinding, atEndFinding, crashFinding, invariantFinding } from '../oracle/safety-findings';
import type { ChoiceOption, Strategy } from '../strategy/strategy';
import { entityOf, MODE_CALL, MODE_READ, MODE_RETURN, MODE_WRITE, type StepLog } from '../strategy/step-log';
import { HAND_OVER } from '../strategy/strategy';
import type { Instance } from '../target/target';
import { CoverageRecorder } from './coverage-recorder';
import type { ExecutionOptions } from './execution-options';
import { HarnessFault } from './harness-fault';
import { TargetError } from '../target/target-error';
import { threadBodyProblem } from './thread-body-check';
import { HistoryRecorder } from './history-recorder';
import { OP_NAMES, OP_NONE, OP_RELAX, OP_RESUME, OP_WAIT, OP_WAIT_ALL } from './op-code';
import { recordPending } from './pending-lookahead';
import type { ExecutionOutcome, Finding, Verdict } from './outcome';
import type { IpiHandler } from './thread-api';
import { ThreadContext } from './thread-context';
import { HeapMonitor } from './heap-monitor';
import { EARLY_SIGNAL, EARLY_TIMEOUT, WAKE_SIGNAL, WAKE_TIMEOUT } from './early-wake';
import { PrimStep } from './prim-step';
import { asNativeGenerator, GENERATOR_NEXT } from './generator-next';
import { TraceRecorder } from './trace-recorder';
import { formatValue } from './value-format';
import { RmwOperands } from './rmw-operands';
import { choiceOptions, flushSlotOption } from './choice-options';
import { FairRoundRobin } from './fair-round-robin';
import { collectStuckThreads } from './stuck-threads';


/** observeCycle's answers besides the loop's locations. */
const STOPPED = 0;
const PROGRESSED = 1;
/** Steps per thread a livelock is observed for to collect the points of its loop. */
const OBSERVE_STEPS_PER_THREAD = 64;
/**
 * A thread that ran this many steps in a row at choice points with something else to run is
 * taken to be spinning (a `cpuRelax`-less loop over several cells, e.g. Peterson): switching
 * away from it is a spin yield, not a preemption, and exhaustive search yields it for free
 * (CHESS's fair scheduler, Musuvathi & Qadeer PLDI 2007). Longer than any operation of the
 * built-in targets without a spin.
 */
export const SPIN_RUN_STEPS = 64;

/** `blame` while the strategy runs: its exceptions are harness faults, not target crashes. */
const BLAME_STRATEGY = -2;

/** Thrown through the model's generator to stop it at a failed assertion. */
class StopExecution {}

interface MutableSchedulingPoint {
  type: 'schedule';
  options: ChoiceOption[];
  currentRunnable: boolean;
  currentSpinning: boolean;
  current: number;
  step: number;
  threadCount: number;
}

interface MutableValuePoint {
  type: 'value';
  n: number;
  thread: number;
  label?: string;
  step: number;
  readWord?: number;
}

/**
 * The state of one execution and the actions of its steps. `runExecution` (execute.ts) builds
 * it and drives `run()`. Thread contexts call back into it for memory, kernel, history and
 * oracle services. See execute.ts for the step and decision model.
 */
export class Execution {
  readonly threads: ThreadContext[] = [];
  readonly n: number;
  readonly names: string[];
  readonly mem: MemoryModel;
  /** The same object as `mem` under arm64-lite (loads with read choices, barriers), else null. */
  readonly weak: Arm64LiteMemory | null;
  readonly kernel: KernelState;
  readonly knobs: Readonly<MemoryKnobs>;
  readonly tracing: boolean;
  readonly rmw = new RmwOperands();
  /**
   * The step log of a strategy that reduces by partial order (null otherwise): every step's
   * entity and accesses (strategy/step-log.ts). `sharedGhost`: the target's free code may share
   * JS state between threads (Target.ghostState), so every thread step is visible.
   */
  readonly log: StepLog | null;
  private readonly sharedGhost: boolean;
  /** Node pools of this execution (null when the setup made none: then accesses are not checked). */
  private readonly heap: HeapMonitor | null = null;
  /** `heap.freedWord` (1 = a word of a node that is not allocated), or null: the per-access check. */
  readonly heapWords: Uint8Array | null = null;
  /** Threads blocked in a wait that may end early (WaitOptions): > 0 adds timeout/signal options. */
  private earlyBlocked = 0;
  /** Target.progress 'explicit': history returns are no progress events. */
  private readonly explicitProgress: boolean;
  private readonly trace: TraceRecorder | null;
  private readonly coverage: CoverageRecorder | null;
  private readonly history = new HistoryRecorder();
  /**
   * Operations that returned while their thread still had buffered stores (tso): flat triples
   * (op id, cpu, committed count needed). Such an operation returns, for the checker, when
   * those stores reach memory: an unlock on x86 takes effect when its store is visible, so a
   * trylock that fails after the unlock "returned" but before the store landed is no bug.
   */
  private readonly unsettled: number[] = [];
  /** Used length of `unsettled` (the array itself never shrinks: a length write is a runtime call). */
  private unsettledLen = 0;
  private readonly critical: CriticalSectionMonitor;
  /** Created when the fair continuation starts (most executions of a search end before). */
  private liveness: LivenessMonitor | null = null;
  private readonly strategy: Strategy;
  /** For messages about mistakes in the target. */
  private readonly targetName: string;
  private readonly variant: string;
  private readonly maxSteps: number;
  private readonly fairWindow: number;

  /** Steps executed; during a step, its 1-based number (history and trace time). */
  step = 0;
  current = -1;
  fair = false;
  readonly decisions: number[] = [];
  /**
   * Switches away from a thread that could have continued (issue 13 item 5): at a choice of
   * the strategy or in the fair continuation, an option other than the running thread while
   * it is runnable and not spinning (`spinning()`); see `preemptionsReported`.
   */
  preemptions = 0;
  /** `preemptions` at the last progress event: a hang judged by the fair window counts up to there. */
  private preemptionsAtProgress = 0;
  /** The finding is a hang judged after a window without progress (its count stops at the last progress). */
  private hangByWindow = false;
  /** Spin detection at choice points (see SPIN_RUN_STEPS): the thread running and since which step. */
  private runThread = -1;
  private runStart = 0;
  finding: Finding | undefined;
  private verdict: Verdict = 'ok';
  /** Threads whose running frame (body or IPI handler) has not returned. */
  private liveCount = 0;
  private lastProgress = 0;
  /** Kernel-visible events (progress, block, wake, IPI, ...): spin quiescence compares it. */
  private events = 0;
  /** Thread whose code is running (crash attribution); -1 = harness or instance hooks. */
  private blame = -1;

  // reused scheduling structures (strategies must not keep them across calls): options are
  // collected in `scratch`, then copied into the pooled array of exactly that length, because
  // strategies read `options.length` and resizing one array costs more than the copy
  private scratch: ChoiceOption[];
  private readonly bySize: ChoiceOption[][] = [];
  readonly threadOpts: readonly ChoiceOption[];
  readonly flushOpts: readonly ChoiceOption[];
  readonly ipiOpts: readonly ChoiceOption[];
  /** Options of early wake-ups (WaitOptions), set up by the first wait that accepts one. */
  timeoutOpts: readonly ChoiceOption[] = [];
  private signalOpts: readonly ChoiceOption[] = [];
  private readonly point: MutableSchedulingPoint;
  private readonly valuePoint: MutableValuePoint = { type: 'value', n: 0, thread: 0, label: undefined, step: 0, readWord: undefined };
  /** Created when the fair continuation starts. */
  private fairRR: FairRoundRobin | null = null;

  constructor(
    opts: ExecutionOptions,
    private readonly alloc: WordCellAllocator,
    private readonly instance: Instance,
    handlers: readonly (readonly [number, IpiHandler])[],
  ) {
    const specs = instance.threads;
    this.n = specs.length;
    this.names = specs.map((s, i) => s.name ?? `t${i}`);
    this.knobs = opts.knobs;
    this.targetName = opts.target.name;
    this.variant = opts.variant;
    this.strategy = opts.strategy;
    this.maxSteps = opts.maxSteps ?? opts.target.maxSteps ?? 2000;
    this.fairWindow = opts.fairWindow ?? 2000;
    if (!(Number.isInteger(this.maxSteps) && this.maxSteps >= 0)) throw new HarnessFault('bad-options', `maxSteps must be a natural number, got ${this.maxSteps}`);
    if (!(Number.isInteger(this.fairWindow) && this.fairWindow > 0)) throw new HarnessFault('bad-options', `fairWindow must be a positive integer, got ${this.fairWindow}`);
    if (!isMemoryModelName(opts.memory)) throw new HarnessFault('bad-options', `unknown memory model '${String(opts.memory)}' (expected ${MEMORY_MODELS.join(', ')})`);
    this.mem = createMemoryModel(opts.memory, alloc.initialWords(), this.n, () => this.step);
    this.weak = this.mem instanceof Arm64LiteMemory ? this.mem : null;
    this.log = typeof opts.strategy.stepLog === 'function' ? opts.strategy.stepLog() ?? null : null;
    this.sharedGhost = !('ghostState' in opts.target && opts.target.ghostState === 'per-thread');
    if (this.log !== null) {
      if (this.weak !== null) throw new HarnessFault('bad-options', `partial-order reduction does not support the ${opts.memory} memory model (its read choices and commit order are not in the dependency relation yet); use plain bounded search`);
      this.log.reset(this.n, alloc.wordCount);
      this.mem.setAccessSink(this.log);
    }
    this.kernel = new KernelState(this.n);
    for (const [v, h] of handlers) this.kernel.ipi.register(v, h);
    this.tracing = opts.recordTrace === true;
    this.trace = this.tracing ? new TraceRecorder() : null;
    this.coverage = opts.recordCoverage === true ? new CoverageRecorder(this.n) : null;
    this.critical = new CriticalSectionMonitor(this.names);
    this.explicitProgress = 'progress' in opts.target && opts.target.progress === 'explicit';
    if (alloc.pools.length > 0) {
      this.heap = new HeapMonitor(alloc.pools, alloc.wordCount, (id) => this.threadName(id));
      this.heapWords = this.heap.freedWord;
    }
    for (let i = 0; i < this.n; i++) this.threads.push(new ThreadContext(this, i, this.names[i]));
    this.threadOpts = choiceOptions('thread', this.n);
    this.flushOpts = choiceOptions('flush', this.n);
    this.ipiOpts = choiceOptions('ipi', this.n);
    // at most one option per thread, flush and IPI (and, once a wait accepts an early wake-up,
    // per timeout and signal: growEarly): allocated at full size, so the per-step stores stay
    // in bounds of one elements kind (no growth, no transitions)
    this.scratch = new Array<ChoiceOption>(3 * this.n).fill(this.threadOpts[0]);
    this.point = { type: 'schedule', options: this.scratch, currentRunnable: false, currentSpinning: false, current: -1, step: 0, threadCount: this.n };
  }

  // ---- driving ---------------------------------------------------------------------------

  /** Run to a verdict. Findings are data; only HarnessFault escapes. */
  run(): void {
    try {
      this.prime();
      if (this.finding === undefined && !this.invariantHolds()) return;
      if (this.finding === undefined) this.loop();
    } catch (e) {
      // a step stopped by an assertion or a crash still counts as a step of the log
      if (this.log !== null) this.log.closeStep();
      if (e instanceof StopExecution) return;
      // a fault of the harness, or a mistake in the target's declaration: never a finding of the lock
      if (e instanceof HarnessFault || e instanceof TargetError) throw e;
      this.crash(e);
    }
  }

  /** Start every thread: run its local code up to its first primitive (no step). */
  private prime(): void {
    for (let i = 0; i < this.n; i++) {
      const th = this.threads[i];
      this.blame = i;
      const spec = this.instance.threads[i];
      const made = spec.body(th);
      if (made === null || typeof made !== 'object' || typeof made.next !== 'function' || Symbol.asyncIterator in made) this.notAGenerator(th.name, spec.body, made);
      const gen = asNativeGenerator(made);
      th.gen = gen;
      this.liveCount++;
      const r = GENERATOR_NEXT.call(gen);
      if (r.done === true) this.frameDone(th);
      else if (r.value !== th.op) badYield(th, r.value);
    }
    this.blame = -1;
  }

  private loop(): void {
    const strategy = this.strategy;
    const point = this.point;
    // the continuation's own bound: maxSteps more steps, plus one window to judge the last one
    let bound = 0;
    const hasInvariant = typeof this.instance.invariant === 'function';
    let rounds = 0;
    for (;;) {
      let o: ChoiceOption | null;
      if (!this.fair) {
        if (this.step >= this.maxSteps) {
          this.enterFair();
          bound = this.step + this.maxSteps + this.fairWindow;
          continue;
        }
        const count = this.buildOptions();
        if (count === 0) return this.finish();
        let idx = 0;
        let opts = this.scratch;
        if (count > 1) {
          opts = this.bySize[count] ?? this.poolArray(count);
          for (let k = 0; k < count; k++) opts[k] = this.scratch[k];
          point.options = opts;
          point.current = this.current;
          point.step = this.step;
          point.currentSpinning = this.spinYieldDue(point.currentRunnable);
          if (point.currentSpinning && this.log !== null && !this.threads[this.current].spun) this.log.markSpin(this.current);
          this.blame = BLAME_STRATEGY;
          idx = strategy.choose(point);
          this.decisions.push(idx);
          if (idx === HAND_OVER) {
            this.enterFair();
            bound = this.step + this.maxSteps + this.fairWindow;
            continue;
          }
          if (!(idx >= 0 && idx < count && Number.isInteger(idx))) {
            throw new HarnessFault('bad-decision', `strategy ${strategy.name} answered ${idx} at step ${this.step} with ${count} options (expected 0..${count - 1} or HAND_OVER)`);
          }
          if (idx !== 0 && point.currentRunnable && !point.currentSpinning) this.preemptions++;
        }
        o = opts[idx];
      } else {
        if (bound === 0) bound = this.step + this.maxSteps + this.fairWindow; // hand-over at a value point
        if (this.liveness!.windowExpired(this.step, this.lastProgress)) {
          const livelock = this.liveness!.changingSince(this.lastProgress);
          const cycle = this.observeCycle(bound, hasInvariant);
          if (cycle === STOPPED) return;
          if (cycle === PROGRESSED) continue;
          return this.reportHang(`${livelock ? 'livelock (shared memory keeps changing): ' : ''}no progress in ${this.fairWindow} steps of fair round-robin scheduling`, cycle);
        }
        if (this.step >= bound) {
          this.verdict = 'inconclusive';
          return;
        }
        const rr = this.fairRR!;
        o = rr.pick(this);
        if (rr.rounds !== rounds) {
          rounds = rr.rounds;
          if (this.spinQuiescent()) return this.reportHang('every live thread spins and no store lands in a full fair round (spin quiescence)');
        }
        if (o === null) return this.finish();
        this.countFairSwitch(o);
      }
      this.execute(o);
      if (hasInvariant && !this.invariantHolds()) return;
    }
  }

  /** Instance.invariant on committed memory and ghost state; a message becomes the finding. */
  private invariantHolds(): boolean {
    if (typeof this.instance.invariant !== 'function') return true;
    this.blame = -1;
    const log = this.log;
    if (log !== null) log.inInvariant = true;
    let msg: string | undefined;
    try {
      msg = this.instance.invariant();
    } finally {
      if (log !== null) log.inInvariant = false;
    }
    if (msg === undefined) return true;
    this.finding = invariantFinding(msg, this.current >= 0 ? this.threads[this.current].location : '');
    this.verdict = 'violation';
    return false;
  }

  /** The pooled options array of length `count` (created on first use). */
  private poolArray(count: number): ChoiceOption[] {
    while (this.bySize.length <= count) this.bySize.push(new Array<ChoiceOption>(this.bySize.length).fill(this.threadOpts[0]));
    return this.bySize[count];
  }

  private enterFair(): void {
    this.fair = true;
    const words = this.alloc.wordCount;
    const alloc = this.alloc;
    this.liveness = new LivenessMonitor(this.fairWindow, words, this.n, (into) => {
      for (let a = 0; a < words; a++) into[a] = this.mem.peek(alloc.wordCell(a));
    });
    this.liveness.start(this.step);
    this.fairRR = new FairRoundRobin(this.n);
    this.fairRR.startAt(this.current >= 0 ? this.current : 0);
    if (this.trace !== null && this.n > 0) {
      this.trace.add(this.step, this.current >= 0 ? this.current : 0, 'fair', undefined, `strategy prefix ended after ${this.step} steps: fair round-robin continuation`, undefined);
    }
  }

  // ---- preemption counting -----------------------------------------------------------------

  /**
   * At a choice point of the prefix: is the running thread spinning? Its last step was a
   * `cpuRelax`, or it has run SPIN_RUN_STEPS steps in a row at choice points. Updates the run
   * tracking like the exhaustive search always did (bounded-dfs.ts), so both agree.
   */
  private spinYieldDue(currentRunnable: boolean): boolean {
    const cur = this.current;
    if (currentRunnable && this.threads[cur].spun) {
      this.runStart = this.step;
      return true;
    }
    if (!currentRunnable || cur !== this.runThread) {
      this.runThread = cur;
      this.runStart = this.step;
      return false;
    }
    if (this.step - this.runStart >= SPIN_RUN_STEPS) {
      this.runStart = this.step;
      return true;
    }
    return false;
  }

  /** The fair continuation picked `o`: a preemption when it leaves a runnable, non-spinning thread. */
  private countFairSwitch(o: ChoiceOption): void {
    const cur = this.current;
    if (cur < 0 || (o.kind === 'thread' && o.target === cur)) return;
    const th = this.threads[cur];
    if (th.spun || !this.runnable(cur)) return;
    this.preemptions++;
  }

  // ---- options ---------------------------------------------------------------------------

  /** Can thread `i` take a step now? (waitUntil: its predicate holds for the value it would read.) */
  runnable(i: number): boolean {
    const th = this.threads[i];
    if (th.gen === null || th.block !== BLOCK_NONE) return false;
    const op = th.op;
    if (op !== OP_WAIT) return op !== OP_WAIT_ALL || this.waitAllHolds(th);
    this.blame = i;
    // arm64-lite too: a spin can end when the newest value it can read satisfies it (it is
    // blocked iff that value does not, as await loops in GenMC); the value it then returns may
    // be any readable one that satisfies it. Letting an older value unblock it would let a
    // spin that missed a value overwritten meanwhile escape by reading it forever after.
    return th.pred!(this.mem.load(i, th.cell!));
  }

  /** waitUntilAll: its predicate over the values thread `th` would read now. */
  private waitAllHolds(th: ThreadContext): boolean {
    const w = th.waitAll!;
    const values = w.values;
    for (let k = 0; k < w.cells.length; k++) values[k] = this.mem.load(th.id, w.cells[k]);
    this.blame = th.id;
    return w.pred(values);
  }

  /** A pending IPI that cpu `i` can take now: irqs on and at a preemption point (not blocked in the kernel). */
  ipiDeliverable(i: number): boolean {
    return this.kernel.ipi.deliverable(i) && this.threads[i].block === BLOCK_NONE;
  }

  /** Fill `opts` in canonical order (strategy.ts): threads cyclically from current, flushes, IPIs. */
  private buildOptions(): number {
    const opts = this.scratch;
    let count = 0;
    const n = this.n;
    const start = this.current < 0 ? 0 : this.current;
    let curRunnable = false;
    for (let k = 0; k < n; k++) {
      let i = start + k;
      if (i >= n) i -= n;
      if (this.runnable(i)) {
        opts[count++] = this.threadOpts[i];
        if (k === 0 && this.current >= 0) curRunnable = true;
      }
    }
    this.point.currentRunnable = curRunnable;
    // nothing can run any more: flushes and IPIs are free from here (preemption-cost.ts), so
    // the step that got here depends on every other (a spin step for the reduction)
    if (count === 0 && this.log !== null && this.step > 0) this.log.markLast();
    if (!this.mem.quiescent()) {
      // ascending cpus with buffered stores (= cpusWithPendingStores, without its array);
      // arm64-lite offers every committable store of a cpu, oldest first
      const mem = this.mem;
      if (this.weak === null) {
        for (let c = 0; c < n; c++) if (mem.bufferedCount(c) > 0) opts[count++] = this.flushOpts[c];
      } else {
        for (let c = 0; c < n; c++) {
          const k = mem.flushSlots(c);
          for (let s = 0; s < k; s++) opts[count++] = s === 0 ? this.flushOpts[c] : flushSlotOption(c, s);
        }
      }
    }
    if (this.kernel.ipi.anyPending()) {
      for (let c = 0; c < n; c++) if (this.ipiDeliverable(c)) opts[count++] = this.ipiOpts[c];
    }
    if (this.earlyBlocked !== 0) count = this.earlyOptions(count);
    return count;
  }

  /**
   * Timeout options of blocked timed waits, then signal options of blocked interruptible
   * waits, by thread (thread-api.ts WaitOptions). Signals only when something else is
   * possible: a state where nothing but a signal could move on is a deadlock.
   */
  private earlyOptions(count: number): number {
    const opts = this.scratch;
    for (let i = 0; i < this.n; i++) if (this.timeoutDue(i)) opts[count++] = this.timeoutOpts[i];
    if (count === 0) return 0;
    for (let i = 0; i < this.n; i++) {
      const th = this.threads[i];
      if (th.block !== BLOCK_NONE && (th.early & EARLY_SIGNAL) !== 0) opts[count++] = this.signalOpts[i];
    }
    return count;
  }

  /** First wait that accepts an early wake-up: the timeout and signal options and room for them (executions without one pay nothing). */
  private growEarly(): void {
    this.timeoutOpts = choiceOptions('timeout', this.n);
    this.signalOpts = choiceOptions('signal', this.n);
    this.scratch = new Array<ChoiceOption>(5 * this.n).fill(this.threadOpts[0]);
  }

  /** Thread `i` is blocked in a timed wait (its timer may expire now). */
  timeoutDue(i: number): boolean {
    const th = this.threads[i];
    return this.earlyBlocked !== 0 && th.block !== BLOCK_NONE && (th.early & EARLY_TIMEOUT) !== 0;
  }

  // ---- step actions ----------------------------------------------------------------------

  private execute(o: ChoiceOption): void {
    this.step++;
    const t = o.target;
    const log = this.log;
    if (log !== null) this.beginLogged(log, o);
    if (o.kind === 'thread') this.stepThread(t);
    else if (o.kind === 'flush') this.flush(t, o.slot);
    else if (o.kind === 'ipi') this.deliverIpi(t);
    else this.endWaitEarly(t, o.kind === 'timeout' ? WAKE_TIMEOUT : WAKE_SIGNAL);
    // tso: operations whose stores this step committed now return (see ok())
    if (this.unsettledLen !== 0) this.settleReturns(o.kind !== 'flush');
    if (log !== null) log.end();
  }

  /** Open the log entry of a step: its entity, and what taking it touches besides memory. */
  private beginLogged(log: StepLog, o: ChoiceOption): void {
    const t = o.target;
    const e = entityOf(o, this.n);
    if (o.kind === 'flush') {
      log.begin(e);
      return;
    }
    const th = this.threads[t];
    const thread = o.kind === 'thread';
    log.begin(e, thread && (th.op === OP_WAIT || th.op === OP_WAIT_ALL), thread && th.op === OP_RELAX);
    // a step of cpu t's context (its thread, an IPI handler it takes, the early end of its
    // wait) orders with the others
    log.access(log.contextObject(t), MODE_WRITE);
    if (o.kind === 'ipi') log.access(log.ipiObject(t), MODE_WRITE);
    else if (!thread) {
      // a timeout or signal ends t's wait: like a wake of t, and it leaves the futex queue
      log.access(log.waitObject(t), MODE_WRITE);
      if (th.block === BLOCK_FUTEX && th.cell !== null) log.access(log.futexObject(th.cell.addr), MODE_WRITE);
    } else if (th.op === OP_RESUME) log.access(log.waitObject(t), MODE_WRITE);
    if (this.sharedGhost) log.access(log.visibleObject(), MODE_WRITE);
  }

  private stepThread(i: number): void {
    const th = this.threads[i];
    this.current = i;
    this.blame = i;
    th.spun = th.op === OP_RELAX;
    if (this.coverage !== null) this.coverage.hit(i, th.location, th.op);
    const r = GENERATOR_NEXT.call(th.gen!);
    if (r.done === true) this.frameDone(th);
    else if (r.value !== th.op) badYield(th, r.value);
  }

  private flush(cpu: number, slot: number): void {
    const r = slot === 0 ? this.mem.flushOldest(cpu) : this.mem.flushSlot(cpu, slot);
    if (this.trace !== null) this.trace.add(this.step, cpu, 'flush', r.cell.name, `${this.formatValue(r.cell, r.value)}${slot === 0 ? '' : ' (ahead of older stores)'}`, undefined);
  }

  /** Take the lowest pending vector on `cpu`: irqs off, run the handler as nested steps. */
  private deliverIpi(cpu: number): void {
    const th = this.threads[cpu];
    const ipi = this.kernel.ipi;
    this.current = cpu;
    this.blame = cpu;
    const vector = ipi.take(cpu);
    const payload = ipi.lastPayload;
    th.frames.push({ gen: th.gen, op: th.op, cell: th.cell, pred: th.pred, what: th.what, waitAll: th.waitAll, location: th.location, irqsOn: ipi.irqsOn[cpu], prim: th.prim });
    // the interrupted frame may be suspended inside a primitive: the handler gets its own
    th.prim = new PrimStep(th);
    if (th.gen === null) this.liveCount++;
    ipi.irqsOn[cpu] = 0;
    // taking an interrupt is context synchronising: the handler's loads see every store
    // committed before it (arm64-lite; the sender's own stores per knob ipiSendIsFence)
    if (this.weak !== null) this.weak.syncNow(cpu);
    th.spun = false;
    th.op = OP_NONE;
    th.cell = null;
    th.pred = null;
    th.waitAll = null;
    this.events++;
    if (this.trace !== null) this.trace.add(this.step, cpu, 'ipi', undefined, `vector ${vector} payload ${payload}: handler starts, irqs off`, th.location);
    const handler = ipi.handler(vector)!;
    const made = handler(th, payload);
    if (made === null || typeof made !== 'object' || typeof made.next !== 'function' || Symbol.asyncIterator in made) this.notAGenerator(`${th.name}'s IPI handler of vector ${vector}`, handler, made);
    const gen = asNativeGenerator(made);
    th.gen = gen;
    const r = GENERATOR_NEXT.call(gen);
    if (r.done === true) this.frameDone(th);
    else if (r.value !== th.op) badYield(th, r.value);
  }

  /** The running frame returned: back from an IPI handler (irqs restored), or the thread finished. */
  private frameDone(th: ThreadContext): void {
    const f = th.frames.pop();
    if (f !== undefined) {
      th.gen = f.gen;
      th.op = f.op;
      th.cell = f.cell;
      th.pred = f.pred;
      th.what = f.what;
      th.waitAll = f.waitAll;
      th.location = f.location;
      this.kernel.ipi.irqsOn[th.id] = f.irqsOn;
      th.prim = f.prim;
      if (f.gen === null) this.liveCount--;
      this.events++;
      if (this.trace !== null) this.trace.add(this.step, th.id, 'iret', undefined, 'handler returns, irqs restored', th.location);
      return;
    }
    th.gen = null;
    th.finished = true;
    this.liveCount--;
    this.noteProgress();
    if (this.trace !== null) this.trace.add(this.step, th.id, 'exit', undefined, undefined, th.location);
  }

  // ---- services for thread contexts ---------------------------------------------------------

  thread(id: number, what: string): ThreadContext {
    const th = this.threads[id];
    if (th === undefined) throw new RangeError(`${what}: no thread ${id} (threads 0..${this.n - 1})`);
    return th;
  }

  threadName(id: number): string {
    return this.names[id] ?? `t${id}`;
  }

  /** `th` blocks in kernel wait `kind`; `early` = EARLY_* bits of how the wait may end before its waker. */
  blockThread(th: ThreadContext, kind: number, early = 0): void {
    th.block = kind;
    if (early !== 0) {
      if (this.signalOpts.length === 0) this.growEarly();
      th.early = early;
      this.earlyBlocked++;
    }
    this.events++;
    if (this.trace !== null) this.trace.add(this.step, th.id, 'block', undefined, blockStateName(kind), th.location);
  }

  wakeThread(th: ThreadContext): void {
    th.block = BLOCK_NONE;
    if (th.early !== 0) {
      th.early = 0;
      this.earlyBlocked--;
    }
    this.events++;
    if (this.trace !== null) this.trace.add(this.step, th.id, 'wake', undefined, `woken by ${this.threadName(this.current)}`, th.location);
  }

  /**
   * A timeout or signal ends blocked thread `i`'s wait (`reason` WAKE_TIMEOUT / WAKE_SIGNAL): it
   * leaves the futex queue if it was on one and becomes runnable; its resume step returns
   * 'timeout' / 'interrupted'. An option of the strategy, not a step of the thread.
   */
  private endWaitEarly(i: number, reason: number): void {
    const th = this.threads[i];
    const kind = th.block;
    if (kind === BLOCK_FUTEX) this.kernel.futex.remove(th.cell!.addr, i);
    th.wakeReason = reason;
    th.block = BLOCK_NONE;
    th.early = 0;
    this.earlyBlocked--;
    this.events++;
    if (this.trace !== null) {
      this.trace.add(this.step, i, reason === WAKE_TIMEOUT ? 'timeout' : 'signal', th.cell?.name, `${blockStateName(kind)} ends: ${reason === WAKE_TIMEOUT ? '-ETIMEDOUT' : '-EINTR'}`, th.location);
    }
  }

  // ---- node pools --------------------------------------------------------------------------

  /** The pool state behind `pool`, which must come from this execution's setup. */
  poolOf(pool: unknown, what: string): PoolState<string> {
    if (this.heap === null || !this.heap.owns(pool)) {
      throw new Error(`t.${what}: not a node pool of this execution (create pools in setup with env.mem.pool(...), once per execution)`);
    }
    return pool;
  }

  /** The effect of t.alloc (thread `th`'s OP_HEAP step). */
  heapAlloc(th: ThreadContext, pool: PoolState<string>): number {
    this.mem.drain(th.id);
    const r = this.heap!.alloc(pool);
    if (this.log !== null) this.logHeap(pool, typeof r === 'string' ? 0 : r);
    if (typeof r === 'string') this.violation(th, r);
    this.events++;
    if (this.trace !== null) this.trace.add(this.step, th.id, 'alloc', pool.control.name, pool.formatHandle(r), th.location);
    return r;
  }

  /** The effect of t.free. */
  heapFree(th: ThreadContext, pool: PoolState<string>, node: number): void {
    this.mem.drain(th.id);
    if (this.log !== null) this.logHeap(pool, Number.isInteger(node) && node >= 1 && node <= pool.size ? node : 0);
    const msg = this.heap!.free(pool, node, th, this.step);
    if (msg !== undefined) this.violation(th, msg);
    this.events++;
    if (this.trace !== null) this.trace.add(this.step, th.id, 'free', pool.control.name, pool.formatHandle(node), th.location);
  }

  /** Thread `th` accesses `cell`, a word of a node that is not allocated: the violation. */
  badAccess(th: ThreadContext, cell: Cell): never {
    // the access never reached memory, but it read the node's state that alloc/free write
    if (this.log !== null) this.log.access(cell.addr, MODE_READ);
    return this.violation(th, this.heap!.accessMessage(th, cell, OP_NAMES[th.op], this.step));
  }

  noteEvent(): void {
    this.events++;
  }

  noteProgress(): void {
    this.lastProgress = this.step;
    this.preemptionsAtProgress = this.preemptions;
    this.events++;
  }

  chooseValue(th: ThreadContext, n: number, label: string | undefined): number {
    if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`choose(${n}): n must be a positive integer`);
    if (n === 1) return 0;
    let v = 0;
    if (!this.fair) {
      const vp = this.valuePoint;
      vp.n = n;
      vp.thread = th.id;
      vp.label = label;
      vp.step = this.step;
      this.blame = BLAME_STRATEGY;
      v = this.strategy.choose(vp);
      this.blame = th.id;
      this.decisions.push(v);
      if (v === HAND_OVER) {
        this.enterFair();
        v = 0;
      } else if (!(Number.isInteger(v) && v >= 0 && v < n)) {
        throw new HarnessFault('bad-decision', `strategy ${this.strategy.name} answered ${v} to choose(${n}) of ${th.name} at step ${this.step}`);
      }
    }
    if (this.trace !== null) this.trace.add(this.step, th.id, 'choose', undefined, `${v} of ${n}${label ? ` (${label})` : ''}`, th.location);
    return v;
  }

  /**
   * arm64-lite: which of `n` readable writes of `cell` thread `th` reads (0 = the newest).
   * A value point with `readWord` set; 0 without asking in the fair continuation.
   */
  chooseRead(th: ThreadContext, n: number, cell: Cell): number {
    if (this.fair) return 0;
    const vp = this.valuePoint;
    vp.n = n;
    vp.thread = th.id;
    vp.label = cell.name;
    vp.step = this.step;
    vp.readWord = cell.addr;
    this.blame = BLAME_STRATEGY;
    let v = this.strategy.choose(vp);
    this.blame = th.id;
    vp.readWord = undefined;
    this.decisions.push(v);
    if (v === HAND_OVER) {
      this.enterFair();
      v = 0;
    } else if (!(Number.isInteger(v) && v >= 0 && v < n)) {
      throw new HarnessFault('bad-decision', `strategy ${this.strategy.name} answered ${v} to the read of ${cell.name} by ${th.name} (${n} readable writes) at step ${this.step}`);
    }
    return v;
  }

  invoke(th: ThreadContext, f: string, input: unknown, key: string | undefined): number {
    if (th.openOp >= 0) throw new Error(`${th.name}: invoke('${f}') while '${this.history.get(th.openOp).f}' is still open (call ok() first)`);
    const id = this.history.invoke(th.id, f, input, key, this.step);
    if (this.log !== null) this.log.access(this.log.historyObject(), MODE_CALL);
    th.openOp = id;
    if (this.trace !== null) this.trace.add(this.step, th.id, 'call', undefined, input === undefined ? f : `${f}(${show(input)})`, th.location);
    return id;
  }

  ok(th: ThreadContext, output: unknown): void {
    if (th.openOp < 0) throw new Error(`${th.name}: ok() without an open operation (call invoke() first)`);
    const id = th.openOp;
    const buffered = this.mem.bufferedCount(th.id);
    if (buffered === 0) {
      this.history.ok(id, output, this.step);
      if (this.log !== null) this.log.access(this.log.historyObject(), MODE_RETURN);
    } else {
      this.history.ok(id, output, undefined);
      const u = this.unsettled;
      const k = this.unsettledLen;
      u[k] = id;
      u[k + 1] = th.id;
      u[k + 2] = this.mem.committedCount(th.id) + buffered;
      this.unsettledLen = k + 3;
    }
    th.openOp = -1;
    // explicit progress (Target.progress): a return inside a retry loop must not hide a livelock
    if (!this.explicitProgress) this.noteProgress();
    if (this.trace !== null) {
      const f = this.history.get(id).f;
      this.trace.add(this.step, th.id, 'return', undefined, output === undefined ? f : `${f} -> ${show(output)}`, th.location);
    }
  }

  enterCritical(th: ThreadContext, lock: string): void {
    if (this.log !== null) this.log.access(this.log.criticalObject(lock), MODE_WRITE);
    const msg = this.critical.enter(th.id, lock);
    if (msg !== undefined) this.violation(th, msg);
    if (this.trace !== null) this.trace.add(this.step, th.id, 'enter', lock, undefined, th.location);
  }

  exitCritical(th: ThreadContext, lock: string): void {
    if (this.log !== null) this.log.access(this.log.criticalObject(lock), MODE_WRITE);
    const msg = this.critical.exit(th.id, lock);
    if (msg !== undefined) this.violation(th, msg);
    if (this.trace !== null) this.trace.add(this.step, th.id, 'exit-cs', lock, undefined, th.location);
  }

  /** A failed assertion of thread `th`: record it and stop the thread's code at once. */
  violation(th: ThreadContext, message: string): never {
    if (this.finding === undefined) {
      this.finding = assertionFinding(message, th.id, th.location);
      this.verdict = 'violation';
      if (this.trace !== null) this.trace.add(this.step, th.id, 'violation', undefined, message, th.location);
    }
    throw new StopExecution();
  }

  /**
   * arm64-lite: thread `th` read a write that the write of timestamp `superseded` had already
   * overwritten, so the load was performed before that commit. For the checker the open
   * operation was therefore invoked no later than that step: the read side of what
   * settleReturns does for buffered stores (a load performed early is like an invocation
   * made early; without it a correct trylock that reads a stale lock word would look
   * non-linearizable in real time).
   */
  staleRead(th: ThreadContext, superseded: number): void {
    if (th.openOp < 0) return;
    this.history.callNoLaterThan(th.openOp, this.weak!.commitStep(superseded));
  }

  // ---- trace helpers ----------------------------------------------------------------------

  formatValue(cell: Cell, v: number): string {
    return formatValue(cell.bits === 32 ? this.alloc.formatterOf(cell.addr) : undefined, v);
  }

  traceAccess(th: ThreadContext, cell: Cell, value: number, after: number | undefined): void {
    const v = after === undefined ? this.formatValue(cell, value) : `${this.formatValue(cell, value)} -> ${this.formatValue(cell, after)}`;
    this.trace!.add(this.step, th.id, OP_NAMES[th.op], cell.name, v, th.location);
  }

  traceOp(th: ThreadContext): void {
    this.trace!.add(this.step, th.id, OP_NAMES[th.op], undefined, undefined, th.location);
  }

  traceRow(thread: number, op: string, cell: string | undefined, value: string | undefined): void {
    this.trace!.add(this.step, thread, op, cell, value, this.threads[thread]?.location);
  }

  // ---- verdicts ------------------------------------------------------------------------------

  /** Give a return time to the operations whose buffered stores have all been committed. */
  private settleReturns(drained: boolean): void {
    const u = this.unsettled;
    let w = 0;
    const len = this.unsettledLen;
    // stores committed by a drain (an RMW, a fence) reached memory before the step's own
    // effect: their operations returned before anything the step's code calls (x86 drains the
    // buffer before a LOCKed instruction), as if the cpu had flushed them in the step before
    const time = drained ? this.step - 0.5 : this.step;
    for (let r = 0; r < len; r += 3) {
      if (this.mem.committedCount(u[r + 1]) >= u[r + 2]) {
        this.history.returnAt(u[r], time);
        if (this.log !== null) this.log.access(this.log.historyObject(), MODE_RETURN);
        // the table shows where the operation took effect for the checker, not only its ok()
        if (this.trace !== null) this.trace.add(this.step, u[r + 1], 'visible', undefined, `${this.history.get(u[r]).f}: its stores reached memory`, undefined);
      } else {
        u[w] = u[r]; u[w + 1] = u[r + 1]; u[w + 2] = u[r + 2];
        w += 3;
      }
    }
    this.unsettledLen = w;
  }

  private finish(): void {
    if (this.liveCount === 0) {
      const atEnd = this.instance.atEnd;
      if (typeof atEnd === 'function') {
        this.blame = -1;
        const msg = atEnd.call(this.instance);
        if (msg !== undefined) {
          this.finding = atEndFinding(msg);
          this.verdict = 'violation';
          return;
        }
      }
      this.verdict = 'ok';
      return;
    }
    // Nothing can run. Tasks blocked on futexes or wait queues forever are a deadlock; a cpu
    // that spins (a waitUntil nobody will satisfy) or halts in pv_wait forever is a hang, the
    // kernel's lockup (seeds-qspinlock.md 8 "Liveness", seeds-rendezvous-futex-perf.md 0.3).
    const stuck = collectStuckThreads(this);
    if (this.onlyTasksBlocked()) {
      this.finding = deadlockFinding(stuck, this.describe());
      this.verdict = 'deadlock';
    } else {
      this.finding = hangFinding('no thread can make progress, a cpu spins or halts forever', stuck, this.describe());
      this.verdict = 'hang';
    }
  }

  /** Every unfinished thread is blocked in a futex wait or asleep (not spinning, not halted). */
  private onlyTasksBlocked(): boolean {
    for (const th of this.threads) {
      if (th.gen !== null && th.block !== BLOCK_FUTEX && th.block !== BLOCK_SLEEP) return false;
    }
    return true;
  }

  /**
   * After a progress window expired: keep the fair schedule going a little longer and collect
   * the program points the stuck threads pass through. A livelock's threads are caught at an
   * arbitrary point of their loop when the window ends; the set of points of the whole loop is
   * what identifies the bug, so it is what the finding's locations (its signature) are made of.
   */
  private observeCycle(bound: number, hasInvariant: boolean): string[] | typeof STOPPED | typeof PROGRESSED {
    const progressBefore = this.lastProgress;
    const seen = new Set<string>();
    for (const th of this.threads) if (th.gen !== null) seen.add(th.location);
    const steps = Math.min(this.fairWindow, OBSERVE_STEPS_PER_THREAD * this.n);
    for (let k = 0; k < steps && this.step < bound; k++) {
      const o = this.fairRR!.pick(this);
      if (o === null) return PROGRESSED; // nothing can run any more: the main loop judges that
      this.execute(o);
      if (hasInvariant && !this.invariantHolds()) return STOPPED;
      if (this.lastProgress !== progressBefore) return PROGRESSED;
      if (o.kind === 'thread') seen.add(this.threads[o.target].location);
    }
    return [...seen].sort();
  }

  private reportHang(message: string, loopLocations?: readonly string[]): void {
    this.finding = hangFinding(message, collectStuckThreads(this), this.describe(), loopLocations);
    this.verdict = 'hang';
    this.hangByWindow = true;
  }

  private spinQuiescent(): boolean {
    const quiet = this.mem.quiescent() && !this.anyIpiDeliverable();
    return this.liveness!.roundEnd(this.step, this.events, quiet, this.n, (i) => {
      const th = this.threads[i];
      if (th.gen === null || th.block !== BLOCK_NONE || !this.runnable(i)) return -1;
      return th.relaxes;
    });
  }

  private anyIpiDeliverable(): boolean {
    if (!this.kernel.ipi.anyPending()) return false;
    for (let c = 0; c < this.n; c++) if (this.ipiDeliverable(c)) return true;
    return false;
  }

  /** cpuRelax calls of thread `i` since the fair continuation's current quiet period began. */
  relaxesSinceQuiet(i: number): number {
    return this.liveness?.relaxesSinceQuiet(i, this.threads[i].relaxes) ?? 0;
  }

  private describe(): string[] | undefined {
    const d = this.instance.describe;
    if (typeof d !== 'function') return undefined;
    try {
      return d.call(this.instance);
    } catch (e) {
      return [`describe() threw: ${e instanceof Error ? e.message : String(e)}`];
    }
  }

  /** A thread body or IPI handler that made no generator: a TargetError naming the target, variant and thread. */
  private notAGenerator(who: string, body: unknown, made: unknown): never {
    const problem = threadBodyProblem(body, made) ?? 'its body returned no generator';
    throw new TargetError(`target '${this.targetName}', variant '${this.variant}': thread ${who}: ${problem}`);
  }

  private crash(e: unknown): void {
    if (this.blame === BLAME_STRATEGY) {
      throw new HarnessFault('internal', `strategy ${this.strategy.name} threw at step ${this.step}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const th = this.blame >= 0 ? this.threads[this.blame] : undefined;
    this.finding = crashFinding(e, th === undefined ? 'target code' : th.name, th?.id, th?.location ?? '');
    this.verdict = 'crash';
  }

  /** A kernel wait slot of thread `t` (halt, kick token, futex or sleep wait) changed in this step. */
  logWait(t: number): void {
    if (this.log !== null) this.log.access(this.log.waitObject(t), MODE_WRITE);
  }

  /**
   * An alloc or free of `pool` (DECISIONS.md, author 2): RMW-like on the pool's allocator word,
   * and a write of every word of node `h` (0 = none), whose allocated state decides whether an
   * access to it is a use-after-free.
   */
  private logHeap(pool: PoolState<string>, h: number): void {
    const log = this.log!;
    log.access(pool.control.addr, MODE_WRITE);
    if (h === 0) return;
    const { first, count } = pool.wordsOf(h);
    for (let k = 0; k < count; k++) log.access(first + k, MODE_WRITE);
  }

  /** This step touched the IPI inbox of `cpu` (a send). */
  logIpi(cpu: number): void {
    if (this.log !== null) this.log.access(this.log.ipiObject(cpu), MODE_WRITE);
  }

  /** This step touched the futex queue of word `addr`. */
  logFutex(addr: number): void {
    if (this.log !== null) this.log.access(this.log.futexObject(addr), MODE_WRITE);
  }

  /** After the run: the step each live thread would take next, for races with steps that never ran. */
  private logPending(): void {
    const log = this.log;
    if (log === null || log.pending > 0) return;
    this.mem.setAccessSink(null);
    // a finding stopped the run at its last step: every step that had not run yet depends on it
    log.stopped = this.verdict === 'violation' || this.verdict === 'crash';
    for (const th of this.threads) if (th.gen !== null) recordPending(log, th);
    // flushes and IPI deliveries that could still happen
    for (let c = 0; c < this.n; c++) {
      const words = this.mem.committableWords(c);
      if (words.length > 0) {
        log.beginPending(this.n + c);
        log.access(log.bufferObject(c), MODE_WRITE);
        for (const w of words) log.access(w, MODE_WRITE);
        log.endPending();
      }
      if (this.kernel.ipi.anyPending() && this.ipiDeliverable(c)) {
        log.beginPending(2 * this.n + c);
        log.access(log.ipiObject(c), MODE_WRITE);
        log.access(log.contextObject(c), MODE_WRITE);
        log.endPending();
      }
    }
    // early ends of blocked waits (timeouts, signals) that could still happen
    for (const th of this.threads) {
      if (th.block === BLOCK_NONE || th.early === 0) continue;
      for (const [bit, e] of [[EARLY_TIMEOUT, 3 * this.n + th.id], [EARLY_SIGNAL, 4 * this.n + th.id]] as const) {
        if ((th.early & bit) === 0) continue;
        log.beginPending(e);
        log.access(log.contextObject(th.id), MODE_WRITE);
        log.access(log.waitObject(th.id), MODE_WRITE);
        if (th.block === BLOCK_FUTEX && th.cell !== null) log.access(log.futexObject(th.cell.addr), MODE_WRITE);
        log.endPending();
      }
    }
  }

  outcome(): ExecutionOutcome {
    this.logPending();
    const out: { -readonly [K in keyof ExecutionOutcome]: ExecutionOutcome[K] } = {
      verdict: this.verdict,
      history: this.history.operations(),
      decisions: this.decisions,
      steps: this.step,
      // a hang judged by the fair window: the switches while nothing progressed only observe it
      preemptions: this.hangByWindow ? this.preemptionsAtProgress : this.preemptions,
      threadNames: this.names,
    };
    if (this.finding !== undefined) out.finding = this.finding;
    if (this.trace !== null) out.trace = this.trace.rows;
    if (this.coverage !== null) out.coverage = this.coverage.strings(this.names);
    return out;
  }
}

/** Every primitive yields its own op code; anything else is a bare `yield` in model code. */
function badYield(th: ThreadContext, v: unknown): never {
  throw new Error(`${th.name} yielded ${show(v)} directly: model code must only \`yield*\` the primitives of t (e.g. \`yield* t.readOnce(c)\`)`);
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
}
