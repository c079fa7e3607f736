import { FORBIDDEN, PorNode, TODO_BOUND, TODO_NONE, TODO_RACE } from './por-node';
import { dependentAccesses, RaceFinder, stepAccesses } from './por-races';
import { defaultOption, isSpinYield, preemptionCost, switchesThread } from './preemption-cost';
import { entityOf, StepLog } from './step-log';
import { type ChoicePoint, type ExecutionSummary, type Strategy } from './strategy';

/** Configuration of the reduced bounded search. */
export interface BoundedPorConfig {
  /** Preemption bound K >= 0, or Infinity (every schedule: the plain reduction, with sleep sets). */
  readonly preemptions: number;
  /**
   * Sleep sets (Godefroid 1996) on top of the backtracking sets. Default: only without a bound
   * (`preemptions: Infinity`); with one they would skip schedules whose equivalents all exceed it.
   */
  readonly sleepSets?: boolean;
  /**
   * Search the bounds 0, 1, ..., K one after the other, so the first finding has the fewest
   * preemptions (iterative context bounding, as the plain search). Default true; false = only K.
   */
  readonly iterative?: boolean;
}

/** Progress of the reduced search. */
export interface BoundedPorStats {
  /** Schedules run with exactly c preemptions, index c = 0..K (with `iterative`, summed over the passes 0..K). */
  readonly schedulesPerBound: readonly number[];
  /** Of those, runs cut short because every choice left was asleep (equivalent to one already run). */
  readonly redundant: number;
  readonly bound: number;
  readonly exhausted: boolean;
  /** Exhausted and no schedule the races asked for needed more than K preemptions. */
  readonly complete: boolean;
}

/**
 * Bounded exhaustive search with dynamic partial-order reduction (issue 13 item 3): source-set
 * DPOR (Abdulla et al., JACM 2017) over the engine's dependency relation (step-log.ts: memory
 * words, store buffers, IPIs, kernel waits, history and critical-section events, visibility to
 * an invariant, spin steps), made sound for a preemption bound as Coons, Musuvathi & McKinley's
 * BPOR (OOPSLA 2013) does: when a race asks for entity q at a point, q is also added (a
 * TODO_BOUND point) at the latest context switch before it where q can run within the bound
 * and has not run yet, since running q there may cost no extra preemption. Options beyond the
 * bound are never run. Sleep sets (Godefroid 1996) prune the unbounded search only: under a
 * bound a schedule they skip can be equivalent only to schedules beyond it.
 *
 * Each execution replays the current path's decisions and then takes the free default (keep
 * the running thread; at a spin yield the next one), not asleep; if every choice is asleep the
 * run is redundant and goes on without preemptions, its races past that point ignored. After
 * the run, each race of its log (por-races.ts) asks for an initial of notdep(i).j at the point
 * before i, unless one is explored, asked for or asleep there; the deepest point with an
 * option left is the next branch. A waitUntil read that could not run at the point (its
 * predicate false) is reversed at an earlier write instead. Value points (`t.choose`) are
 * enumerated in full. Costs follow the engine's rule (preemption-cost.ts), so a run's cost is
 * the engine's preemption count for it; with `iterative` the bounds 0..K are searched in
 * turn, so the first finding has the fewest preemptions.
 *
 * Validated against plain bounded search by a differential property test (bounded-por.test.ts:
 * random programs, sc and tso, K = 0..3, identical outcome sets).
 */
export class BoundedPorStrategy implements Strategy {
  readonly name = 'dfs-por';
  private readonly log = new StepLog();
  private readonly finder = new RaceFinder();
  private readonly maxBound: number;
  private bound: number;
  private readonly sleepOn: boolean;
  private readonly perBound: number[] = [];
  private redundantRuns = 0;
  private cut = false;
  private finished = false;

