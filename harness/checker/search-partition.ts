import type { Operation } from '../history/operation';
import { EntryList } from './entry-list';
import { mix32 } from './hash-mix';
import { LinearizedCache } from './linearized-cache';
import { LinearizedSet } from './linearized-set';
import { MemoryMeter } from './memory-meter';
import { MonotonePrune } from './monotone-prune';
import { Choices, ILLEGAL, type SequentialSpec } from './spec';
import { StateInterner } from './state-interner';
import { unknownOutcomePredecessors } from './unknown-symmetry';

/** Status of a partition search after a slice of work ('memory': stopped by the memory budget). */
export type SearchStatus = 'linearizable' | 'not-linearizable' | 'paused' | 'memory';

/** How often (in steps) the injected clock and the spec's own tables are consulted. */
const CLOCK_PERIOD = 1023;

/**
 * Wing & Gong's backtracking search (J. Parallel Distrib. Comput. 1993) with Lowe's
 * memoisation of (linearized set, state) (Lowe, "Testing for linearizability", 2017), in
 * the shape of Porcupine's checkSingle: walk the call/return list; a call whose step is
 * legal and leads to an unexplored configuration is linearized and lifted out of the list;
 * reaching a return means the op on top of the stack must be undone. Nondeterministic
 * steps push a choice point and try the alternatives in order when backtracking.
 *
 * The search is resumable: `run(limit)` does at most `limit` spec steps, so the caller can
 * interleave partitions round-robin (deterministically) and stop at the first illegal one.
 * Its cost per step does not grow with the history: cache keys are windows of the
 * linearized set (LinearizedSet) and the longest prefix is copied lazily, so a sequential
 * history is checked in linear time.
 */
export class PartitionSearch<S> {
  readonly list: EntryList;
  readonly initial: S;
  private readonly n: number;
  private readonly set: LinearizedSet;
  private cache: LinearizedCache;
  private interner: StateInterner<S>;
  private readonly opHash: Int32Array;
  private readonly hasRet: Uint8Array;
  /** 1: an op with a known return that never changes the state (a get): see `run`. */
  private readonly readOnly: Uint8Array;
  private readonly prune: MonotonePrune<S> | undefined;
  private readonly prepared: unknown[];
  private readonly stackOp: Int32Array;
  private readonly stackChoice: Int32Array;
  private readonly stackPrev: S[];
  private readonly stackNext: S[];
  private readonly stackChoices: (Choices<S> | undefined)[];
  /** Unknown-outcome symmetry: an op is tried only once its group predecessor is linearized. */
  private readonly groupPrev: Int32Array;
  private readonly linearized: Uint8Array;
  private state: S;
  private bitsHash = 0;
  private depth = 0;
  private remaining: number;
  private entry: number;
  // Longest prefix: best[0, bestLen). While `bestIsStack`, it is the stack itself (not yet
  // copied); stack[0, synced) always equals best[0, synced). Copying only what changed
  // since the last copy keeps the cost amortised O(1) per push (an eager copy per new
  // depth record made sequential histories quadratic).
  private readonly bestOp: Int32Array;
  private readonly bestChoice: Int32Array;
  private readonly bestState: S[];
  private bestLen = 0;
  private synced = 0;
  private bestIsStack = false;
  private readonly meter: MemoryMeter;
  private accounted = 0;
  private specBytes = 0;
  /** Spec steps done so far. */
  steps = 0;
  status: SearchStatus = 'paused';

