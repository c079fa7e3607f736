import type { AccessSink } from './access-sink';
import type { Cell } from './cell';
import { CommitHistory } from './commit-history';
import type { MemoryModel } from './memory-model';
import { WeakStoreBuffer } from './weak-store-buffer';
import { fieldOf, placeField, withField } from './word-bits';

/** Ordering of an RMW under arm64-lite (the kernel's _relaxed / _acquire / _release / fully ordered). */
export const RMW_RELAXED = 0;
export const RMW_ACQUIRE = 1;
export const RMW_RELEASE = 2;
export const RMW_FULL = 3;

/**
 * arm64-lite: an operational model of the ARMv8 memory model without load buffering and
 * without dependency ordering (docs/memory-models.md states exactly what it does and does
 * not model). Two mechanisms:
 *
 * - **Stores** go to a per-cpu buffer (weak-store-buffer.ts) and commit one at a time to a
 *   single global order, possibly out of program order (store-store reordering); committing
 *   is a scheduler choice, as under tso. One global order makes the model other-multi-copy
 *   atomic, as ARMv8 is: a cpu reads its own buffered stores early, every other cpu sees a
 *   store at the same moment.
 * - **Loads** read any committed write of their word that is not older than a bound given by
 *   the cpu's views (the promise-free part of Promising-ARM, Pulte et al. PLDI 2019):
 *   `coh` per word (per-location coherence: never older than what this cpu last read or
 *   wrote there), `vRead` (barriers: smp_rmb, smp_mb, acquire), `vrOld`/`vwOld` (newest write
 *   read / written, what the barriers order). Which write a load reads is a value choice of
 *   the strategy (decision 0 = newest), so load-load reordering is explored like a schedule.
 *
 * A load is performed when its step runs and a store only commits after it was issued, so
 * load->store order always holds (no load buffering: LB is forbidden here, allowed on ARM).
 * Own stores are forwarded to own loads of the same word (then no older value is readable).
 * The 32-bit word is the unit of coherence for masked 8/16-bit views.
 */
export class Arm64LiteMemory implements MemoryModel {
  readonly name = 'arm64-lite' as const;
  private readonly words: Uint32Array;
  private readonly hist: CommitHistory;
  private readonly buffers: WeakStoreBuffer[] = [];
  private readonly nWords: number;
  private readonly cpus: number;
  /** cpu * nWords + addr: timestamp of the newest write of addr this cpu read or wrote. */
  private readonly coh: Int32Array;
  /** Later loads of the cpu read nothing older than the newest write at or before this. */
  private readonly vRead: Int32Array;
  /** Newest timestamp read (non-forwarded) / committed by the cpu. */
  private readonly vrOld: Int32Array;
  private readonly vwOld: Int32Array;
  /** Timestamp of the cpu's newest committed release store (acquire after release is ordered: RCsc). */
  private readonly vRel: Int32Array;
  /** Sequence number of the first store after the cpu's latest smp_wmb (later stores wait for those before). */
  private readonly wmbMark: Int32Array;
  private pending = 0;
  private readonly pendingCpus: number[] = [];
  /**
   * Set by readAt: timestamp of the write that superseded the one just read (0 when the
   * newest was read). The load was performed before that write committed: history checking
   * moves the operation's call back to then (Execution.staleRead).
   */
  lastSuperseded = 0;
  private readonly flushed: { cell: Cell; value: number } = { cell: undefined as unknown as Cell, value: 0 };

  /** Step in which the write of each timestamp committed (index = timestamp; 0 = the initial values). */
  private readonly steps: number[] = [0];

  /** Takes ownership of `words` (the initial image; not copied). `step` = the execution's current step number. */
  constructor(words: Uint32Array, cpus: number, private readonly step: () => number = () => 0) {
    this.words = words;
    this.nWords = words.length;
    this.cpus = cpus;
    this.hist = new CommitHistory(words);
    for (let i = 0; i < cpus; i++) this.buffers.push(new WeakStoreBuffer());
    this.coh = new Int32Array(Math.max(1, cpus * this.nWords));
    this.vRead = new Int32Array(cpus);
    this.vrOld = new Int32Array(cpus);
    this.vwOld = new Int32Array(cpus);
    this.vRel = new Int32Array(cpus);
    this.wmbMark = new Int32Array(cpus);
  }

