import type { Cell, MemoryOrder } from '../memory/cell';
import type { NodePool } from '../memory/node-pool';

/**
 * What a step of a thread yields to the runtime. Models never create these: they only
 * `yield*` the primitives of `ThreadApi`. Opaque to targets.
 */
export type StepRequest = number;

/**
 * A primitive: an iterator that yields once (the preemption point) and returns its result.
 * `yield*` it as soon as it is called: the runtime reuses one iterator per running frame
 * (no allocation per step), so a primitive created before the previous one ran is an error.
 */
export type Prim<T> = Generator<StepRequest, T, unknown>;

/** The body of a thread (a cpu or a task): a generator function over the thread API. */
export type ThreadBody = (t: ThreadApi) => Generator<StepRequest, void, unknown>;

/** An IPI handler: runs on the target cpu's thread, with irqs off, as nested steps. */
export type IpiHandler = (t: ThreadApi, payload: number) => Generator<StepRequest, void, unknown>;

/**
 * How a blocking wait (futexWait, sleep, pvWait) may end before its waker wakes it. Both are
 * choices of the strategy, logged in the decision log like a preemption and costing what one
 * costs, so shrinking removes them when the bug does not need them:
 * - `timeout`: a timed wait (`FUTEX_WAIT` with a timeout, `schedule_timeout`, a pv halt that a
 *   timer ends). Its timer may expire at any point while it is blocked (no durations: every
 *   order of expiry is explored, as Coyote treats timers). When nothing else can run, time
 *   passes: a lone timeout is taken without a decision. The fair continuation expires every
 *   blocked timed wait within a round (a timed waiter never hangs forever).
 * - `interruptible`: a signal may end it (`-EINTR`, `TASK_INTERRUPTIBLE`, a spurious pv_wait
 *   return). Signals are never assumed: one is only offered while something else could run,
 *   a state where only a signal could help is a deadlock, and the fair continuation sends none.
 * The wait then returns `'timeout'` or `'interrupted'`, and the model does what the C does
 * with `-ETIMEDOUT` / `-EINTR`: usually undo its enqueueing, which is where the races are.
 */
export interface WaitOptions {
  readonly timeout?: boolean;
  readonly interruptible?: boolean;
}

/**
 * Result of pv_wait (seeds-qspinlock.md 2.4); `timeout` / `interrupted` only when asked for
 * with {@link WaitOptions}.
 */
export type PvWaitResult = 'mismatch' | 'token' | 'kicked' | 'timeout' | 'interrupted';

/**
 * Result of futexWait: `mismatch` = *cell != val, returned at once; `woken` = blocked then
 * woken; `timeout` / `interrupted` = blocked, then ended early ({@link WaitOptions}).
 */
export type FutexWaitResult = 'mismatch' | 'woken' | 'timeout' | 'interrupted';

/** Result of sleep: `woken` by wake(id), or ended early ({@link WaitOptions}). */
export type SleepResult = 'woken' | 'timeout' | 'interrupted';

/**
 * The API a model's thread code uses. Every method that returns `Prim` is ONE atomic step
 * and one preemption point: call it with `yield*`. Everything else is free (no step) and is
 * for ghost state, history, assertions and locations.
 *
 * Names follow the kernel so that models read like the C they come from.
 */
export interface ThreadApi {
  /** This thread's index = its cpu number (cpu0..cpuN) or task number. */
  readonly id: number;
  /** Display name, e.g. `cpu1` or `task2`. */
  readonly name: string;

