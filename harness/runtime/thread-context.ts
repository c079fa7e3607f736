import type { Cell, MemoryOrder } from '../memory/cell';
import type { MemoryModel } from '../memory/memory-model';
import { RMW_ACQUIRE, RMW_FULL, type Arm64LiteMemory } from '../memory/arm64-lite-memory';
import { rmwOrderCode } from './rmw-order';
import type { NodePool } from '../memory/node-pool';
import { BLOCK_FUTEX, BLOCK_NONE, BLOCK_PV, BLOCK_SLEEP } from '../kernel/block-kind';
import type { Execution } from './execution';
import * as K from './op-code';
import { PrimStep } from './prim-step';
import type { RmwOperands } from './rmw-operands';
import type { FutexWaitResult, Prim, PvWaitResult, SleepResult, StepRequest, ThreadApi, WaitOptions } from './thread-api';
import { earlyFlags, earlyResult, WAKE_NORMAL } from './early-wake';

/** A pending waitUntilAll: its cells, predicate, description and the reused array of values it is checked on. */
export interface PendingWaitAll {
  readonly cells: readonly Cell[];
  readonly pred: (values: readonly number[]) => boolean;
  readonly what: string;
  readonly values: number[];
}

/** ThreadContext.heapOp of a pending OP_HEAP step. */
export const HEAP_ALLOC = 0;
export const HEAP_FREE = 1;

/** Saved state of an interrupted frame while an IPI handler runs on the thread. */
export interface SavedFrame {
  readonly gen: Generator<StepRequest, void, unknown> | null;
  readonly op: number;
  readonly cell: Cell | null;
  readonly pred: ((v: number) => boolean) | null;
  readonly what: string;
  readonly waitAll: PendingWaitAll | null;
  readonly location: string;
  readonly irqsOn: number;
  readonly prim: PrimStep;
}

const isZero = (v: number): boolean => v === 0;

/**
 * The `t` of a model thread: implements ThreadApi over one Execution. Each Prim sets the
 * thread's pending request (op, cell, predicate), yields once (the preemption point) and, when
 * the scheduler resumes it, performs its effect atomically inside that step. Ghost methods are
 * plain calls. All mutable per-thread scheduler state lives here as numbers and references
 * (no allocation per step besides the generator object of each primitive).
 */
export class ThreadContext implements ThreadApi {
  /** Generator of the running frame (main body or IPI handler); null once finished. */
  gen: Generator<StepRequest, void, unknown> | null = null;
  /** Pending request (op code, cell, waitUntil predicate and its description). */
  op: number = K.OP_NONE;
  cell: Cell | null = null;
  pred: ((v: number) => boolean) | null = null;
  what = '';
  /** Pending waitUntilAll (op OP_WAIT_ALL), else null. */
  waitAll: PendingWaitAll | null = null;
  /** Kernel wait the thread is blocked in (BLOCK_*). */
  block: number = BLOCK_NONE;
  /** EARLY_* bits: how the blocking wait the thread is in may end before its waker wakes it. */
  early = 0;
  /** Why the last blocking wait ended (WAKE_*): its resume step returns accordingly. */
  wakeReason = WAKE_NORMAL;
  /** Pending heap operation of an OP_HEAP step (HEAP_ALLOC / HEAP_FREE). */
  heapOp = HEAP_ALLOC;
  /** Value a blocking wait compared against (pv_wait / futex_wait), for reports. */
  waitValue = 0;
  location = '';
  finished = false;
  /** cpuRelax count (spin quiescence oracle). */
  relaxes = 0;
  /** The thread's last step was a `cpuRelax` (a spin iteration): leaving it is a spin yield, not a preemption. */
  spun = false;
  readonly frames: SavedFrame[] = [];
  /** Open history operation id, or -1. */
  openOp = -1;
  /** Reusable iterator of the running frame's single-yield primitives (saved with the frame by an IPI). */
  prim: PrimStep = new PrimStep(this);
  /** Shared RMW update functions of the execution (no closure per RMW). */
  private rmw: RmwOperands;

  /** The execution this thread runs in; cut by `detach()` once the execution is over. */
  private ex: Execution;