  /** Timestamp of the newest commit (commits so far). */
  get clock(): number {
    return this.hist.clock;
  }

  /** Step number in which the write of timestamp `ts` committed. */
  commitStep(ts: number): number {
    return this.steps[ts];
  }

  // ---- loads ------------------------------------------------------------------------------

  /** The newest value `cpu` can read (what decision 0 reads); no effect on the views. */
  load(cpu: number, cell: Cell): number {
    const a = cell.addr;
    const b = this.buffers[cpu];
    return fieldOf(b.size === 0 ? this.words[a] : b.forward(a, this.words[a]), cell);
  }

  /**
   * Start a load: an acquire load first commits the own stores up to the newest buffered
   * release (STLR then LDAR is ordered, ARMv8 [L];po;[A]). Returns how many values are readable.
   */
  beginRead(cpu: number, cell: Cell, acquire: boolean): number {
    if (acquire) {
      const b = this.buffers[cpu];
      const r = b.size === 0 ? -1 : b.newestRelease();
      for (let i = 0; i <= r; i++) this.commitAt(cpu, 0);
    }
    return this.readable(cpu, cell, acquire);
  }

  /** How many committed writes of the word `cpu` may read now (1 when its own store is forwarded). */
  readable(cpu: number, cell: Cell, acquire: boolean): number {
    const a = cell.addr;
    if (this.buffers[cpu].size > 0 && this.buffers[cpu].newestFor(a) >= 0) return 1;
    return this.hist.end(a) - this.hist.indexAtOrBefore(a, this.bound(cpu, a, acquire));
  }

  /** Value of readable write `k` (0 = newest) without reading it. */
  readableValue(cpu: number, cell: Cell, k: number): number {
    const a = cell.addr;
    const b = this.buffers[cpu];
    if (b.size > 0 && b.newestFor(a) >= 0) return fieldOf(b.forward(a, this.words[a]), cell);
    return fieldOf(this.hist.valueAt(a, this.hist.end(a) - 1 - k), cell);
  }

  /** Perform the load of readable write `k` (after beginRead): views advance. */
  readAt(cpu: number, cell: Cell, k: number, acquire: boolean): number {
    const a = cell.addr;
    const b = this.buffers[cpu];
    let t = 0;
    let word: number;
    this.lastSuperseded = 0;
    if (b.size > 0 && b.newestFor(a) >= 0) {
      word = b.forward(a, this.words[a]);
      // bytes not covered by the own stores come from the newest write, which is then read
      if ((b.maskFor(a) & cell.mask) >>> 0 !== cell.mask >>> 0) t = this.hist.newestTs(a);
    } else {
      const i = this.hist.end(a) - 1 - k;
      word = this.hist.valueAt(a, i);
      t = this.hist.tsAt(a, i);
      if (k > 0) this.lastSuperseded = this.hist.tsAt(a, i + 1);
    }
    const ci = cpu * this.nWords + a;
    if (t > this.coh[ci]) this.coh[ci] = t;
    if (t > this.vrOld[cpu]) this.vrOld[cpu] = t;
    if (acquire) {
      const v = t > this.vRel[cpu] ? t : this.vRel[cpu];
      if (v > this.vRead[cpu]) this.vRead[cpu] = v;
    }
    return fieldOf(word, cell);
  }

  // ---- stores, barriers, RMWs --------------------------------------------------------------

  store(cpu: number, cell: Cell, value: number): void {
    this.buffers[cpu].push(cell, placeField(cell, value), this.wmbMark[cpu], false);
    this.pending++;
  }

  /** A release store: commits only after every older store of the cpu (po; [L]). */
  storeRelease(cpu: number, cell: Cell, value: number): void {
    const b = this.buffers[cpu];
    b.push(cell, placeField(cell, value), b.issued, true);
    this.pending++;
  }

  /** smp_wmb: later stores commit after the earlier ones. */
  wmb(cpu: number): void {
    this.wmbMark[cpu] = this.buffers[cpu].issued;
  }