  constructor(private readonly spec: SequentialSpec<S>, private readonly ops: readonly Operation[], meter?: MemoryMeter) {
    const n = ops.length;
    this.n = n;
    this.meter = meter ?? new MemoryMeter(Infinity);
    this.list = new EntryList(n, ops);
    this.opHash = new Int32Array(n);
    this.hasRet = new Uint8Array(n);
    const calls = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      this.hasRet[i] = ops[i]!.ret === undefined ? 0 : 1;
      // unknown-outcome ops stay out of the hash: configurations that differ only in them
      // share a probe chain, where the cache finds one that makes the new one redundant
      this.opHash[i] = this.hasRet[i] ? mix32(Math.imul(i + 1, 0x9e3779b9)) : 0;
      calls[i] = ops[i]!.call;
    }
    this.set = new LinearizedSet(calls, this.hasRet);
    this.groupPrev = unknownOutcomePredecessors(spec, ops);
    this.linearized = new Uint8Array(n + 1);
    this.linearized[n] = 1; // the "no predecessor" sentinel of groupPrev
    // a tiny table: its first doublings happen while V8 still interprets the search, so the
    // growth paths have type feedback when the loop is optimised (else each one deoptimised it)
    this.cache = new LinearizedCache(4, 16);
    this.interner = new StateInterner<S>(spec);
    this.prepared = spec.prepare ? ops.map((op) => spec.prepare!(op)) : new Array<unknown>(n).fill(undefined);
    this.readOnly = new Uint8Array(n);
    if (spec.readOnly !== undefined) {
      for (let i = 0; i < n; i++) this.readOnly[i] = this.hasRet[i]! === 1 && spec.readOnly(ops[i]!, this.prepared[i]) ? 1 : 0;
    }
    this.prune = spec.monotone !== undefined && spec.readOnly !== undefined
      ? new MonotonePrune<S>(spec.monotone, ops, this.prepared, this.readOnly, this.list, this.linearized)
      : undefined;
    this.stackOp = new Int32Array(n);
    this.stackChoice = new Int32Array(n);
    this.stackPrev = new Array<S>(n);
    this.stackNext = new Array<S>(n);
    this.stackChoices = new Array<Choices<S> | undefined>(n).fill(undefined);
    this.bestOp = new Int32Array(n);
    this.bestChoice = new Int32Array(n);
    this.bestState = new Array<S>(n);
    this.initial = spec.initialState();
    this.state = this.initial;
    this.remaining = this.list.returns;
    this.entry = this.list.next[this.list.head]!;
    this.account();
  }

  /** The linearization (when linearizable) or the longest prefix found so far (local indices). */
  get order(): Int32Array {
    if (this.status === 'linearizable') return this.stackOp.slice(0, this.depth);
    this.materialize();
    return this.bestOp.slice(0, this.bestLen);
  }

  /** Spec state after each op of `order`. */
  get states(): readonly S[] {
    if (this.status === 'linearizable') return this.stackNext.slice(0, this.depth);
    this.materialize();
    return this.bestState.slice(0, this.bestLen);
  }

  /** Distinct states and cache entries (diagnostics). */
  get distinctStates(): number { return this.interner.size; }
  get cacheEntries(): number { return this.cache.size; }

  /** Bytes this search holds (typed arrays exactly, states estimated). */
  get bytes(): number { return this.accounted; }

  /** Drop the cache and interned states once decided (the result getters keep working). */
  release(): void {
    this.cache = new LinearizedCache(1, 1);
    this.interner = new StateInterner<S>(this.spec);
    this.account();
  }

  private account(): void {
    const fixed = this.n * (4 * 9 + 8 * 5) + this.set.bytes + this.list.next.byteLength * 3;
    const now = fixed + this.cache.bytes + this.interner.bytes + this.specBytes;
    this.meter.add(now - this.accounted);
    this.accounted = now;
  }

  private materialize(): void {
    if (!this.bestIsStack) return;
    for (let k = this.synced; k < this.bestLen; k++) {
      this.bestOp[k] = this.stackOp[k]!;
      this.bestChoice[k] = this.stackChoice[k]!;
      this.bestState[k] = this.stackNext[k]!;
    }
    this.synced = this.bestLen;
    this.bestIsStack = false;
  }

  // Linearize op `i` reaching `to`: 1 pushed, 0 configuration explored already, -1 out of memory.
  private push(i: number, to: S, choice: number, choices: Choices<S> | undefined): number {
    const interner = this.interner;
    const before = interner.bytes;
    const interned = interner.intern(to);
    const sid = this.prune === undefined ? interned : this.prune.classOf(to, interned);
    const set = this.set;
    set.add(i);
    const h = this.bitsHash ^ this.opHash[i]!;
    const grow = this.cache.growthFor(set) + interner.bytes - before;
    if (grow > 0) {
      if (this.meter.wouldExceed(grow)) { set.remove(i); return -1; }
    }
    if (!this.cache.add(set, mix32((h + Math.imul(sid, 0x27d4eb2d)) | 0), sid)) {
      set.remove(i);
      return 0;
    }
    if (grow > 0) this.account();
    // a configuration no pending read can be linearized from: recorded as explored, not entered
    if (this.prune !== undefined && this.readOnly[i] === 0 && this.prune.dead(to, i)) { set.remove(i); return 0; }
    const d = this.depth;
    this.bitsHash = h;
    this.stackOp[d] = i;
    this.stackChoice[d] = choice;
    this.stackChoices[d] = choices;
    this.stackPrev[d] = this.state;
    this.stackNext[d] = to;
    this.depth = d + 1;
    this.state = to;
    this.list.lift(i);
    this.linearized[i] = 1;
    this.remaining -= this.hasRet[i]!;
    if (!this.bestIsStack && d === this.synced && d < this.bestLen && this.bestOp[d] === i && this.bestChoice[d] === choice) this.synced = d + 1;
    if (d + 1 > this.bestLen) {
      this.bestLen = d + 1;
      this.bestIsStack = true;
    }
    return 1;
  }

  /**
   * Search on for at most `limit` spec steps (or until `now() >= deadline`, checked every
   * 1024 steps). Returns the status; 'paused' = not decided yet, call again; 'memory' =
   * the memory budget ran out (final).
   */
  run(limit: number, now?: () => number, deadline = Infinity): SearchStatus {
    if (this.status !== 'paused') return this.status;
    const n = this.n, ops = this.ops, spec = this.spec, prepared = this.prepared, list = this.list, next = list.next, head = list.head;
    const groupPrev = this.groupPrev, linearized = this.linearized, readOnly = this.readOnly;
    const stop = this.steps + limit;
    let steps = this.steps;
    let entry = this.entry;
    let status: SearchStatus = 'paused';
    search: for (;;) {
      if (this.remaining === 0) { status = 'linearizable'; break; }
      if (entry < n) {
        if (linearized[groupPrev[entry]!] === 0) { entry = next[entry]!; continue; }
        if (steps >= stop) break;
        if ((++steps & CLOCK_PERIOD) === 1) { // 1, not 0: the first pass runs before V8 optimises the loop
          if (spec.memoryBytes !== undefined) { this.specBytes = spec.memoryBytes(); this.account(); if (this.meter.wouldExceed(0)) { status = 'memory'; break; } }
          if (now !== undefined && now() >= deadline) break;
        }
        const r = spec.step(this.state, ops[entry]!, prepared[entry]);
        // an unknown-outcome op that leaves the state as it is leads to a configuration that
        // can only do less than this one (it never has to be linearized): skip it without
        // the push (etcd_002: 45 k of 96 k steps, each one a cache probe before)
        if (r === ILLEGAL || (r === this.state && this.hasRet[entry] === 0)) { entry = next[entry]!; continue; }
        let pushed = 0;
        if (r instanceof Choices) {
          const alts = (r as Choices<S>).states;
          for (let j = 0; j < alts.length && pushed === 0; j++) pushed = this.push(entry, alts[j]!, j, r as Choices<S>);
        } else {
          pushed = this.push(entry, r as S, 0, undefined);
        }
        if (pushed < 0) { status = 'memory'; break; }
        if (pushed === 1) { entry = next[head]!; continue; }
        // a read-only candidate whose configuration failed before: this one fails too (below)
        entry = readOnly[entry] === 1 && !(r instanceof Choices) ? this.n + entry : next[entry]!;
        continue;
      }
      // A return entry: the op it closes is not linearized yet, so undo the top of the stack.
      // Undoing a read-only op undoes its parent too: it was a legal candidate there, and a
      // read-only candidate can be moved to the front of any linearization of the parent
      // (real time allows it, no state changes), so the parent fails when it fails.
      let i: number, d: number;
      do {
        if (this.depth === 0) { status = 'not-linearizable'; break search; }
        d = --this.depth;
        if (this.bestIsStack) { this.materialize(); this.synced = d; } else if (this.synced > d) this.synced = d;
        i = this.stackOp[d]!;
        this.state = this.stackPrev[d]!;
        this.bitsHash ^= this.opHash[i]!;
        this.set.remove(i);
        list.unlift(i);
        this.linearized[i] = 0;
        this.remaining += this.hasRet[i]!;
      } while (readOnly[i] === 1 && this.stackChoices[d] === undefined);
      const choices = this.stackChoices[d];
      if (choices !== undefined) {
        this.stackChoices[d] = undefined;
        const alts = choices.states;
        for (let j = this.stackChoice[d]! + 1; j < alts.length; j++) {
          const p = this.push(i, alts[j]!, j, choices);
          if (p < 0) { status = 'memory'; break search; }
          if (p === 1) { entry = next[head]!; continue search; }
        }
      }
      entry = next[i]!;
    }
    this.steps = steps;
    this.entry = entry;
    this.status = status;
    return status;
  }
}
