import { Prng, deriveSeed } from './prng';
import { StoreLifetimes } from './store-lifetimes';
import { HAND_OVER, type ChoiceOption, type ChoicePoint, type ExecutionSummary, type OptionKind, type Strategy } from './strategy';

/** Tuning of the random walk; every field has a documented default. */
export interface RandomWalkConfig {
  readonly seed: number;
  /** Stop after this many scheduling points and hand over to the fair continuation (default 10 000). */
  readonly prefixLimit?: number;
  /**
   * Per-execution probability, drawn from this list, of flushing a store buffer at a scheduling
   * point where a thread could run instead. Default [0, 0.02, 0.08, 0.25]: 0 keeps every store
   * buffered until its cpu drains it (fence, RMW) or nothing else can run; 0.02 lets a store
   * linger ~50 steps (store-buffering bugs such as tso Peterson/Dekker need both threads' stores
   * invisible across the other's load); 0.25 is nearly sc. Half of the executions ignore this and
   * draw a lifetime per store instead (store-lifetimes.ts).
   */
  readonly flushProbabilities?: readonly number[];
  /**
   * Per-execution probability, from this list, of delivering a pending IPI early (before the
   * target cpu would take it anyway). Default [0.05, 0.3, 0.7]: both late and early delivery
   * windows get explored.
   */
  readonly ipiProbabilities?: readonly number[];
  /**
   * Per-execution probability, from this list, of simply letting the current thread continue.
   * Default [0, 0.5, 0.9]: 0 is Shuttle's uniform walk (many preemptions), 0.9 gives long runs
   * with few preemptions (bugs needing one thread to get far, e.g. through a whole unlock).
   */
  readonly stickiness?: readonly number[];
}

const DEFAULT_FLUSH = [0, 0.02, 0.08, 0.25];
const DEFAULT_IPI = [0.05, 0.3, 0.7];
const DEFAULT_STICKY = [0, 0.5, 0.9];

/**
 * Random walk (Shuttle's RandomScheduler, with per-execution variety): at each scheduling
 * point pick an option at random by kind (thread / flush / IPI) with the execution's
 * probabilities, values uniformly. Execution `i` is seeded by deriveSeed(seed, 'random', i),
 * so it is reproducible on its own.
 */
export class RandomWalkStrategy implements Strategy {
  readonly name = 'random';
  private readonly prng = new Prng(0);
  private readonly prefixLimit: number;
  private readonly flushP: readonly number[];
  private readonly ipiP: readonly number[];
  private readonly stickyP: readonly number[];
  private pFlush = 0;
  private pIpi = 0;
  private pStay = 0;
  private points = 0;
  /** Half of the executions use random per-store lifetimes instead of one flush probability. */
  private perStore = false;
  private readonly lifetimes = new StoreLifetimes(this.prng);

  constructor(private readonly config: RandomWalkConfig) {
    this.prefixLimit = config.prefixLimit ?? 10_000;
    this.flushP = config.flushProbabilities ?? DEFAULT_FLUSH;
    this.ipiP = config.ipiProbabilities ?? DEFAULT_IPI;
    this.stickyP = config.stickiness ?? DEFAULT_STICKY;
  }

  beginExecution(index: number): boolean {
    const p = this.prng;
    p.reseed(deriveSeed(this.config.seed, 'random', index));
    this.pFlush = this.flushP[p.nextInt(this.flushP.length)];
    this.pIpi = this.ipiP[p.nextInt(this.ipiP.length)];
    this.pStay = this.stickyP[p.nextInt(this.stickyP.length)];
    this.perStore = p.chance(0.5);
    this.points = 0;
    this.lifetimes.reset();
    return true;
  }


  choose(point: ChoicePoint): number {
    const p = this.prng;
    if (point.type === 'value') return p.nextInt(point.n);
    if (++this.points > this.prefixLimit) return HAND_OVER;
    const opts = point.options;
    let threads = 0;
    let flushes = 0;
    // IPIs, and the async front end's events (timers, immediates, aborts): taken with pIpi
    let ipis = 0;
    for (let i = 0; i < opts.length; i++) {
      const k = opts[i].kind;
      if (k === 'thread') threads++;
      else if (k === 'flush') flushes++;
      else ipis++;
    }
    if (threads === 0) {
      // forced: only flushes / IPIs can make progress
      const i = p.nextInt(opts.length);
      if (opts[i].kind === 'flush') this.lifetimes.flushed(opts[i].target);
      return i;
    }
    if (ipis > 0 && p.chance(this.pIpi)) return nthOther(opts, p.nextInt(ipis));
    if (flushes > 0) {
      if (this.perStore) {
        const f = this.lifetimes.pick(opts);
        if (f >= 0) return f;
      } else if (p.chance(this.pFlush)) {
        return nthOfKind(opts, 'flush', p.nextInt(flushes));
      }
    }
    if (point.currentRunnable && opts[0].kind === 'thread' && p.chance(this.pStay)) return 0;
    return nthOfKind(opts, 'thread', p.nextInt(threads));
  }

  endExecution(summary: ExecutionSummary): void {
    void summary;
  }

  exhausted(): boolean {
    return false;
  }
}

/** Index of the `n`-th option that is neither a thread nor a flush. */
function nthOther(opts: readonly ChoiceOption[], n: number): number {
  for (let i = 0; i < opts.length; i++) {
    const k = opts[i].kind;
    if (k !== 'thread' && k !== 'flush' && n-- === 0) return i;
  }
  throw new Error(`nthOther: no option ${n}`);
}

/** Index of the `n`-th option of `kind` (options are few: a linear scan allocates nothing). */
export function nthOfKind(opts: readonly ChoiceOption[], kind: OptionKind, n: number): number {
  for (let i = 0; i < opts.length; i++) {
    if (opts[i].kind === kind && n-- === 0) return i;
  }
  throw new Error(`nthOfKind: no option ${n} of kind ${kind}`);
}
