import { conflicts, ENTITY_KINDS, modesConflict, MODE_CALL, MODE_READ, MODE_WRITE, SPIN_MARK, type StepLog } from './step-log';

/**
 * Races of one execution for source-set DPOR (Abdulla, Aronis, Jonsson & Sagonas, "Source sets:
 * a foundation for optimal dynamic partial order reduction", JACM 2017), found after the run
 * from the step log. Happens-before is tracked with vector clocks over entities (threads,
 * store-buffer flushes, IPI deliveries): step j happens after step i when a chain of dependent
 * steps (same entity, or conflicting accesses: step-log.ts `conflicts`) leads from i to j.
 *
 * Steps i and j race when they conflict, belong to different entities, and i happens before j
 * directly (through no third step). A `waitUntil` read is disabled while its predicate is
 * false, so the direct race with the write that enabled it cannot be reversed; it races with
 * every write since its thread's previous step instead (and the latest one before it), as
 * Flanagan & Godefroid's check at every state would find, and `BoundedPorStrategy` reverses
 * only those before which it was enabled. Reversing the race means running, at the point before i,
 * one of the initials of notdep(i).j: the steps after i that do not happen after i, then j
 * (`initials`). The log's pending entries (the next step of a thread that never ran it) take
 * part as steps j only.
 *
 * A step that writes a committed word an invariant has read also writes the log's visibility
 * object: an invariant sees intermediate states, so such steps must keep their order
 * (Peled's visibility condition).
 */
export class RaceFinder {
  private entities = 0;
  private total = 0;
  private clocks = new Int32Array(0);
  private seq = new Int32Array(0);
  private ent = new Int32Array(0);
  private readonly lastOf: number[] = [];
  private readonly counter: number[] = [];
  /** Per object: the access history (entry * 4 + mode), and summary clocks for happens-before. */
  private readonly history: number[][] = [];
  private readonly writeClock: (Int32Array | null)[] = [];
  private readonly readClock: (Int32Array | null)[] = [];
  private readonly callClock: (Int32Array | null)[] = [];
  private readonly retClock: (Int32Array | null)[] = [];
  private touched: number[] = [];
  private readonly scratch: number[] = [];
  private readonly cands: number[] = [];
  private readonly firstOf: number[] = [];
  private lastSpin = -1;
  /** Entries of steps that ran (pending ones follow). */
  private executed = 0;