  /** Kept past `detach()`: an instance's describe() may peek at the final memory afterwards. */
  private readonly memory: MemoryModel;

  constructor(ex: Execution, readonly id: number, readonly name: string) {
    this.ex = ex;
    this.rmw = ex.rmw;
    this.memory = ex.mem;
  }

  /**
   * Called once the execution's outcome is built: drop every reference from this context into
   * the execution. Model closures routinely keep `t` (e.g. a ghost `peek`), and every
   * per-execution generator function of a model leaves a hidden class in V8's old space whose
   * constructor reaches those closures. Without the cut, each such dead map keeps a whole
   * execution (memory, history, generators, kernel) alive through every young-generation GC
   * until the next full GC: measured at ~3 MB promoted per scavenge and a third of the CPU
   * time of the engine benchmark. Afterwards only `peek` works (on the final memory, for an
   * instance's describe()); a model must not run `t` across executions.
   */
  detach(): void {
    this.ex = null as unknown as Execution;
    this.rmw = null as unknown as RmwOperands;
    this.prim = null as unknown as PrimStep;
    this.gen = null;
    if (this.frames.length !== 0) this.frames.length = 0;
    this.cell = null;
    this.pred = null;
    this.waitAll = null;
  }

  // ---- plain accesses ------------------------------------------------------------------
  // Single-yield primitives arm the frame's reusable PrimStep (prim-step.ts): no generator
  // object per step. `perform` below holds their effects.

  readOnce(c: Cell): Prim<number> {
    return this.prim.arm(K.OP_READ_ONCE, c, 0, 0, 0) as Prim<number>;
  }

  writeOnce(c: Cell, v: number): Prim<void> {
    return this.prim.arm(K.OP_WRITE_ONCE, c, v, 0, 0) as Prim<void>;
  }

  load(c: Cell, order?: MemoryOrder): Prim<number> {
    return this.prim.arm(K.OP_LOAD, c, order === 'acquire' || order === 'seq_cst' ? 1 : 0, 0, 0) as Prim<number>;
  }

  store(c: Cell, v: number, order?: MemoryOrder): Prim<void> {
    return this.prim.arm(K.OP_STORE, c, v, order === 'seq_cst' ? 1 : order === 'release' ? 2 : 0, 0) as Prim<void>;
  }

  smp_load_acquire(c: Cell): Prim<number> {
    return this.prim.arm(K.OP_LOAD_ACQUIRE, c, 0, 0, 0) as Prim<number>;
  }

  smp_store_release(c: Cell, v: number): Prim<void> {
    return this.prim.arm(K.OP_STORE_RELEASE, c, v, 0, 0) as Prim<void>;
  }

  smp_store_mb(c: Cell, v: number): Prim<void> {
    return this.prim.arm(K.OP_STORE_MB, c, v, 0, 0) as Prim<void>;
  }

  private storeNow(c: Cell, v: number, fence: boolean): void {
    const mem = this.ex.mem;
    mem.store(this.id, c, v);
    if (fence) mem.drain(this.id);
    if (this.ex.tracing) this.ex.traceAccess(this, c, v, undefined);
  }

  /** A release store: a plain buffered store under tso, ordered after all older stores under arm64-lite. */
  private storeReleaseNow(c: Cell, v: number): void {
    const w = this.ex.weak;
    if (w === null) return this.storeNow(c, v, false);
    w.storeRelease(this.id, c, v);
    if (this.ex.tracing) this.ex.traceAccess(this, c, v, undefined);
  }

  /**
   * arm64-lite load: which readable write it reads is a value choice (0 = newest); a
   * waitUntil chooses among the writes satisfying its predicate only.
   */
  private weakLoad(w: Arm64LiteMemory, c: Cell, acquire: boolean, pred: ((v: number) => boolean) | null): number {
    const ex = this.ex;
    const n = w.beginRead(this.id, c, acquire);
    let k = 0;
    if (pred === null) {
      if (n > 1) k = ex.chooseRead(this, n, c);
    } else {
      let m = 0;
      for (let i = 0; i < n; i++) if (pred(w.readableValue(this.id, c, i))) m++;
      let j = m > 1 ? ex.chooseRead(this, m, c) : 0;
      for (k = 0; k < n; k++) if (pred(w.readableValue(this.id, c, k)) && j-- === 0) break;
    }
    const v = w.readAt(this.id, c, k, acquire);
    if (w.lastSuperseded !== 0) ex.staleRead(this, w.lastSuperseded);
    if (ex.tracing) {
      if (k === 0) ex.traceAccess(this, c, v, undefined);
      else ex.traceRow(this.id, K.OP_NAMES[this.op], c.name, `${ex.formatValue(c, v)} (stale: ${k} newer write${k === 1 ? '' : 's'})`);
    }
    return v;
  }