  /** smp_rmb: later loads read nothing older than what earlier loads observed. */
  rmb(cpu: number): void {
    if (this.vrOld[cpu] > this.vRead[cpu]) this.vRead[cpu] = this.vrOld[cpu];
  }

  /** Full barrier (smp_mb, fenced kernel calls): commit every own store, then order later loads after everything observed. */
  drain(cpu: number): void {
    const b = this.buffers[cpu];
    while (b.size > 0) this.commitAt(cpu, 0);
    this.wmbMark[cpu] = b.issued;
    const v = this.vrOld[cpu] > this.vwOld[cpu] ? this.vrOld[cpu] : this.vwOld[cpu];
    if (v > this.vRead[cpu]) this.vRead[cpu] = v;
  }

  /**
   * Later loads see at least every write committed so far: the cpu synchronised with the
   * simulated kernel/hypervisor, whose state is sequentially consistent (IPI delivery is
   * context synchronising; futex and pv calls; the return from a kernel wait).
   */
  syncNow(cpu: number): void {
    if (this.hist.clock > this.vRead[cpu]) this.vRead[cpu] = this.hist.clock;
  }

  rmw(cpu: number, cell: Cell, update: (old: number) => number, drain: boolean): number {
    return this.rmwOrdered(cpu, cell, update, drain ? RMW_FULL : RMW_ACQUIRE, -1);
  }

  /**
   * Atomic RMW on the newest write of the word (atomicity: its write follows the write it
   * read). A cmpxchg (`casExpected` >= 0) that fails is a plain load of the newest value: it
   * writes nothing and orders nothing (LKMM: a failed cmpxchg provides no ordering; arm64's
   * LL/SC cmpxchg branches past its barrier). A successful one is ordered by `order`.
   */
  rmwOrdered(cpu: number, cell: Cell, update: (old: number) => number, order: number, casExpected: number): number {
    const a = cell.addr;
    const b = this.buffers[cpu];
    // coherence: the own older stores to the word (and what the FIFO puts before them) first
    if (b.size > 0) {
      const k = b.newestFor(a);
      for (let i = 0; i <= k; i++) this.commitAt(cpu, 0);
    }
    const old = fieldOf(this.words[a], cell);
    const tr = this.hist.newestTs(a);
    if (tr > this.vrOld[cpu]) this.vrOld[cpu] = tr;
    const ci = cpu * this.nWords + a;
    if (casExpected >= 0 && old !== casExpected) {
      this.coh[ci] = tr;
      return old;
    }
    if (b.size > 0) {
      if (order >= RMW_RELEASE) {
        while (b.size > 0) this.commitAt(cpu, 0);
      } else {
        // a preceding smp_wmb, and for an acquire RMW a preceding release store ([L]; po; [A])
        let k = b.newestBefore(this.wmbMark[cpu]);
        if (order === RMW_ACQUIRE) {
          const r = b.newestRelease();
          if (r > k) k = r;
        }
        for (let i = 0; i <= k; i++) this.commitAt(cpu, 0);
      }
    }
    // committing other words left this word's newest write (the one read) in place
    const nw = withField(this.words[a], cell, update(old));
    this.words[a] = nw;
    const tc = this.append(a, nw);
    if (tc > this.vwOld[cpu]) this.vwOld[cpu] = tc;
    this.coh[ci] = tc;
    this.prune(a);
    if (order === RMW_FULL) {
      this.wmbMark[cpu] = b.issued;
      const v = this.vrOld[cpu] > this.vwOld[cpu] ? this.vrOld[cpu] : this.vwOld[cpu];
      if (v > this.vRead[cpu]) this.vRead[cpu] = v;
    } else if (order === RMW_ACQUIRE) {
      const v = tr > this.vRel[cpu] ? tr : this.vRel[cpu];
      if (v > this.vRead[cpu]) this.vRead[cpu] = v;
    }
    return old;
  }

  // ---- commits (scheduler choices) -----------------------------------------------------------

  peek(cell: Cell): number {
    return fieldOf(this.words[cell.addr], cell);
  }

