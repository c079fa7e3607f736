import { preemptionCost } from './preemption-cost';
import type { ChoicePoint, ExecutionSummary, Strategy } from './strategy';

/** Configuration of the bounded exhaustive search. */
export interface BoundedDfsConfig {
  /** Preemption bound K >= 0: schedules with up to K preemptions are explored. */
  readonly preemptions: number;
  /**
   * A thread that ran this many consecutive steps while another option existed is taken to be
   * spinning (a `cpuRelax` loop over several cells, e.g. Peterson): the search then yields it
   * for free, like CHESS's fair scheduler deprioritises a yielding thread. Without this rule a
   * spinner keeps the non-preemptive default running to the step bound and every one of its
   * spin steps becomes a branch point. Default 64 (longer than any operation of the built-in
   * targets without a spin); Infinity disables it.
   */
  readonly spinYieldSteps?: number;
}

/** Progress of the search, for reports. */
export interface BoundedDfsStats {
  /** Schedules explored with exactly c preemptions, index c = 0..K. */
  readonly schedulesPerBound: readonly number[];
  /** Bound of the phase in progress (or K + 1 once exhausted). */
  readonly bound: number;
  /** All schedules with <= K preemptions were explored. */
  readonly exhausted: boolean;
  /** Exhausted and no schedule needs more than K preemptions: the whole tree was explored. */
  readonly complete: boolean;
}

/** Work of a later phase: the decisions `base[0..len)` followed by the costly alternative `alt`. */
interface WorkItem {
  readonly base: readonly number[];
  readonly len: number;
  readonly alt: number;
}

/**
 * Stateless bounded exhaustive search by preemption count: iterative context bounding
 * (Musuvathi & Qadeer, PLDI 2007; CHESS). Phase c runs every schedule with exactly c
 * preemptions, so the first failure found has the fewest preemptions. Each execution replays
 * a prefix of decisions (the run is deterministic given them) and then takes option 0 (no
 * preemption) at every later point; after it, the search backtracks to the deepest point with
 * an untried alternative. Alternatives that would exceed the phase's budget are queued as work
 * items of phase c + 1 instead of being re-explored from the root, so no schedule is run twice
 * across phases. Value choices (`t.choose`) are enumerated at no preemption cost. A thread
 * that runs `spinYieldSteps` steps in a row while something else could run is yielded for free
 * (see BoundedDfsConfig): the engine then counts that switch in `preemptions`, the search does not.
 */
export class BoundedDfsStrategy implements Strategy {
  readonly name = 'dfs';
  private readonly maxBound: number;
  private bound = 0;
  private queue: WorkItem[] = [];
  private queueHead = 0;
  private nextQueue: WorkItem[] = [];
  private deferredBeyond = 0;
  private readonly perBound: number[] = [];
  private done = false;

  /** Decisions to replay in the next execution and how many of them are fixed by its work item. */
  private prefix: number[] = [];
  private fixedLen = 0;
  // the trail of the running execution (flat, reused between executions)
  private len = 0;
  private readonly nOpts: number[] = [];
  private readonly chosen: number[] = [];
  private readonly costBefore: number[] = [];
  private readonly costOff: number[] = [];
  private readonly costs: number[] = [];
  private cost = 0;
  private readonly spinYield: number;
  private runThread = -1;
  private runStart = 0;
  private yields = 0;

  constructor(config: BoundedDfsConfig) {
    if (!Number.isInteger(config.preemptions) || config.preemptions < 0) {
      throw new RangeError(`preemption bound must be an integer >= 0, got ${config.preemptions}`);
    }
    this.maxBound = config.preemptions;
    this.spinYield = config.spinYieldSteps ?? 64;
    for (let c = 0; c <= this.maxBound; c++) this.perBound.push(0);
  }

