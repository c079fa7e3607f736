import { Prng, deriveSeed } from './prng';
import { StoreLifetimes } from './store-lifetimes';
import { HAND_OVER, KIND_COUNT, OPTION_KIND_INDEX, type ChoiceOption, type ChoicePoint, type ExecutionSummary, type OptionKind, type Strategy } from './strategy';

/** Configuration of PCT. */
export interface PctConfig {
  readonly seed: number;
  /** Bug depth d >= 1: d - 1 priority change points per execution. */
  readonly depth: number;
  /** Step-count estimate k before any execution has been seen (default 64). */
  readonly initialSteps?: number;
  /** Hand over to the fair continuation after this many scheduling points (default 2000). */
  readonly prefixLimit?: number;
  /**
   * A thread that ran this many steps in a row while something else could run (or whose last
   * step was a cpuRelax, when the engine says so) is spinning on a lower-priority thread: it is
   * demoted below every other entity, as a yield (default 64). Without this a high-priority
   * spinner burns the whole prefix.
   */
  readonly spinYieldSteps?: number;
}

/** How the store-buffer and IPI pseudo-threads of one execution are prioritised. */
export type PctPseudoMode = 'uniform' | 'lazy-flush' | 'random-flush' | 'lazy-all';

const BAND_THREADS = 1000;
const BAND_LAZY = 100;

/**
 * PCT, probabilistic concurrency testing (Burckhardt, Kothari, Musuvathi, Nagarakatte,
 * ASPLOS 2010): random distinct priorities, d - 1 change points drawn uniformly over the
 * estimated step count k, always run the highest-priority enabled entity; at change point j
 * the entity about to run drops to priority j (below every initial priority).
 *
 * Memory-model and kernel choices are scheduled the same way: the store buffer of each cpu
 * and the IPI inbox of each cpu are pseudo-threads with their own priority. Per execution,
 * with probability 1/4 each: 'uniform' (they share the threads' priority band: plain PCT over
 * n + pseudo entities, so the PCT bound holds for those runs); 'lazy-flush' (buffers below every
 * thread: a store stays buffered until a fence/RMW drains it, nothing else can run, or a change
 * point demotes the thread ahead of it -- the "delay the flush" heuristic of seeds-qspinlock.md
 * 9); 'random-flush' (threads by priority, stores by random per-store lifetimes, see
 * store-lifetimes.ts: some land at once, some linger); 'lazy-all' (IPIs late too).
 *
 * k is learned: the largest number of scheduling points of a previous execution that ended
 * before the prefix limit. Execution i is seeded by deriveSeed(seed, 'pct<d>', i).
 */
export class PctStrategy implements Strategy {
  readonly name: string;
  private readonly prng = new Prng(0);
  /** Bug depth d this instance targets. */
  readonly depth: number;
  private readonly prefixLimit: number;
  private k: number;
  private learned = false;
  /** Priority by entity id (thread t = 3t, flush of cpu c = 3c + 1, IPI of cpu c = 3c + 2); NaN = not drawn yet. */
  private prio: number[] = [];
  private readonly changeAt: number[] = [];
  private mode: PctPseudoMode = 'uniform';
  private points = 0;
  private maxEntities = 0;
  private entitiesThisRun = 0;
  private pseudoSeen = false;
  private readonly spinYield: number;
  private runThread = -1;
  private runStart = 0;
  private lowest = 0;
  private readonly modeCounts: Record<PctPseudoMode, number> = { uniform: 0, 'lazy-flush': 0, 'random-flush': 0, 'lazy-all': 0 };
  private readonly lifetimes = new StoreLifetimes(this.prng);

  constructor(private readonly config: PctConfig) {
    if (!Number.isInteger(config.depth) || config.depth < 1) throw new RangeError(`PCT depth must be an integer >= 1, got ${config.depth}`);
    this.depth = config.depth;
    this.name = `pct(d=${config.depth})`;
    this.prefixLimit = config.prefixLimit ?? 2000;
    this.k = Math.max(1, config.initialSteps ?? 64);
    this.spinYield = config.spinYieldSteps ?? 64;
  }

  /** Current estimate of k (scheduling points per execution). */
  estimatedSteps(): number {
    return this.k;
  }

  /** Largest number of schedulable entities (threads + buffers + IPI inboxes) seen in one execution. */
  entities(): number {
    return this.maxEntities;
  }