  /**
   * The races of the execution in `log`, as a flat list of pairs (i, j) of 0-based entries
   * (step number - 1). `upTo` limits the steps considered (e.g. where a redundant run handed
   * over); pending entries are used when every step is.
   */
  races(log: StepLog, upTo: number = log.steps): number[] {
    const E = ENTITY_KINDS * log.n;
    const total = upTo < log.steps ? upTo : log.steps + log.pending;
    this.prepare(E, total);
    this.executed = Math.min(upTo, log.steps);
    const out: number[] = [];
    const acc = this.scratch;
    const cands = this.cands;
    for (let j = 0; j < total; j++) {
      const p = log.entity[j];
      this.ent[j] = p;
      const prev = this.lastOf[p];
      stepAccesses(log, j, acc);
      cands.length = 0;
      const awaited = log.awaited[j] === 1;
      let oldBest = -1;
      for (let a = 0; a < acc.length; a++) {
        const x = acc[a];
        if (x === SPIN_MARK) continue;
        const h = this.history[x >> 2];
        if (h === undefined) continue;
        for (let k = h.length - 1; k >= 0; k--) {
          const y = h[k];
          if (!modesConflict(x, y)) continue;
          const i = y >> 2;
          if (awaited) {
            // a waitUntil may have been disabled (its predicate false) while a write was the
            // latest one: every write since its thread's previous step, and the latest before
            // it, may be the one to read past (Flanagan & Godefroid's check at every state)
            if (i <= prev && i <= oldBest) break;
            if (this.ent[i] === p || (prev >= 0 && this.hb(i, prev))) continue;
            if (i > prev) {
              if (!cands.includes(i)) cands.push(i);
            } else oldBest = i;
            continue;
          }
          if (this.ent[i] !== p && (prev < 0 || !this.hb(i, prev)) && !cands.includes(i)) cands.push(i);
          // older accesses of this object happen before its latest write (history events, which
          // never write, are all looked at)
          if ((y & 3) === MODE_WRITE) break;
        }
      }
      if (oldBest >= 0 && !cands.includes(oldBest)) cands.push(oldBest);
      // spin steps depend on every step (step-log.ts SPIN_MARK): a spin step races with the
      // latest step of every other entity, any step with the latest spin step
      const spinning = log.spin[j] === 1;
      if (spinning) {
        for (let e = 0; e < E; e++) {
          const i = this.lastOf[e];
          if (e !== p && i >= 0 && (prev < 0 || !this.hb(i, prev)) && !cands.includes(i)) cands.push(i);
        }
      } else if (this.lastSpin >= 0) {
        const i = this.lastSpin;
        if (this.ent[i] !== p && (prev < 0 || !this.hb(i, prev)) && !cands.includes(i)) cands.push(i);
      }
      this.clockOf(j, p, prev, acc, spinning);
      for (const i of cands) {
        let direct = true;
        if (!awaited) for (const k of cands) if (k !== i && k > i && this.hb(i, k)) direct = false;
        if (direct) out.push(i, j);
      }
      if (j < log.steps) {
        this.commit(j, p, acc);
        if (spinning) this.lastSpin = j;
      }
      // the step that stopped the run with a finding races with every step that never ran
      if (j >= log.steps && log.stopped && upTo >= log.steps && log.steps > 0) {
        const last = log.steps - 1;
        if (this.ent[last] !== p && (prev < 0 || !this.hb(last, prev)) && !cands.includes(last)) out.push(last, j);
      }
    }
    this.total = total;
    return out;
  }

  /**
   * Entities whose first step in notdep(i).j has no step of that sequence before it in
   * happens-before: the initials that can reverse the race (i, j) from the point before i.
   * Valid after `races` for the same log.
   */
  initials(i: number, j: number, out: number[]): void {
    out.length = 0;
    const E = this.entities;
    const first = this.firstOf;
    first.length = 0;
    for (let e = 0; e < E; e++) first.push(-1);
    const ei = this.ent[i];
    const si = this.seq[i];
    const c = this.clocks;
    for (let k = i + 1; k <= j; k++) {
      // pending entries are not steps of the run: only j itself takes part
      if (k < j && k >= this.executed) break;
      const e = this.ent[k];
      if (k < j && c[k * E + ei] >= si) continue; // happens after i: not in notdep(i)
      if (first[e] >= 0) continue;
      first[e] = k;
      let initial = true;
      for (let f = 0; f < E && initial; f++) {
        const m = first[f];
        if (m >= 0 && m !== k && c[k * E + f] >= this.seq[m]) initial = false;
      }
      if (initial) out.push(e);
    }
  }

  /** Does entry i happen before entry k (k's clock computed)? */
  hb(i: number, k: number): boolean {
    return this.clocks[k * this.entities + this.ent[i]] >= this.seq[i];
  }

  /** Entry j's clock: its entity's previous step joined with every step it depends on. */
  private clockOf(j: number, p: number, prev: number, acc: readonly number[], spinning: boolean): void {
    const E = this.entities;
    const c = this.clocks;
    const base = j * E;
    if (prev >= 0) c.copyWithin(base, prev * E, prev * E + E);
    else c.fill(0, base, base + E);
    if (spinning) {
      for (let e = 0; e < E; e++) {
        const i = this.lastOf[e];
        if (i >= 0) joinInto(c, base, c.subarray(i * E, i * E + E), E);
      }
    } else if (this.lastSpin >= 0) {
      const i = this.lastSpin;
      joinInto(c, base, c.subarray(i * E, i * E + E), E);
    }
    for (let a = 0; a < acc.length; a++) {
      if (acc[a] === SPIN_MARK) continue;
      const o = acc[a] >> 2;
      const mode = acc[a] & 3;
      if (mode === MODE_READ) joinInto(c, base, this.writeClock[o] ?? null, E);
      else if (mode === MODE_WRITE) {
        joinInto(c, base, this.writeClock[o] ?? null, E);
        joinInto(c, base, this.readClock[o] ?? null, E);
      } else joinInto(c, base, mode === MODE_CALL ? this.retClock[o] ?? null : this.callClock[o] ?? null, E);
    }
    c[base + p] = this.counter[p] + 1;
    this.seq[j] = this.counter[p] + 1;
  }