  beginExecution(index: number): boolean {
    void index;
    if (this.done) return false;
    this.len = 0;
    this.cost = 0;
    this.costs.length = 0;
    this.runThread = -1;
    this.runStart = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    const i = this.len++;
    const n = point.type === 'value' ? point.n : point.options.length;
    // spin yield: option 0 (keep spinning) is dropped, option 1 becomes the free default
    let yieldHere = false;
    if (point.type === 'schedule' && point.currentSpinning !== undefined) {
      // the engine judges spinning itself (execution.ts SPIN_RUN_STEPS, cpuRelax): one rule for
      // the search's free yields and the engine's preemption count
      yieldHere = point.currentSpinning && point.currentRunnable && point.options.length > 1;
    } else if (point.type === 'schedule') {
      if (!point.currentRunnable || point.current !== this.runThread) {
        this.runThread = point.current;
        this.runStart = point.step;
      } else if (point.step - this.runStart >= this.spinYield) {
        yieldHere = true;
        this.runStart = point.step;
      }
    }
    const d = i < this.prefix.length ? this.prefix[i] : yieldHere ? 1 : 0;
    if (d >= n || (yieldHere && d === 0)) {
      throw new Error(`dfs: nondeterministic target: decision ${i} replays option ${d} but only ${n} options exist now`);
    }
    this.nOpts[i] = n;
    this.chosen[i] = d;
    this.costBefore[i] = this.cost;
    this.costOff[i] = this.costs.length;
    if (yieldHere) {
      this.yields++;
      for (let o = 0; o < n; o++) this.costs.push(0);
    } else if (point.type === 'schedule') {
      for (let o = 0; o < n; o++) this.costs.push(preemptionCost(point, o));
      this.cost += this.costs[this.costOff[i] + d];
    } else {
      for (let o = 0; o < n; o++) this.costs.push(0);
    }
    return d;
  }

  endExecution(summary: ExecutionSummary): void {
    void summary;
    this.perBound[this.bound]++;
    if (this.backtrack()) return;
    // the work item's subtree is finished: take the next item, or move to the next phase
    for (;;) {
      if (this.queueHead < this.queue.length) {
        const item = this.queue[this.queueHead];
        this.queue[this.queueHead++] = undefined as unknown as WorkItem; // let it be collected
        this.prefix = item.base.slice(0, item.len);
        this.prefix.push(item.alt);
        this.fixedLen = this.prefix.length;
        return;
      }
      this.bound++;
      if (this.bound > this.maxBound || this.nextQueue.length === 0) {
        this.done = true;
        this.bound = this.maxBound + 1;
        return;
      }
      this.queue = this.nextQueue;
      this.queueHead = 0;
      this.nextQueue = [];
    }
  }

  exhausted(): boolean {
    return this.done;
  }

  /** Progress so far. */
  stats(): BoundedDfsStats {
    return {
      schedulesPerBound: this.perBound.slice(),
      bound: this.bound,
      exhausted: this.done,
      complete: this.done && this.deferredBeyond === 0 && this.nextQueue.length === 0,
    };
  }

  /** Spin yields taken so far (see BoundedDfsConfig.spinYieldSteps). */
  spinYields(): number {
    return this.yields;
  }

  /** Total schedules explored. */
  schedules(): number {
    let s = 0;
    for (const c of this.perBound) s += c;
    return s;
  }

  /** Find the deepest untried affordable alternative; queue the costly ones for the next phase. */
  private backtrack(): boolean {
    let snapshot: number[] | undefined;
    for (let i = this.len - 1; i >= this.fixedLen; i--) {
      const n = this.nOpts[i];
      const before = this.costBefore[i];
      const off = this.costOff[i];
      for (let o = this.chosen[i] + 1; o < n; o++) {
        const c = before + this.costs[off + o];
        if (c <= this.bound) {
          this.prefix = this.chosen.slice(0, i);
          this.prefix.push(o);
          return true;
        }
        // c === bound + 1: the schedule belongs to the next phase
        if (this.bound < this.maxBound) {
          snapshot ??= this.chosen.slice(0, this.len);
          this.nextQueue.push({ base: snapshot, len: i, alt: o });
        } else {
          this.deferredBeyond++;
        }
      }
    }
    return false;
  }
}
