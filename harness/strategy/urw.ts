import { Prng, deriveSeed } from './prng';
import { HAND_OVER, type ChoicePoint, type ExecutionSummary, type Strategy } from './strategy';

/** Configuration of the uniform random walk. */
export interface UrwConfig {
  readonly seed: number;
  /** Stop after this many scheduling points and hand over to the fair continuation (default 10 000). */
  readonly prefixLimit?: number;
}

/** Thread slots tracked per thread count (threads beyond it share the last slot's estimate). */
const MAX_THREADS = 64;

/**
 * Uniform random walk over interleavings (URW; Zhao, Wolff, Mathur, Roychoudhury, "Selectively
 * Uniform Concurrency Testing", ASPLOS 2025; Shuttle's UniformRandomScheduler). A plain random
 * walk picks a runnable thread uniformly at each point, which over-samples interleavings in
 * which the threads with few steps left run early; URW instead picks each thread with
 * probability proportional to the number of events it still has to run, which makes every
 * interleaving of the remaining events equally likely when the counts are right.
 *
 * Counts are estimates: the steps each thread ran, averaged over the earlier
 * executions of this strategy with the same thread count (execution 0, and the first one of
 * each new thread count, is a plain uniform walk that measures them, as Shuttle's trial run
 * does). The engine asks nothing where only one option exists, so steps are attributed from
 * the choice points: of the steps between two points, the first is the thread picked at the
 * earlier one and the others the thread running at the later one (`current`); after the last
 * point, the other threads runnable there share the tail. A thread's remaining count is its
 * estimate minus its steps so far, never below 1 (a thread that runs longer than estimated,
 * e.g. a spinner, keeps weight 1).
 * A store-buffer flush, an IPI and the other non-thread options are one event each: weight 1.
 * Value choices are uniform. Execution `i` is seeded by deriveSeed(seed, 'urw', i); the
 * estimates make an execution depend on the earlier ones of the same strategy instance, as
 * PCT's step estimate does.
 */
export class UrwStrategy implements Strategy {
  readonly name = 'urw';
  private readonly prng = new Prng(0);
  private readonly prefixLimit: number;
  /** Per thread count n: summed steps per thread slot over the executions measured, and how many. */
  private readonly sums = new Map<number, { steps: number[]; runs: number }>();
  /** Steps per thread in the running execution (attributed at choice points). */
  private readonly ran: number[] = [];
  /** Slot of the thread picked at the last choice point (-1: a non-thread option) and the step count there. */
  private lastSlot = -1;
  private lastStep = 0;
  /** Slots of the other threads runnable at the last choice point (they share the tail). */
  private readonly others: number[] = [];
  private handedOver = false;
  private estimate: readonly number[] | undefined;
  private threads = 0;
  private points = 0;
  private readonly weights: number[] = [];

  constructor(private readonly config: UrwConfig) {
    this.prefixLimit = config.prefixLimit ?? 10_000;
  }

  beginExecution(index: number): boolean {
    this.prng.reseed(deriveSeed(this.config.seed, 'urw', index));
    this.ran.length = 0;
    this.lastSlot = -1;
    this.lastStep = 0;
    this.handedOver = false;
    this.threads = 0;
    this.estimate = undefined;
    this.points = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    const p = this.prng;
    if (point.type === 'value') return p.nextInt(point.n);
    this.attribute(point.step, point.current >= 0 ? Math.min(point.current, MAX_THREADS - 1) : -1);
    if (++this.points > this.prefixLimit) {
      this.handedOver = true;
      return HAND_OVER;
    }
    if (this.threads === 0) this.startThreads(point.threadCount);
    const opts = point.options;
    const est = this.estimate;
    let total = 0;
    for (let i = 0; i < opts.length; i++) {
      const o = opts[i]!;
      let w = 1;
      if (o.kind === 'thread' && est !== undefined) {
        const slot = Math.min(o.target, MAX_THREADS - 1);
        w = Math.max(1, (est[slot] ?? 1) - (this.ran[slot] ?? 0));
      }
      this.weights[i] = w;
      total += w;
    }
    let x = p.nextFloat() * total;
    let pick = opts.length - 1;
    for (let i = 0; i < opts.length; i++) {
      x -= this.weights[i]!;
      if (x < 0) { pick = i; break; }
    }
    const chosen = opts[pick]!;
    this.lastSlot = chosen.kind === 'thread' ? Math.min(chosen.target, MAX_THREADS - 1) : -1;
    this.others.length = 0;
    for (let i = 0; i < opts.length; i++) if (i !== pick && opts[i]!.kind === 'thread') this.others.push(Math.min(opts[i]!.target, MAX_THREADS - 1));
    return pick;
  }

  endExecution(summary: ExecutionSummary): void {
    if (this.threads === 0) return;
    // the fair continuation's steps are not the walk's: leave them out of the estimate
    if (!this.handedOver) this.attributeTail(summary.steps);
    let s = this.sums.get(this.threads);
    if (s === undefined) {
      s = { steps: [], runs: 0 };
      this.sums.set(this.threads, s);
    }
    s.runs++;
    for (let t = 0; t < Math.min(this.threads, MAX_THREADS); t++) s.steps[t] = (s.steps[t] ?? 0) + (this.ran[t] ?? 0);
  }

  exhausted(): boolean {
    return false;
  }

  /** The remaining-event estimates for `n` threads (undefined until one execution of n threads was measured). */
  estimatesFor(n: number): number[] | undefined {
    const s = this.sums.get(n);
    if (s === undefined || s.runs === 0) return undefined;
    return s.steps.map((x) => x / s.runs);
  }

  /** Steps since the last choice point: the first to the thread picked there, the rest to `running` (the thread current now). */
  private attribute(step: number, running: number): void {
    const d = Math.max(0, step - this.lastStep);
    this.lastStep = step;
    if (d === 0) return;
    if (this.lastSlot >= 0) this.add(this.lastSlot, 1);
    const rest = this.lastSlot >= 0 ? d - 1 : d;
    if (rest > 0 && running >= 0) this.add(running, rest);
  }

  /** Steps after the last choice point: one to the thread picked there, the rest shared by the others runnable there. */
  private attributeTail(step: number): void {
    const d = Math.max(0, step - this.lastStep);
    if (d === 0) return;
    if (this.lastSlot >= 0) this.add(this.lastSlot, 1);
    const rest = this.lastSlot >= 0 ? d - 1 : d;
    if (rest <= 0) return;
    if (this.others.length === 0) {
      if (this.lastSlot >= 0) this.add(this.lastSlot, rest);
      return;
    }
    for (const o of this.others) this.add(o, rest / this.others.length);
  }

  private add(slot: number, n: number): void {
    this.ran[slot] = (this.ran[slot] ?? 0) + n;
  }

  private startThreads(n: number): void {
    this.threads = Math.max(1, n);
    this.estimate = this.estimatesFor(this.threads);
  }
}