  /** Executions so far per pseudo-thread mode (the PCT bound counts the 'uniform' ones when buffers/IPIs exist). */
  runsByMode(): Readonly<Record<PctPseudoMode, number>> {
    return { ...this.modeCounts };
  }

  /** True once some execution offered flush or IPI choices (the PCT bound then only holds for 'uniform' runs). */
  sawPseudoThreads(): boolean {
    return this.pseudoSeen;
  }

  beginExecution(index: number): boolean {
    const p = this.prng;
    p.reseed(deriveSeed(this.config.seed, `pct${this.depth}`, index));
    const m = p.nextInt(4);
    this.mode = m === 0 ? 'uniform' : m === 1 ? 'lazy-flush' : m === 2 ? 'random-flush' : 'lazy-all';
    this.lifetimes.reset();
    this.modeCounts[this.mode]++;
    this.prio.fill(NaN);
    this.changeAt.length = 0;
    for (let j = 1; j < this.depth; j++) this.changeAt.push(1 + p.nextInt(this.k));
    this.points = 0;
    this.entitiesThisRun = 0;
    this.runThread = -1;
    this.runStart = 0;
    this.lowest = BAND_LAZY;
    return true;
  }

  choose(point: ChoicePoint): number {
    const p = this.prng;
    if (point.type === 'value') return p.nextInt(point.n);
    const step = ++this.points;
    if (step > this.prefixLimit) return HAND_OVER;
    const opts = point.options;
    if (!point.currentRunnable || point.current !== this.runThread) {
      this.runThread = point.current;
      this.runStart = point.step;
    } else if (point.currentSpinning === true || point.step - this.runStart >= this.spinYield) {
      // a spinner waits for someone with a lower priority: demote it below every entity (a yield)
      this.prio[entityOf('thread', point.current)] = --this.lowest;
      this.runStart = point.step;
    }
    if (this.mode === 'random-flush' && opts[opts.length - 1].kind !== 'thread') {
      const f = this.lifetimes.pick(opts);
      if (f >= 0) return f;
    }
    let best = this.pickHighest(opts);
    if (opts[best].kind === 'flush') this.lifetimes.flushed(opts[best].target);
    for (let j = 0; j < this.changeAt.length; j++) {
      if (this.changeAt[j] === step) {
        // change point j+1: the entity about to run drops below every initial priority
        this.prio[entityOf(opts[best].kind, opts[best].target)] = j + 1;
        best = this.pickHighest(opts);
      }
    }
    return best;
  }

  endExecution(summary: ExecutionSummary): void {
    void summary;
    // k = the longest execution seen (the initial guess only stands until one has been seen)
    if (this.points <= this.prefixLimit && this.points > 0 && (this.points > this.k || !this.learned)) this.k = this.points;
    if (this.points > 0) this.learned = true;
    if (this.entitiesThisRun > this.maxEntities) this.maxEntities = this.entitiesThisRun;
  }

  exhausted(): boolean {
    return false;
  }

  private pickHighest(opts: readonly ChoiceOption[]): number {
    let best = 0;
    let bestP = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < opts.length; i++) {
      const o = opts[i];
      const e = entityOf(o.kind, o.target);
      let pr = this.prio[e];
      if (pr === undefined || pr !== pr) pr = this.draw(e, o.kind);
      if (pr > bestP) {
        bestP = pr;
        best = i;
      }
    }
    return best;
  }

  /** Lazily draw an initial priority: independent uniform floats = a uniform random permutation. */
  private draw(e: number, kind: OptionKind): number {
    while (this.prio.length <= e) this.prio.push(NaN);
    if (kind !== 'thread') this.pseudoSeen = true;
    // async events: timers and the timeouts of blocked waits are lazy like store buffers (a step
    // usually beats a timeout), aborts and signals like IPIs
    const lazy = ((kind === 'flush' || kind === 'timer' || kind === 'timeout') && this.mode !== 'uniform') || ((kind === 'ipi' || kind === 'abort' || kind === 'signal') && this.mode === 'lazy-all');
    const pr = (lazy ? BAND_LAZY : BAND_THREADS) + this.prng.nextFloat() * 100;
    this.prio[e] = pr;
    this.entitiesThisRun++;
    return pr;
  }
}

function entityOf(kind: OptionKind, target: number): number {
  return KIND_COUNT * target + OPTION_KIND_INDEX[kind];
}