  private nodes: PorNode[] = [];
  /** Decisions made in the running execution; nodes [0, replay) are replayed. */
  private depth = 0;
  private replay = 0;
  private pathCost = 0;
  private redundant = false;
  private handOverAt = -1;
  /** Log entries the running sleep set has been filtered by. */
  private synced = 0;
  private sleepEntities: number[] = [];
  private sleepAccesses: Int32Array[] = [];
  private readonly scratch: number[] = [];
  private readonly initialsBuf: number[] = [];

  constructor(config: BoundedPorConfig) {
    const k = config.preemptions;
    if (!(k === Number.POSITIVE_INFINITY || (Number.isInteger(k) && k >= 0))) {
      throw new RangeError(`preemption bound must be an integer >= 0 or Infinity, got ${k}`);
    }
    this.maxBound = k;
    const bounded = Number.isFinite(k);
    // Sleep sets are not known to be sound under a preemption bound: a schedule they skip may
    // be equivalent only to schedules beyond the bound (the differential test found such a
    // case under an earlier cost rule for flushes), so by default only the unbounded search
    // uses them.
    this.sleepOn = config.sleepSets ?? !bounded;
    this.bound = config.iterative === false || !bounded ? k : 0;
    for (let c = 0; c <= (bounded ? k : 0); c++) this.perBound.push(0);
  }

  stepLog(): StepLog {
    return this.log;
  }

  beginExecution(index: number): boolean {
    void index;
    if (this.finished) return false;
    this.depth = 0;
    this.pathCost = 0;
    this.redundant = false;
    this.handOverAt = -1;
    this.synced = 0;
    this.sleepEntities = [];
    this.sleepAccesses = [];
    return true;
  }

  choose(point: ChoicePoint): number {
    if (this.redundant) return freeDefault(point);
    if (this.sleepOn) this.syncSleep(point.step);
    const i = this.depth++;
    const width = point.type === 'value' ? point.n : point.options.length;
    if (i < this.replay) {
      const node = this.nodes[i];
      if (node.width !== width || node.isValue() !== (point.type === 'value')) {
        throw new Error(`dfs-por: nondeterministic target: decision ${i} replays option ${node.chosen} of ${node.width} but the run now offers ${width}`);
      }
      if (!node.isValue()) this.enter(node);
      return node.chosen;
    }
    if (point.type === 'value') {
      const node = new PorNode(point.step, this.pathCost, point.n, 0, [], []);
      this.nodes.length = i;
      this.nodes.push(node);
      return 0;
    }
    const node = new PorNode(point.step, this.pathCost, 0, width, this.sleepEntities, this.sleepAccesses);
    const spin = isSpinYield(point);
    let best = -1;
    for (let o = 0; o < width; o++) {
      node.entities[o] = entityOf(point.options[o], point.threadCount);
      // a spin yield never keeps the spinner running (as plain bounded search: bounded-dfs.ts)
      node.cost[o] = spin && o === 0 ? FORBIDDEN : preemptionCost(point, o);
      if (node.costBefore + node.cost[o] > this.bound) continue;
      if (this.sleepOn && node.asleep(node.entities[o])) continue;
      if (best < 0 || node.cost[o] < node.cost[best]) best = o;
    }
    this.nodes.length = i;
    if (best < 0) {
      // every choice within the bound is asleep: whatever follows is equivalent to a run made
      // before. The run goes on without preemptions (within the bound, a valid schedule whose
      // outcome is that earlier run's), and its races past this point are not looked at.
      this.redundant = true;
      this.handOverAt = point.step;
      this.depth = i;
      return freeDefault(point);
    }
    node.freeAll = !point.currentRunnable;
    node.spin = spin;
    for (let o = 0; o < width; o++) node.switches[o] = switchesThread(point, o) ? 1 : 0;
    this.take(node, best, false);
    this.nodes.push(node);
    this.enter(node);
    return best;
  }