  // ---- plain accesses -------------------------------------------------------------------
  // Under arm64-lite a load may read an older write of its cell (a logged value choice)
  // unless a barrier, an acquire or coherence forbids it, and stores may become visible out
  // of program order unless a barrier or a release orders them (docs/memory-models.md).
  readOnce(c: Cell): Prim<number>;
  writeOnce(c: Cell, v: number): Prim<void>;
  /** `acquire` and `seq_cst` are acquire loads (LDAR); others are plain. */
  load(c: Cell, order?: MemoryOrder): Prim<number>;
  /** A seq_cst store is store + full fence (x86 xchg); `release` is a release store; others are plain. */
  store(c: Cell, v: number, order?: MemoryOrder): Prim<void>;
  /** Acquire load: later loads and stores are ordered after it (arm64-lite; a plain load under sc/tso). */
  smp_load_acquire(c: Cell): Prim<number>;
  /** Release store: ordered after every earlier load and store (arm64-lite; a plain store under sc/tso). */
  smp_store_release(c: Cell, v: number): Prim<void>;
  /** Store then full barrier (one step). */
  smp_store_mb(c: Cell, v: number): Prim<void>;

  // ---- atomic read-modify-writes ------------------------------------------------------------
  // Fully ordered by default, like the kernel's value-returning atomics: under tso they drain
  // the own store buffer (x86 LOCK, whatever `order` says); under arm64-lite `order` picks the
  // kernel's _relaxed / _acquire / _release form ('seq_cst' or none = fully ordered), and a
  // failed cmpxchg orders nothing (LKMM; arm64's cmpxchg skips its barrier on failure).
  /** Returns the old value; stores `nw` iff old === expected. */
  cmpxchg(c: Cell, expected: number, nw: number, order?: MemoryOrder): Prim<number>;
  /** Returns the old value. */
  xchg(c: Cell, v: number, order?: MemoryOrder): Prim<number>;
  /** Returns the old value (32-bit wrap-around, masked to the view). */
  fetchAdd(c: Cell, delta: number, order?: MemoryOrder): Prim<number>;
  fetchOr(c: Cell, bits: number, order?: MemoryOrder): Prim<number>;
  fetchAnd(c: Cell, bits: number, order?: MemoryOrder): Prim<number>;
  fetchAndNot(c: Cell, bits: number, order?: MemoryOrder): Prim<number>;

  // ---- barriers and spinning ------------------------------------------------------------
  smp_mb(): Prim<void>;
  /** Orders earlier loads before later loads (arm64-lite); no-op under sc and tso (kept as a step so traces read like the source). */
  smp_rmb(): Prim<void>;
  /** Orders earlier stores before later stores (arm64-lite); no-op under sc and tso. */
  smp_wmb(): Prim<void>;
  /** One spin iteration: a preemption point with no memory effect; the liveness oracle counts it. */
  cpuRelax(): Prim<void>;
  /**
   * `while (!pred(READ_ONCE(c))) cpu_relax();` as ONE step that is not schedulable until
   * `pred` holds for the value this cpu would read (seeds-qspinlock.md 2.5: keeps the state
   * space finite without losing behaviours). Returns the value read. `order` 'acquire' is
   * smp_cond_load_acquire (arm64-lite orders later accesses after the load that ended the wait).
   */
  waitUntil(c: Cell, pred: (v: number) => boolean, what?: string, order?: MemoryOrder): Prim<number>;
  /**
   * waitUntil over several cells: ONE step that is not schedulable until `pred` holds for the
   * values this cpu would read from `cells` (in order), and returns those values. The cells are
   * read at one instant, as if under the lock that protects them (a seqlock read, a condition
   * evaluated with the wait-queue lock held). A C loop that reads them one by one may also exit
   * on a combination that never existed at one instant: when that matters (Peterson, Dekker,
   * bakery), write the loop with separate reads and `cpuRelax`. Hang and deadlock reports show
   * the value of every cell. `pred` gets a reused array: copy it if you keep it.
   */
  waitUntilAll(cells: readonly Cell[], pred: (values: readonly number[]) => boolean, what?: string): Prim<number[]>;

  // ---- node pools (one step each) ------------------------------------------------------------
  /**
   * Allocate a node of `pool` (created at setup by `env.mem.pool`): returns its handle, the
   * most recently freed node first. A violation when every node is allocated. Drains the own
   * store buffer under tso (allocators use LOCKed operations).
   */
  alloc(pool: NodePool): Prim<number>;
  /**
   * Free node `node` of `pool` (0 = NULL: a no-op, like kfree(NULL)). Freeing a freed node is a
   * violation (double free), and so is any later access to its fields until it is allocated
   * again (use-after-free), each naming the threads, steps and program points involved.
   */
  free(pool: NodePool, node: number): Prim<void>;