  // ---- RMWs (x86 LOCK: drain the own buffer) -------------------------------------------------

  cmpxchg(c: Cell, expected: number, nw: number, order?: MemoryOrder): Prim<number> {
    return this.prim.arm(K.OP_CMPXCHG, c, expected, nw, order === undefined ? RMW_FULL : rmwOrderCode(order)) as Prim<number>;
  }

  xchg(c: Cell, v: number, order?: MemoryOrder): Prim<number> {
    return this.prim.arm(K.OP_XCHG, c, v, 0, order === undefined ? RMW_FULL : rmwOrderCode(order)) as Prim<number>;
  }

  fetchAdd(c: Cell, delta: number, order?: MemoryOrder): Prim<number> {
    return this.prim.arm(K.OP_FETCH_ADD, c, delta, 0, order === undefined ? RMW_FULL : rmwOrderCode(order)) as Prim<number>;
  }

  fetchOr(c: Cell, bits: number, order?: MemoryOrder): Prim<number> {
    return this.prim.arm(K.OP_FETCH_OR, c, bits, 0, order === undefined ? RMW_FULL : rmwOrderCode(order)) as Prim<number>;
  }

  fetchAnd(c: Cell, bits: number, order?: MemoryOrder): Prim<number> {
    return this.prim.arm(K.OP_FETCH_AND, c, bits, 0, order === undefined ? RMW_FULL : rmwOrderCode(order)) as Prim<number>;
  }

  fetchAndNot(c: Cell, bits: number, order?: MemoryOrder): Prim<number> {
    return this.prim.arm(K.OP_FETCH_ANDNOT, c, bits, 0, order === undefined ? RMW_FULL : rmwOrderCode(order)) as Prim<number>;
  }

  /**
   * The effect of an RMW (operands normalised to the view's width, as the hardware compares
   * them). `order` (RMW_*) is how arm64-lite orders it; under tso every RMW is a LOCKed
   * instruction that drains the buffer, except a lock acquire when knob lockAcquireIsFence
   * is off (`drain` false).
   */
  private rmwNow(c: Cell, fn: (old: number) => number, a: number, b: number, order: number, drain = true): number {
    const ops = this.rmw;
    const cas = fn === ops.cmpxchg;
    ops.a = cas ? ((a << c.shift) & c.mask) >>> c.shift : a;
    ops.b = b;
    const w = this.ex.weak;
    const old = w === null ? this.ex.mem.rmw(this.id, c, fn, drain) : w.rmwOrdered(this.id, c, fn, order, cas ? ops.a : -1);
    if (this.ex.tracing) this.ex.traceAccess(this, c, old, this.ex.mem.load(this.id, c));
    return old;
  }

  /** RMW order of a lock acquire: full barrier per knob lockAcquireIsFence, else an acquire. */
  private lockOrder(): number {
    return this.ex.knobs.lockAcquireIsFence ? RMW_FULL : RMW_ACQUIRE;
  }

  // ---- barriers and spinning ------------------------------------------------------------

  smp_mb(): Prim<void> {
    return this.prim.arm(K.OP_MB, null, 0, 0, 0) as Prim<void>;
  }

  smp_rmb(): Prim<void> {
    return this.prim.arm(K.OP_RMB, null, 0, 0, 0) as Prim<void>;
  }

  smp_wmb(): Prim<void> {
    return this.prim.arm(K.OP_WMB, null, 0, 0, 0) as Prim<void>;
  }

  cpuRelax(): Prim<void> {
    return this.prim.arm(K.OP_RELAX, null, 0, 0, 0) as Prim<void>;
  }