  endExecution(summary: ExecutionSummary): void {
    void summary;
    // by the run's own preemption count (a redundant run's free tail adds none)
    const c = Math.min(this.pathCost, this.perBound.length - 1);
    this.perBound[c]++;
    if (this.redundant) this.redundantRuns++;
    const log = this.log;
    const nodeAt = new Map<number, number>();
    for (let m = 0; m < this.depth; m++) if (!this.nodes[m].isValue()) nodeAt.set(this.nodes[m].step, m);
    const races = this.finder.races(log, this.redundant ? this.entriesBefore(this.handOverAt) : log.steps);
    for (let r = 0; r < races.length; r += 2) this.reverse(races[r], races[r + 1], nodeAt);
    if (this.sleepOn) this.recordTaken();
    if (this.next()) return;
    if (this.bound < this.maxBound) {
      this.bound++;
      this.nodes = [];
      this.replay = 0;
      this.cut = false;
      return;
    }
    this.finished = true;
  }

  exhausted(): boolean {
    return this.finished;
  }

  stats(): BoundedPorStats {
    return {
      schedulesPerBound: this.perBound.slice(),
      redundant: this.redundantRuns,
      bound: this.finished ? this.maxBound + 1 : this.bound,
      exhausted: this.finished,
      complete: this.finished && !this.cut,
    };
  }

  /** Total schedules run. */
  schedules(): number {
    let s = 0;
    for (const c of this.perBound) s += c;
    return s;
  }

  /** The option `o` of `node` is this run's choice there. */
  private take(node: PorNode, o: number, byBound: boolean): void {
    node.chosen = o;
    node.done[o] = 1;
    node.chosenByBound = byBound;
    // where the run leaves the thread that was running (or nothing had to be left)
    node.switched = node.switches[o] === 1;
  }

  /** Past a scheduling node: its cost, and the sleep set its child starts with. */
  private enter(node: PorNode): void {
    this.pathCost = node.costBefore + node.cost[node.chosen];
    if (!this.sleepOn) return;
    const me = node.entities[node.chosen];
    const ents: number[] = [];
    const accs: Int32Array[] = [];
    for (let s = 0; s < node.sleepEntities.length; s++) {
      if (node.sleepEntities[s] === me) continue;
      ents.push(node.sleepEntities[s]);
      accs.push(node.sleepAccesses[s]);
    }
    // siblings explored before this choice, unless this choice only exists because of the bound
    if (!node.chosenByBound) {
      for (let o = 0; o < node.taken.length; o++) {
        const acc = node.taken[o];
        const e = node.entities[o];
        if (o === node.chosen || acc === undefined || e === me || ents.includes(e)) continue;
        ents.push(e);
        accs.push(acc);
      }
    }
    this.sleepEntities = ents;
    this.sleepAccesses = accs;
  }

  /** Log entries of the engine steps before step `step`. */
  private entriesBefore(step: number): number {
    const log = this.log;
    let e = 0;
    while (e < log.steps && log.stepOf[e] < step) e++;
    return e;
  }

  /** Wake (drop) sleeping entities whose next step depends on a step run since the last sync. */
  private syncSleep(upTo: number): void {
    const log = this.log;
    let end = this.synced;
    while (end < log.steps && log.stepOf[end] < upTo) end++;
    for (let k = this.synced; k < end; k++) {
      if (this.sleepEntities.length === 0) break;
      stepAccesses(log, k, this.scratch);
      const e = log.entity[k];
      let w = 0;
      const ents = this.sleepEntities.slice();
      const accs = this.sleepAccesses.slice();
      for (let s = 0; s < ents.length; s++) {
        if (ents[s] === e || dependentAccesses(accs[s], this.scratch)) continue;
        ents[w] = ents[s];
        accs[w] = accs[s];
        w++;
      }
      ents.length = w;
      accs.length = w;
      this.sleepEntities = ents;
      this.sleepAccesses = accs;
    }
    this.synced = Math.max(this.synced, end);
  }