  cpusWithPendingStores(): readonly number[] {
    const out = this.pendingCpus;
    out.length = 0;
    if (this.pending === 0) return out;
    for (let i = 0; i < this.cpus; i++) if (this.buffers[i].size > 0) out.push(i);
    return out;
  }

  flushSlots(cpu: number): number {
    const b = this.buffers[cpu];
    return b.size === 0 ? 0 : b.readyCount();
  }

  /** Commit the committable store in `slot` (0 = the oldest store). The result object is reused. */
  flushSlot(cpu: number, slot: number): { cell: Cell; value: number } {
    const b = this.buffers[cpu];
    if (b.size === 0) throw new Error(`arm64-lite: flush of cpu${cpu} whose store buffer is empty`);
    const i = b.readyIndex(slot);
    const c = b.cellAt(i);
    this.flushed.cell = c;
    this.flushed.value = (b.valueAt(i) & c.mask) >>> c.shift;
    this.commitAt(cpu, i);
    return this.flushed;
  }

  flushOldest(cpu: number): { cell: Cell; value: number } {
    return this.flushSlot(cpu, 0);
  }

  quiescent(): boolean {
    return this.pending === 0;
  }

  /** Stores from the oldest uncommitted one on (some may have committed out of order); 0 iff the buffer is empty. */
  bufferedCount(cpu: number): number {
    const b = this.buffers[cpu];
    return b.issued - b.committedPrefix();
  }

  /** Length of the gap-free committed prefix of the cpu's stores (settles history returns). */
  committedCount(cpu: number): number {
    return this.buffers[cpu].committedPrefix();
  }

  /**
   * Partial-order reduction does not support arm64-lite yet: its read choices and the single
   * commit order (DECISIONS.md, weak 1-3) are not reported as accesses, so a sink is refused
   * (the drivers run plain bounded search under this model instead and say so).
   */
  setAccessSink(sink: AccessSink | null): void {
    if (sink !== null) throw new Error('arm64-lite: partial-order reduction does not support this memory model (use plain bounded search)');
  }

  committableWords(): readonly number[] {
    return [];
  }

  /** Buffered stores of `cpu` in program order, as (cell, field value): for reports. */
  bufferedStores(cpu: number): { cell: Cell; value: number }[] {
    const b = this.buffers[cpu];
    const out: { cell: Cell; value: number }[] = [];
    for (let i = 0; i < b.size; i++) out.push({ cell: b.cellAt(i), value: (b.valueAt(i) & b.cellAt(i).mask) >>> b.cellAt(i).shift });
    return out;
  }

  private commitAt(cpu: number, i: number): void {
    const b = this.buffers[cpu];
    const c = b.cellAt(i);
    const a = c.addr;
    const nw = ((this.words[a] & ~c.mask) | b.valueAt(i)) >>> 0;
    this.words[a] = nw;
    const t = this.append(a, nw);
    this.coh[cpu * this.nWords + a] = t;
    if (t > this.vwOld[cpu]) this.vwOld[cpu] = t;
    if (b.isRelease(i)) this.vRel[cpu] = t;
    b.removeAt(i);
    this.pending--;
    this.prune(a);
  }

  /** Commit a write of word `a` to the history, noting its step. */
  private append(a: number, word: number): number {
    const t = this.hist.append(a, word);
    this.steps.push(this.step());
    return t;
  }

  /** Lower bound (a timestamp) of what `cpu` may read of word `a`. */
  private bound(cpu: number, a: number, acquire: boolean): number {
    let v = this.coh[cpu * this.nWords + a];
    if (this.vRead[cpu] > v) v = this.vRead[cpu];
    if (acquire && this.vRel[cpu] > v) v = this.vRel[cpu];
    return v;
  }

  /** Drop writes of `a` that no cpu can read any more (every bound only grows). */
  private prune(a: number): void {
    if (!this.hist.wantsPrune(a)) return;
    let keep = this.hist.end(a) - 1;
    for (let c = 0; c < this.cpus; c++) {
      const i = this.hist.indexAtOrBefore(a, this.bound(c, a, false));
      if (i < keep) keep = i;
    }
    this.hist.prune(a, keep);
  }
}