  waitUntil(c: Cell, pred: (v: number) => boolean, what?: string, order?: MemoryOrder): Prim<number> {
    return this.prim.armWait(K.OP_WAIT, c, pred, what ?? '', order === 'acquire' || order === 'seq_cst') as Prim<number>;
  }

  *waitUntilAll(cells: readonly Cell[], pred: (values: readonly number[]) => boolean, what?: string): Prim<number[]> {
    if (cells.length === 0) throw new RangeError('waitUntilAll: give at least one cell');
    const w: PendingWaitAll = { cells, pred, what: what ?? '', values: new Array<number>(cells.length).fill(0) };
    this.op = K.OP_WAIT_ALL;
    this.cell = cells[0];
    this.what = w.what;
    this.waitAll = w;
    yield K.OP_WAIT_ALL;
    this.waitAll = null;
    // scheduled because pred held on these values at this very step: read them as the result
    const ex = this.ex;
    const out = new Array<number>(cells.length);
    for (let k = 0; k < cells.length; k++) {
      const c = cells[k];
      if (ex.heapWords !== null && ex.heapWords[c.addr] === 1) ex.badAccess(this, c);
      // arm64-lite: the newest values, read at one instant (no read choices: the cells are
      // read as under the lock that protects them); the reads still advance coherence
      out[k] = ex.weak !== null ? this.kernelRead(c) : ex.mem.load(this.id, c);
    }
    if (ex.tracing) ex.traceRow(this.id, 'waitUntilAll', cells.map((c) => c.name).join(', '), cells.map((c, k) => ex.formatValue(c, out[k])).join(', '));
    return out;
  }

  // ---- node pools ------------------------------------------------------------------------

  *alloc(pool: NodePool): Prim<number> {
    const p = this.ex.poolOf(pool, 'alloc');
    this.op = K.OP_HEAP;
    this.heapOp = HEAP_ALLOC;
    this.cell = p.control;
    yield K.OP_HEAP;
    return this.ex.heapAlloc(this, p);
  }

  *free(pool: NodePool, node: number): Prim<void> {
    const p = this.ex.poolOf(pool, 'free');
    this.op = K.OP_HEAP;
    this.heapOp = HEAP_FREE;
    this.cell = p.control;
    yield K.OP_HEAP;
    this.ex.heapFree(this, p, node);
  }

  // ---- the two halves of a single-yield primitive (PrimStep calls them) --------------------

  /** The primitive yields: its op, cell (and waitUntil predicate) become the pending request. */
  request(p: PrimStep): void {
    this.op = p.op;
    this.cell = p.cell;
    if (p.op === K.OP_WAIT) {
      this.pred = p.pred;
      this.what = p.what;
    }
  }

