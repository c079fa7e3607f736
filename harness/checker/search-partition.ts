import type { Operation } from '../history/operation';
import { EntryList } from './entry-list';
import { mix32 } from './hash-mix';
import { LinearizedCache } from './linearized-cache';
import { Choices, ILLEGAL, type SequentialSpec } from './spec';
import { StateInterner } from './state-interner';

/** Status of a partition search after a slice of work. */
export type SearchStatus = 'linearizable' | 'not-linearizable' | 'paused';

/** How often (in steps) the injected clock is consulted. */
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
 */
export class PartitionSearch<S> {
  readonly list: EntryList;
  readonly initial: S;
  private readonly n: number;
  private readonly bits: Uint32Array;
  private readonly cache: LinearizedCache;
  private readonly interner: StateInterner<S>;
  private readonly opHash: Int32Array;
  private readonly hasRet: Uint8Array;
  private readonly prepared: unknown[];
  private readonly stackOp: Int32Array;
  private readonly stackChoice: Int32Array;
  private readonly stackPrev: S[];
  private readonly stackNext: S[];
  private readonly stackChoices: (Choices<S> | undefined)[];
  private state: S;
  private bitsHash = 0;
  private depth = 0;
  private remaining: number;
  private entry: number;
  private best: Int32Array = new Int32Array(0);
  private bestStates: S[] = [];
  /** Spec steps done so far. */
  steps = 0;
  status: SearchStatus = 'paused';

  constructor(private readonly spec: SequentialSpec<S>, private readonly ops: readonly Operation[]) {
    const n = ops.length;
    this.n = n;
    this.list = new EntryList(n, ops);
    const words = Math.max(1, (n + 31) >>> 5);
    this.bits = new Uint32Array(words);
    // small histories (the fuzzer checks thousands) start with a small table
    let cap = 16;
    while (cap < 1024 && cap < 4 * n) cap *= 2;
    this.cache = new LinearizedCache(words, cap);
    this.interner = new StateInterner<S>(spec);
    this.opHash = new Int32Array(n);
    this.hasRet = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      this.opHash[i] = mix32(Math.imul(i + 1, 0x9e3779b9));
      this.hasRet[i] = ops[i]!.ret === undefined ? 0 : 1;
    }
    this.prepared = spec.prepare ? ops.map((op) => spec.prepare!(op)) : new Array<unknown>(n).fill(undefined);
    this.stackOp = new Int32Array(n);
    this.stackChoice = new Int32Array(n);
    this.stackPrev = new Array<S>(n);
    this.stackNext = new Array<S>(n);
    this.stackChoices = new Array<Choices<S> | undefined>(n).fill(undefined);
    this.initial = spec.initialState();
    this.state = this.initial;
    this.remaining = this.list.returns;
    this.entry = this.list.next[this.list.head]!;
  }

  /** The linearization (when linearizable) or the longest prefix found so far (local indices). */
  get order(): Int32Array {
    return this.status === 'linearizable' ? this.stackOp.slice(0, this.depth) : this.best;
  }

  /** Spec state after each op of `order`. */
  get states(): readonly S[] {
    return this.status === 'linearizable' ? this.stackNext.slice(0, this.depth) : this.bestStates;
  }

  /** Distinct states and cache entries (diagnostics). */
  get distinctStates(): number { return this.interner.size; }
  get cacheEntries(): number { return this.cache.size; }

  // Linearize op `i` reaching `to`; false if that configuration was explored already.
  private push(i: number, to: S, choice: number, choices: Choices<S> | undefined): boolean {
    const sid = this.interner.intern(to);
    const bits = this.bits;
    const w = i >>> 5, m = 1 << (i & 31);
    bits[w]! |= m;
    const h = this.bitsHash ^ this.opHash[i]!;
    if (!this.cache.add(bits, mix32((h + Math.imul(sid, 0x27d4eb2d)) | 0), sid)) {
      bits[w]! &= ~m;
      return false;
    }
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
    this.remaining -= this.hasRet[i]!;
    if (d + 1 > this.best.length) {
      this.best = this.stackOp.slice(0, d + 1);
      this.bestStates = this.stackNext.slice(0, d + 1);
    }
    return true;
  }

  /**
   * Search on for at most `limit` spec steps (or until `now() >= deadline`, checked every
   * 1024 steps). Returns the status; 'paused' = not decided yet, call again.
   */
  run(limit: number, now?: () => number, deadline = Infinity): SearchStatus {
    if (this.status !== 'paused') return this.status;
    const n = this.n, ops = this.ops, spec = this.spec, prepared = this.prepared, list = this.list, next = list.next, head = list.head;
    const stop = this.steps + limit;
    let steps = this.steps;
    let entry = this.entry;
    let status: SearchStatus = 'paused';
    search: for (;;) {
      if (this.remaining === 0) { status = 'linearizable'; break; }
      if (entry < n) {
        if (steps >= stop) break;
        if ((++steps & CLOCK_PERIOD) === 0 && now !== undefined && now() >= deadline) break;
        const r = spec.step(this.state, ops[entry]!, prepared[entry]);
        if (r === ILLEGAL) { entry = next[entry]!; continue; }
        if (r instanceof Choices) {
          const alts = (r as Choices<S>).states;
          let pushed = false;
          for (let j = 0; j < alts.length && !pushed; j++) pushed = this.push(entry, alts[j]!, j, r as Choices<S>);
          entry = pushed ? next[head]! : next[entry]!;
          continue;
        }
        entry = this.push(entry, r as S, 0, undefined) ? next[head]! : next[entry]!;
        continue;
      }
      // A return entry: the op it closes is not linearized yet, so undo the top of the stack.
      if (this.depth === 0) { status = 'not-linearizable'; break; }
      const d = --this.depth;
      const i = this.stackOp[d]!;
      this.state = this.stackPrev[d]!;
      this.bitsHash ^= this.opHash[i]!;
      this.bits[i >>> 5]! &= ~(1 << (i & 31));
      list.unlift(i);
      this.remaining += this.hasRet[i]!;
      const choices = this.stackChoices[d];
      if (choices !== undefined) {
        this.stackChoices[d] = undefined;
        const alts = choices.states;
        for (let j = this.stackChoice[d]! + 1; j < alts.length; j++) {
          if (this.push(i, alts[j]!, j, choices)) { entry = next[head]!; continue search; }
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