  // ---- nondeterminism -------------------------------------------------------------------
  /** A value in [0, n) chosen by the strategy (recorded in the decision log). Not a preemption point. */
  choose(n: number, label?: string): Prim<number>;

  // ---- kernel simulation ----------------------------------------------------------------
  /** local_irq_disable: IPIs to this cpu stay pending until irqs are on again (free, no step). */
  irqDisable(): void;
  irqEnable(): void;
  /** Current irq state of this cpu. */
  irqsEnabled(): boolean;
  /** Latch IPI `vector` on `cpu` (coalesces with a pending one); handler registered at setup. One step. */
  ipiSend(cpu: number, vector: number, payload?: number): Prim<void>;
  /**
   * pv_wait(ptr, val): halt unless *ptr != val, or consume a kick token (seeds-qspinlock.md
   * 2.4). `opts`: whether the halt may end early ({@link WaitOptions}).
   */
  pvWait(c: Cell | null, val: number, opts?: WaitOptions): Prim<PvWaitResult>;
  /** pv_kick(cpu): wake a halted cpu, else leave a sticky kick token. */
  pvKick(cpu: number): Prim<void>;
  /**
   * futex_wait: block unless *c != val; woken only by futexWake on the same cell, or (with
   * `opts`) ended early by a timeout or a signal, leaving the futex queue ({@link WaitOptions}).
   */
  futexWait(c: Cell, val: number, opts?: WaitOptions): Prim<FutexWaitResult>;
  /** futex_wake: wake up to n waiters of c (FIFO); returns how many were woken. */
  futexWake(c: Cell, n: number): Prim<number>;
  /** Block this thread until `wake(id)` (task sleeping on a wait queue), or early with `opts` ({@link WaitOptions}). */
  sleep(what: string, opts?: WaitOptions): Prim<SleepResult>;
  /** Make thread `id` runnable if it sleeps; returns whether it did. One step. */
  wake(id: number): Prim<boolean>;
  /**
   * spin_lock: cmpxchg(c, 0, owner) loop with waitUntil(c == 0) in between. A full barrier
   * iff knob lockAcquireIsFence, else an acquire. `owner` defaults to id + 1.
   */
  spinLock(c: Cell, owner?: number): Prim<void>;
  /** spin_trylock: one cmpxchg; true when taken. */
  spinTrylock(c: Cell, owner?: number): Prim<boolean>;
  /** spin_unlock: release store of 0 (a plain store under tso; a full barrier iff knob unlockIsFence). */
  spinUnlock(c: Cell): Prim<void>;

  // ---- ghost / oracle API (free: no step) ------------------------------------------------
  /** Committed memory value (no buffer forwarding): for ghost checks only. */
  peek(c: Cell): number;
  /** Name the program point the thread is at (shown in traces and hang reports; coverage). */
  at(location: string): void;
  /**
   * A progress event for the hang oracle. By default history returns (`ok`) and thread exits
   * count as progress too; with `Target.progress: 'explicit'` only this and thread exits do,
   * so that operations recorded inside a retry loop cannot hide a livelock.
   */
  progress(label?: string): void;
  /** Start an operation of the history (Jepsen invoke). Returns the op id. */
  invoke(f: string, input?: unknown, key?: string): number;
  /** Complete the thread's open operation with its output (Jepsen ok). */
  ok(output?: unknown): void;
  /** Critical-section occupancy check of the lock workload: violation when another thread is inside. */
  enterCritical(lock?: string): void;
  exitCritical(lock?: string): void;
  /** Assertion failure (violation) unless cond holds. */
  assert(cond: boolean, message: string): void;
  /** BUG_ON(cond): violation "BUG: message" when cond holds. */
  BUG_ON(cond: boolean, message: string): void;
  /** WARN_ON(cond): violation "WARN: message" when cond holds (a WARN is a finding in lockstep). */
  WARN_ON(cond: boolean, message: string): void;
}