  /** The scheduler resumed this thread: the primitive's effect, atomically, inside this step. */
  perform(p: PrimStep): unknown {
    const ex = this.ex;
    const c = p.cell!;
    // node pools: an access to a word of a node that is not allocated (one array read; null without pools)
    if (ex.heapWords !== null && c !== null && ex.heapWords[c.addr] === 1) ex.badAccess(this, c);
    switch (p.op) {
      case K.OP_READ_ONCE:
      case K.OP_LOAD:
      case K.OP_LOAD_ACQUIRE: {
        if (ex.weak !== null) return this.weakLoad(ex.weak, c, p.op === K.OP_LOAD_ACQUIRE || p.a === 1, null);
        const v = ex.mem.load(this.id, c);
        if (ex.tracing) ex.traceAccess(this, c, v, undefined);
        return v;
      }
      case K.OP_WAIT: {
        const pred = this.pred!;
        this.pred = null;
        if (ex.weak !== null) return this.weakLoad(ex.weak, c, p.a === 1, pred);
        const v = ex.mem.load(this.id, c);
        if (ex.tracing) ex.traceAccess(this, c, v, undefined);
        return v;
      }
      case K.OP_WRITE_ONCE:
        this.storeNow(c, p.a, false);
        return undefined;
      case K.OP_STORE_RELEASE:
        this.storeReleaseNow(c, p.a);
        return undefined;
      case K.OP_STORE:
        if (p.b === 2) this.storeReleaseNow(c, p.a);
        else this.storeNow(c, p.a, p.b === 1);
        return undefined;
      case K.OP_STORE_MB:
        this.storeNow(c, p.a, true);
        return undefined;
      case K.OP_CMPXCHG:
        return this.rmwNow(c, this.rmw.cmpxchg, p.a, p.b, p.c);
      case K.OP_XCHG:
        return this.rmwNow(c, this.rmw.xchg, p.a, 0, p.c);
      case K.OP_FETCH_ADD:
        return this.rmwNow(c, this.rmw.add, p.a, 0, p.c);
      case K.OP_FETCH_OR:
        return this.rmwNow(c, this.rmw.or, p.a, 0, p.c);
      case K.OP_FETCH_AND:
        return this.rmwNow(c, this.rmw.and, p.a, 0, p.c);
      case K.OP_FETCH_ANDNOT:
        return this.rmwNow(c, this.rmw.andNot, p.a, 0, p.c);
      case K.OP_MB:
        ex.mem.drain(this.id);
        if (ex.tracing) ex.traceOp(this);
        return undefined;
      case K.OP_RMB:
        if (ex.weak !== null) ex.weak.rmb(this.id);
        if (ex.tracing) ex.traceOp(this);
        return undefined;
      case K.OP_WMB:
        if (ex.weak !== null) ex.weak.wmb(this.id);
        if (ex.tracing) ex.traceOp(this);
        return undefined;
      case K.OP_RELAX:
        this.relaxes++;
        if (ex.tracing) ex.traceOp(this);
        return undefined;
      case K.OP_IPI_SEND:
        return this.ipiSendNow(p.a, p.b, p.c);
      case K.OP_PV_KICK:
        return this.pvKickNow(p.a);
      case K.OP_FUTEX_WAKE:
        return this.futexWakeNow(c, p.a);
      case K.OP_WAKE:
        return this.wakeNow(p.a);
      case K.OP_SPIN_TRYLOCK:
        return this.rmwNow(c, this.rmw.cmpxchg, 0, p.a, this.lockOrder(), ex.knobs.lockAcquireIsFence) === 0;
      case K.OP_SPIN_UNLOCK:
        if (ex.knobs.unlockIsFence) this.storeNow(c, 0, true);
        else this.storeReleaseNow(c, 0);
        return undefined;
      default:
        throw new Error(`internal: no single-step effect for op ${K.OP_NAMES[p.op] ?? p.op}`);
    }
  }

  // ---- nondeterminism --------------------------------------------------------------------

  *choose(n: number, label?: string): Prim<number> {
    return this.ex.chooseValue(this, n, label);
  }

  // ---- kernel simulation ---------------------------------------------------------------

  irqDisable(): void {
    this.ex.kernel.ipi.irqsOn[this.id] = 0;
  }

  irqEnable(): void {
    this.ex.kernel.ipi.irqsOn[this.id] = 1;
  }

  irqsEnabled(): boolean {
    return this.ex.kernel.ipi.irqsOn[this.id] === 1;
  }

  ipiSend(cpu: number, vector: number, payload = 0): Prim<void> {
    return this.prim.arm(K.OP_IPI_SEND, null, cpu, vector, payload) as Prim<void>;
  }

  private ipiSendNow(cpu: number, vector: number, payload: number): void {
    if (this.ex.knobs.ipiSendIsFence) this.ex.mem.drain(this.id);
    this.ex.logIpi(cpu);
    const latched = this.ex.kernel.ipi.send(cpu, vector, payload);
    this.ex.noteEvent();
    if (this.ex.tracing) this.ex.traceRow(this.id, 'ipiSend', undefined, `cpu${cpu} vector ${vector}${latched ? '' : ' (coalesced)'}`);
  }

