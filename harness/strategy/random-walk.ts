import { Prng, deriveSeed } from './prng';
import { HAND_OVER, type ChoiceOption, type ChoicePoint, type ExecutionSummary, type OptionKind, type Strategy } from './strategy';

/** Tuning of the random walk; every field has a documented default. */
export interface RandomWalkConfig {
  readonly seed: number;
  /** Stop after this many scheduling points and hand over to the fair continuation (default 10 000). */
  readonly prefixLimit?: number;
  /**
   * Per-execution probability, drawn from this list, of flushing a store buffer at a scheduling
   * point where a thread could run instead. Default [0.02, 0.08, 0.25]: with 0.02 a buffered store
   * lingers ~50 steps (store-buffering bugs such as tso Peterson/Dekker need both threads' stores
   * to stay invisible across the other's load), with 0.25 the run is nearly sc-like.
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

const DEFAULT_FLUSH = [0.02, 0.08, 0.25];
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
    this.points = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    const p = this.prng;
    if (point.type === 'value') return p.nextInt(point.n);
    if (++this.points > this.prefixLimit) return HAND_OVER;
    const opts = point.options;
    let threads = 0;
    let flushes = 0;
    let ipis = 0;
    for (let i = 0; i < opts.length; i++) {
      const k = opts[i].kind;
      if (k === 'thread') threads++;
      else if (k === 'flush') flushes++;
      else ipis++;
    }
    if (threads === 0) return p.nextInt(opts.length); // forced: only flushes / IPIs can make progress
    if (ipis > 0 && p.chance(this.pIpi)) return nthOfKind(opts, 'ipi', p.nextInt(ipis));
    if (flushes > 0 && p.chance(this.pFlush)) return nthOfKind(opts, 'flush', p.nextInt(flushes));
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

/** Index of the `n`-th option of `kind` (options are few: a linear scan allocates nothing). */
export function nthOfKind(opts: readonly ChoiceOption[], kind: OptionKind, n: number): number {
  for (let i = 0; i < opts.length; i++) {
    if (opts[i].kind === kind && n-- === 0) return i;
  }
  throw new Error(`nthOfKind: no option ${n} of kind ${kind}`);
}
