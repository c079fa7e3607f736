import { PctStrategy } from './pct';
import { RandomWalkStrategy } from './random-walk';
import type { ChoicePoint, ExecutionSummary, Strategy } from './strategy';

/** Configuration of the default portfolio. */
export interface PortfolioConfig {
  readonly seed: number;
  /** Hand over to the fair continuation after this many scheduling points. */
  readonly prefixLimit?: number;
}

/**
 * Which member runs execution i (cyclic). Random walk catches shallow races and store-buffer
 * bugs fast (stores linger); PCT d=2/3 catches the ordering bugs of depth 2-3 that a uniform
 * walk rarely hits (one or two well-placed preemptions); PCT d=1 gives long undisturbed runs.
 */
const CYCLE = ['random', 'pct2', 'random', 'pct3', 'pct1', 'pct2', 'random', 'pct3'] as const;

/**
 * The `default` strategy of `lockstep run` (Coyote's portfolio idea): one seeded sequence of
 * executions alternating a random walk and PCT with depths 1..3, each member with its own seed
 * derived from the portfolio seed and its own execution counter (PCT members learn k
 * independently). Deterministic given the seed.
 */
export class PortfolioStrategy implements Strategy {
  readonly name = 'default';
  private readonly members: Record<(typeof CYCLE)[number], Strategy>;
  private readonly counts = new Map<string, number>();
  private active: Strategy;

  constructor(config: PortfolioConfig) {
    const limit = config.prefixLimit;
    this.members = {
      random: new RandomWalkStrategy({ seed: config.seed, prefixLimit: limit }),
      pct1: new PctStrategy({ seed: config.seed, depth: 1, prefixLimit: limit }),
      pct2: new PctStrategy({ seed: config.seed, depth: 2, prefixLimit: limit }),
      pct3: new PctStrategy({ seed: config.seed, depth: 3, prefixLimit: limit }),
    };
    this.active = this.members.random;
  }

  /** Name of the member that runs execution `index`. */
  memberFor(index: number): string {
    return this.members[CYCLE[index % CYCLE.length]].name;
  }

  /** The PCT members (for residual-risk reports). */
  pctMembers(): readonly PctStrategy[] {
    return [this.members.pct1, this.members.pct2, this.members.pct3] as PctStrategy[];
  }

  beginExecution(index: number): boolean {
    const key = CYCLE[index % CYCLE.length];
    const i = this.counts.get(key) ?? 0;
    this.counts.set(key, i + 1);
    this.active = this.members[key];
    return this.active.beginExecution(i);
  }

  choose(point: ChoicePoint): number {
    return this.active.choose(point);
  }

  endExecution(summary: ExecutionSummary): void {
    this.active.endExecution(summary);
  }

  exhausted(): boolean {
    return false;
  }
}