  *pvWait(c: Cell | null, val: number, opts?: WaitOptions): Prim<PvWaitResult> {
    this.op = K.OP_PV_WAIT;
    this.cell = c;
    this.waitValue = val;
    yield K.OP_PV_WAIT;
    const ex = this.ex;
    ex.logWait(this.id);
    if (ex.knobs.pvCallIsFence) {
      ex.mem.drain(this.id);
      if (ex.weak !== null) ex.weak.syncNow(this.id);
    }
    // seeds-qspinlock.md 2.4: recheck *ptr, then a sticky token, else halt until kicked
    if (c !== null) {
      if (ex.heapWords !== null && ex.heapWords[c.addr] === 1) ex.badAccess(this, c);
      const cur = this.kernelRead(c);
      if (cur !== ((val << c.shift) & c.mask) >>> c.shift) {
        if (ex.tracing) ex.traceRow(this.id, 'pvWait', c.name, `${ex.formatValue(c, cur)} != ${ex.formatValue(c, val)}: mismatch`);
        return 'mismatch';
      }
    }
    if (ex.kernel.kicks.consume(this.id)) {
      ex.noteEvent();
      if (ex.tracing) ex.traceRow(this.id, 'pvWait', c?.name, 'token');
      return 'token';
    }
    ex.blockThread(this, BLOCK_PV, earlyFlags(opts));
    this.op = K.OP_RESUME;
    yield K.OP_RESUME;
    if (ex.weak !== null) ex.weak.syncNow(this.id);
    const early = this.takeEarlyResult();
    if (ex.tracing) ex.traceRow(this.id, 'pvWait', c?.name, early ?? 'kicked');
    return early ?? 'kicked';
  }

  pvKick(cpu: number): Prim<void> {
    return this.prim.arm(K.OP_PV_KICK, null, cpu, 0, 0) as Prim<void>;
  }

  private pvKickNow(cpu: number): void {
    const ex = this.ex;
    if (ex.knobs.pvCallIsFence) ex.mem.drain(this.id);
    ex.logWait(cpu);
    const target = ex.thread(cpu, 'pvKick');
    if (target.block === BLOCK_PV) {
      if (ex.tracing) ex.traceRow(this.id, 'pvKick', undefined, `${target.name} woken`);
      ex.wakeThread(target);
    } else {
      ex.kernel.kicks.set(cpu);
      ex.noteEvent();
      if (ex.tracing) ex.traceRow(this.id, 'pvKick', undefined, `${target.name} not halted: token set`);
    }
  }

  /** A read inside a kernel call (pv_wait / futex_wait recheck): the newest readable value, views updated. */
  private kernelRead(c: Cell): number {
    const w = this.ex.weak;
    if (w === null) return this.ex.mem.load(this.id, c);
    w.beginRead(this.id, c, false);
    return w.readAt(this.id, c, 0, false);
  }

  *futexWait(c: Cell, val: number, opts?: WaitOptions): Prim<FutexWaitResult> {
    this.op = K.OP_FUTEX_WAIT;
    this.cell = c;
    this.waitValue = val;
    yield K.OP_FUTEX_WAIT;
    const ex = this.ex;
    ex.logWait(this.id);
    ex.logFutex(c.addr);
    // the syscall takes the hash-bucket lock (a LOCKed RMW on x86): the buffer drains; the
    // kernel's futex queue is sequentially consistent, so the value check sees the newest write
    ex.mem.drain(this.id);
    if (ex.weak !== null) ex.weak.syncNow(this.id);
    if (ex.heapWords !== null && ex.heapWords[c.addr] === 1) ex.badAccess(this, c);
    const cur = this.kernelRead(c);
    if (cur !== ((val << c.shift) & c.mask) >>> c.shift) {
      if (ex.tracing) ex.traceRow(this.id, 'futexWait', c.name, `${ex.formatValue(c, cur)} != ${ex.formatValue(c, val)}: mismatch`);
      return 'mismatch';
    }
    ex.kernel.futex.enqueue(c.addr, this.id);
    ex.blockThread(this, BLOCK_FUTEX, earlyFlags(opts));
    this.op = K.OP_RESUME;
    yield K.OP_RESUME;
    if (ex.weak !== null) ex.weak.syncNow(this.id);
    const early = this.takeEarlyResult();
    if (ex.tracing) ex.traceRow(this.id, 'futexWait', c.name, early ?? 'woken');
    return early ?? 'woken';
  }

  futexWake(c: Cell, n: number): Prim<number> {
    return this.prim.arm(K.OP_FUTEX_WAKE, c, n, 0, 0) as Prim<number>;
  }

