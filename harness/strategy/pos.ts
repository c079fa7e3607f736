import { Prng, deriveSeed } from './prng';
import { HAND_OVER, KIND_COUNT, OPTION_KIND_INDEX, type ChoiceOption, type ChoicePoint, type ExecutionSummary, type OptionKind, type Strategy } from './strategy';

/** Configuration of partial-order sampling. */
export interface PosConfig {
  readonly seed: number;
  /** Hand over to the fair continuation after this many scheduling points (default 2000). */
  readonly prefixLimit?: number;
}

/**
 * Basic partial-order sampling (Yuan, Yang, Gu: "Partial Order Aware Concurrency Sampling",
 * CAV 2018), without the race-aware priority reset (the seam does not expose accesses): every
 * schedulable entity (thread, a cpu's store buffer, a cpu's IPI inbox) holds a random priority,
 * the highest-priority option runs, and only the entity that ran draws a new priority. A thread
 * that draws low stays paused for a long, random stretch while others run -- the "vCPU
 * preempted inside a window while another cpu spins past its threshold and halts" shape of the
 * pvqspinlock bugs (seeds-qspinlock.md 2.5) -- which neither a uniform walk (short pauses) nor
 * PCT (few, fixed change points) produces often. Store buffers draw from a lower range with
 * probability 1/2 per execution (stores linger). Execution i is seeded by deriveSeed(seed, 'pos', i).
 */
export class PosStrategy implements Strategy {
  readonly name = 'pos';
  private readonly prng = new Prng(0);
  private readonly prefixLimit: number;
  private readonly prio: number[] = [];
  private points = 0;
  private flushScale = 1;

  constructor(private readonly config: PosConfig) {
    this.prefixLimit = config.prefixLimit ?? 2000;
  }

  beginExecution(index: number): boolean {
    this.prng.reseed(deriveSeed(this.config.seed, 'pos', index));
    this.prio.fill(NaN);
    this.points = 0;
    this.flushScale = this.prng.chance(0.5) ? 1 : 0.25;
    return true;
  }

  choose(point: ChoicePoint): number {
    if (point.type === 'value') return this.prng.nextInt(point.n);
    if (++this.points > this.prefixLimit) return HAND_OVER;
    const opts = point.options;
    let best = 0;
    let bestP = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < opts.length; i++) {
      const e = entityOf(opts[i]);
      let pr = this.prio[e];
      if (pr === undefined || pr !== pr) pr = this.draw(e, opts[i].kind);
      if (pr > bestP) {
        bestP = pr;
        best = i;
      }
    }
    this.draw(entityOf(opts[best]), opts[best].kind);
    return best;
  }

  endExecution(summary: ExecutionSummary): void {
    void summary;
  }

  exhausted(): boolean {
    return false;
  }

  private draw(e: number, kind: OptionKind): number {
    while (this.prio.length <= e) this.prio.push(NaN);
    const pr = this.prng.nextFloat() * (kind === 'flush' ? this.flushScale : 1);
    this.prio[e] = pr;
    return pr;
  }
}

function entityOf(o: ChoiceOption): number {
  return KIND_COUNT * o.target + OPTION_KIND_INDEX[o.kind];
}