  /** Make entry j part of the past: its entity's last step, and the objects' summaries. */
  private commit(j: number, p: number, acc: readonly number[]): void {
    const E = this.entities;
    const c = this.clocks;
    const base = j * E;
    this.counter[p]++;
    this.lastOf[p] = j;
    for (let a = 0; a < acc.length; a++) {
      if (acc[a] === SPIN_MARK) continue;
      const o = acc[a] >> 2;
      const mode = acc[a] & 3;
      let h = this.history[o];
      if (h === undefined) {
        h = [];
        this.history[o] = h;
        this.touched.push(o);
      }
      h.push(j * 4 + mode);
      if (mode === MODE_WRITE) {
        this.writeClock[o] = copyClock(this.writeClock[o] ?? null, c, base, E);
        const rc = this.readClock[o];
        if (rc) rc.fill(0);
      } else {
        const arr = mode === MODE_READ ? this.readClock : mode === MODE_CALL ? this.callClock : this.retClock;
        const cur = arr[o];
        if (cur) joinInto(cur, 0, c.subarray(base, base + E), E);
        else arr[o] = c.slice(base, base + E);
      }
    }
  }

  private prepare(E: number, total: number): void {
    this.entities = E;
    this.lastSpin = -1;
    if (this.clocks.length < total * E) this.clocks = new Int32Array(Math.max(total * E, this.clocks.length * 2));
    if (this.seq.length < total) {
      this.seq = new Int32Array(Math.max(total, this.seq.length * 2));
      this.ent = new Int32Array(this.seq.length);
    }
    this.lastOf.length = 0;
    this.counter.length = 0;
    for (let e = 0; e < E; e++) {
      this.lastOf.push(-1);
      this.counter.push(0);
    }
    for (const o of this.touched) {
      this.history[o] = undefined as unknown as number[];
      this.writeClock[o] = null;
      this.readClock[o] = null;
      this.callClock[o] = null;
      this.retClock[o] = null;
    }
    this.touched = [];
  }
}

/**
 * The accesses of log entry j into `out` (cleared first), plus a write of the visibility
 * object when the step writes a committed word an invariant reads.
 */
export function stepAccesses(log: StepLog, j: number, out: number[]): void {
  out.length = 0;
  if (log.spin[j] === 1) out.push(SPIN_MARK);
  let visible = false;
  const end = log.accStart[j + 1];
  const words = log.words;
  const inv = log.invariantWords;
  for (let k = log.accStart[j]; k < end; k++) {
    const x = log.acc[k];
    out.push(x);
    if (!visible && inv.size > 0 && (x & 3) === MODE_WRITE && x >> 2 < words && inv.has(x >> 2)) visible = true;
  }
  if (visible) out.push(log.visibleObject() * 4 + MODE_WRITE);
}

/** Are the access lists of two steps in conflict? */
export function dependentAccesses(a: readonly number[] | Int32Array, b: readonly number[] | Int32Array): boolean {
  if (a.includes(SPIN_MARK) || b.includes(SPIN_MARK)) return true;
  for (let x = 0; x < a.length; x++) for (let y = 0; y < b.length; y++) if (conflicts(a[x], b[y])) return true;
  return false;
}

function joinInto(into: Int32Array, base: number, from: Int32Array | null, E: number): void {
  if (from === null) return;
  for (let e = 0; e < E; e++) if (from[e] > into[base + e]) into[base + e] = from[e];
}

function copyClock(into: Int32Array | null, c: Int32Array, base: number, E: number): Int32Array {
  if (into === null) return c.slice(base, base + E);
  into.set(c.subarray(base, base + E));
  return into;
}