  private futexWakeNow(c: Cell, n: number): number {
    const ex = this.ex;
    ex.mem.drain(this.id);
    ex.logFutex(c.addr);
    const woken = ex.kernel.futex.dequeue(c.addr, n);
    for (const w of woken) ex.logWait(w);
    if (ex.tracing) ex.traceRow(this.id, 'futexWake', c.name, `${woken.length} woken${woken.length ? ': ' + woken.map((w) => ex.threadName(w)).join(', ') : ''}`);
    for (const w of woken) ex.wakeThread(ex.thread(w, 'futexWake'));
    return woken.length;
  }

  *sleep(what: string, opts?: WaitOptions): Prim<SleepResult> {
    this.op = K.OP_SLEEP;
    this.cell = null;
    this.what = what;
    yield K.OP_SLEEP;
    this.ex.logWait(this.id);
    this.ex.blockThread(this, BLOCK_SLEEP, earlyFlags(opts));
    this.op = K.OP_RESUME;
    yield K.OP_RESUME;
    if (this.ex.weak !== null) this.ex.weak.syncNow(this.id);
    const early = this.takeEarlyResult();
    if (this.ex.tracing) this.ex.traceRow(this.id, 'sleep', undefined, `${early ?? 'woken'} (${what})`);
    return early ?? 'woken';
  }

  /** After the resume of a blocking wait: 'timeout' / 'interrupted' when it ended early, else undefined. */
  private takeEarlyResult(): 'timeout' | 'interrupted' | undefined {
    const r = this.wakeReason;
    if (r === WAKE_NORMAL) return undefined;
    this.wakeReason = WAKE_NORMAL;
    return earlyResult(r);
  }

  wake(id: number): Prim<boolean> {
    return this.prim.arm(K.OP_WAKE, null, id, 0, 0) as Prim<boolean>;
  }

  private wakeNow(id: number): boolean {
    const ex = this.ex;
    ex.logWait(id);
    const target = ex.thread(id, 'wake');
    const sleeping = target.block === BLOCK_SLEEP;
    if (ex.tracing) ex.traceRow(this.id, 'wake', undefined, sleeping ? `${target.name} woken` : `${target.name} not sleeping`);
    if (sleeping) ex.wakeThread(target);
    return sleeping;
  }

  *spinLock(c: Cell, owner?: number): Prim<void> {
    const v = owner ?? this.id + 1;
    for (;;) {
      this.op = K.OP_SPIN_LOCK;
      this.cell = c;
      yield K.OP_SPIN_LOCK;
      if (this.ex.heapWords !== null && this.ex.heapWords[c.addr] === 1) this.ex.badAccess(this, c);
      if (this.rmwNow(c, this.rmw.cmpxchg, 0, v, this.lockOrder(), this.ex.knobs.lockAcquireIsFence) === 0) return;
      yield* this.waitUntil(c, isZero, 'spin_lock: lock free');
    }
  }

  spinTrylock(c: Cell, owner?: number): Prim<boolean> {
    return this.prim.arm(K.OP_SPIN_TRYLOCK, c, owner ?? this.id + 1, 0, 0) as Prim<boolean>;
  }

  spinUnlock(c: Cell): Prim<void> {
    return this.prim.arm(K.OP_SPIN_UNLOCK, c, 0, 0, 0) as Prim<void>;
  }

  // ---- ghost / oracle API ------------------------------------------------------------------

  peek(c: Cell): number {
    return this.memory.peek(c);
  }

  at(location: string): void {
    this.location = location;
  }

  progress(_label?: string): void {
    this.ex.noteProgress();
  }

  invoke(f: string, input?: unknown, key?: string): number {
    return this.ex.invoke(this, f, input, key);
  }

  ok(output?: unknown): void {
    this.ex.ok(this, output);
  }

  enterCritical(lock = 'lock'): void {
    this.ex.enterCritical(this, lock);
  }

  exitCritical(lock = 'lock'): void {
    this.ex.exitCritical(this, lock);
  }

  assert(cond: boolean, message: string): void {
    if (!cond) this.ex.violation(this, message);
  }

  BUG_ON(cond: boolean, message: string): void {
    if (cond) this.ex.violation(this, `BUG: ${message}`);
  }

  WARN_ON(cond: boolean, message: string): void {
    if (cond) this.ex.violation(this, `WARN: ${message}`);
  }
}
