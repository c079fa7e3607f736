import type { Operation } from '../history/operation';
import type { EntryList } from './entry-list';
import type { MonotoneSpec } from './spec';

/**
 * Entries of the call/return list (from the search frontier on) whose reads are tested per
 * configuration: they bound the cost of the test per push; reads further on are tested
 * later, when the frontier reaches them (kv c50-ok: 16 entries prune nearly all that 64 do, at a quarter of the cost).
 */
const LOOKAHEAD = 16;

/** Cache id of every state no read can grow into (state ids are >= 0). */
export const JUNK_STATE = -2;

/**
 * Dead-end test of the search for monotone specs (kv append): outside resets (a put), the
 * state only grows (a string only gets longer). A read not linearized yet (a get) must see
 * a value that the current state can grow into, or else one that the state set by a reset
 * it may still follow can grow into (a put called before the read returned, not yet
 * linearized). When neither holds, no linearization extends the configuration and the
 * search backs out at once, instead of trying every order of the concurrent appends until
 * the read's return forces it to (kv c50-ok: 742 k steps, Porcupine's figure, down to 22 k;
 * 14 k with the junk states of `classOf`).
 * Exact: it only rejects what `canReach` proves unreachable.
 */
export class MonotonePrune<S> {
  /** Reset ops by call time, their call times, and the state each one sets. */
  private readonly resets: Int32Array;
  private readonly resetCalls: Float64Array;
  private readonly resetTo: S[];
  /** Return time of each read-only op (else -Infinity: not a read, never tested). */
  private readonly readRet: Float64Array;

  /**
   * @param readOnly 1 for the ops the search treats as reads (known return, `spec.readOnly`)
   * @param linearized the search's flags (1 = linearized), read live
   */
  constructor(
    private readonly monotone: MonotoneSpec<S>,
    private readonly ops: readonly Operation[],
    private readonly prepared: readonly unknown[],
    readOnly: Uint8Array,
    private readonly list: EntryList,
    private readonly linearized: Uint8Array,
  ) {
    const n = ops.length;
    const resets: number[] = [];
    this.readRet = new Float64Array(n).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      if (readOnly[i] === 1) this.readRet[i] = ops[i]!.ret!;
      else if (monotone.resets(ops[i]!, prepared[i])) resets.push(i);
    }
    resets.sort((a, b) => ops[a]!.call - ops[b]!.call || a - b);
    this.resets = Int32Array.from(resets);
    this.resetCalls = Float64Array.from(resets, (i) => ops[i]!.call);
    this.resetTo = resets.map((i) => monotone.resetTo(ops[i]!, prepared[i]));
    const reads: number[] = [];
    for (let i = 0; i < n; i++) if (readOnly[i] === 1) reads.push(i);
    const readOps = reads.map((i) => ops[i]!), readPrepared = reads.map((i) => prepared[i]);
    this.reachesAny = monotone.reachesAny?.(readOps, readPrepared)
      ?? ((s: S) => readOps.some((op, k) => monotone.canReach(s, op, readPrepared[k])));
  }

  private readonly reachesAny: (state: S) => boolean;
  /** Per state id: 0 not known yet, 1 some read can still see it grow, 2 none can (junk). */
  private classes = new Uint8Array(64);

  /**
   * The id under which the search caches a configuration in state `to` (interned as `sid`):
   * `sid`, or JUNK_STATE when no read of the partition can ever see `to` or a growth of it.
   * All such states have the same future (every read stays illegal until a reset, which
   * leaves the same state whatever came before), so configurations that differ only in
   * which junk they hold are one: the orders of appends nobody reads are explored once.
   */
  classOf(to: S, sid: number): number {
    if (sid >= this.classes.length) {
      const grown = new Uint8Array(Math.max(2 * this.classes.length, sid + 1));
      grown.set(this.classes);
      this.classes = grown;
    }
    let c = this.classes[sid]!;
    if (c === 0) this.classes[sid] = c = this.reachesAny(to) ? 1 : 2;
    return c === 2 ? JUNK_STATE : sid;
  }

  /**
   * True when linearizing op `pushed` (not read-only, not yet marked linearized) into state
   * `to` leaves a read that can no longer be linearized.
   */
  dead(to: S, pushed: number): boolean {
    const n = this.ops.length, next = this.list.next, tail = this.list.tail, readRet = this.readRet;
    let budget = LOOKAHEAD;
    for (let e = next[this.list.head]!; e !== tail && budget-- > 0; e = next[e]!) {
      if (e >= n) continue;
      const ret = readRet[e]!;
      if (ret === -Infinity || this.monotone.canReach(to, this.ops[e]!, this.prepared[e])) continue;
      if (!this.viaReset(e, ret, pushed)) return true;
    }
    return false;
  }

  /** Some reset still to linearize may come before read `e` and sets a state it can grow into. */
  private viaReset(e: number, ret: number, pushed: number): boolean {
    const resets = this.resets, calls = this.resetCalls, linearized = this.linearized;
    // ties count as concurrent (EntryList): a reset called as the read returns may precede it
    for (let k = 0; k < resets.length && calls[k]! <= ret; k++) {
      const r = resets[k]!;
      if (linearized[r] === 0 && r !== pushed && this.monotone.canReach(this.resetTo[k]!, this.ops[e]!, this.prepared[e])) return true;
    }
    return false;
  }
}