  /**
   * The race (i, j): at the point before entry i, one initial of notdep(i).j must be explored
   * (source sets) unless one already is, was, or sleeps there; and BPOR's extra point for it at
   * the latest context switch before that point.
   */
  private reverse(i: number, j: number, nodeAt: Map<number, number>): void {
    const initials = this.initialsBuf;
    this.finder.initials(i, j, initials);
    const p = this.log.entity[j];
    const step = this.log.stepOf[i];
    const m = nodeAt.get(step);
    let q = initials.includes(p) ? p : initials.length > 0 ? initials[0] : p;
    let k: number;
    if (m !== undefined) {
      const node = this.nodes[m];
      if (!node.coversAny(initials, this.sleepOn)) {
        q = node.pick(initials, p);
        // a waitUntil that could not run here (its predicate was false) is reversed elsewhere
        if (!(this.log.awaited[j] === 1 && q === p && !node.offers(p))) node.want(q, TODO_RACE);
      }
      k = m - 1;
    } else {
      // no choice before entry i (a lone option): start from the last decision before it
      k = this.depth - 1;
      while (k >= 0 && (this.nodes[k].isValue() || this.nodes[k].step > step)) k--;
    }
    // without a bound every schedule is affordable: source sets alone suffice
    if (!Number.isFinite(this.bound)) return;
    for (; k >= 0; k--) {
      const node = this.nodes[k];
      if (node.isValue() || !node.switched) continue;
      // a switch where q already ran, or would cost too much (a spin yield keeping the spinner),
      // cannot be where its step moves to: look at the switch before
      if (node.affordable(q, this.bound) && !node.ran(q)) {
        node.want(q, TODO_BOUND);
        return;
      }
    }
  }

  /** The accesses of each explored option's step, for the sleep sets of its later siblings. */
  private recordTaken(): void {
    const log = this.log;
    for (let m = 0; m < this.depth; m++) {
      const node = this.nodes[m];
      if (node.isValue() || node.chosenByBound || node.taken[node.chosen] !== undefined) continue;
      if (node.step >= log.engineSteps) continue;
      // a step that asked for a value is not one transition: it cannot sleep
      const next = this.nodes[m + 1];
      if (next !== undefined && next.isValue() && next.step === node.step + 1) continue;
      // the step's own entry and the flush entries of its drain
      const all: number[] = [];
      const own = log.entryOf[node.step];
      for (let e = own; e >= 0 && log.stepOf[e] === node.step; e--) {
        stepAccesses(log, e, this.scratch);
        all.push(...this.scratch);
      }
      node.taken[node.chosen] = Int32Array.from(all);
    }
  }

  /** Set up the next run at the deepest point with something left; false when the pass is over. */
  private next(): boolean {
    for (let m = this.depth - 1; m >= 0; m--) {
      const node = this.nodes[m];
      if (node.isValue()) {
        if (node.chosen + 1 < node.values) {
          node.chosen++;
          this.cutAt(m);
          return true;
        }
        continue;
      }
      let best = -1;
      for (let o = 0; o < node.entities.length; o++) {
        if (node.todo[o] === TODO_NONE || node.done[o] === 1 || node.cost[o] === FORBIDDEN) continue;
        if (node.costBefore + node.cost[o] > this.bound) {
          this.cut = true;
          continue;
        }
        if (this.sleepOn && node.todo[o] !== TODO_BOUND && node.asleep(node.entities[o])) continue;
        if (best < 0 || node.cost[o] < node.cost[best]) best = o;
      }
      if (best >= 0) {
        this.take(node, best, node.todo[best] === TODO_BOUND);
        this.cutAt(m);
        return true;
      }
    }
    return false;
  }

  private cutAt(m: number): void {
    this.nodes.length = m + 1;
    this.replay = m + 1;
  }
}

/** The option that costs no preemption: keep the running thread, or the next one at a spin yield. */
function freeDefault(point: ChoicePoint): number {
  return point.type === 'value' ? 0 : defaultOption(point);
}
