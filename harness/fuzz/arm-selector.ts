import { ARM_NAMES, type ArmName, type ArmStats } from './fuzz-types';

/** Share of the budget every live arm keeps however unproductive it looks (exploration floor). */
const FLOOR = 0.04;
/** Runs per arm, round robin, before the split turns adaptive. */
const WARMUP_PER_ARM = 2;

/**
 * Prior weight of each arm, multiplying its adaptive weight. Set by measurement on the seeded
 * kernel bugs (bench/fuzz-bench.ts, harness/strategy/README.md): partial-order sampling finds
 * the deep pvqspinlock bugs (a cpu paused over a long, precisely placed window) several times
 * faster than the random walk, and PCT d<=3, the small exhaustive search and short decision
 * arrays not at all within thousands of runs; the classic ordering bugs fall to every arm
 * within a few hundred runs, so the others keep a share for their coverage and PCT for the
 * residual-risk bound. PCT d=1 (never preempts) mostly repeats what the others do.
 */
export const ARM_PRIORS: Readonly<Record<ArmName, number>> = Object.freeze({
  pos: 4, random: 2, urw: 2, pct1: 0.5, pct2: 1, pct3: 1, dfs: 1, decisions: 1,
});

/**
 * Adaptive budget split of the portfolio (issue 5; in the spirit of Coyote's portfolio and of
 * coverage-guided fuzzers' power schedules): each run goes to an arm with probability
 * proportional to its prior (ARM_PRIORS) times FLOOR + its rate of runs that found new
 * (thread, program point) coverage (Laplace-smoothed), after a short round-robin warm-up. Deterministic: the draw is the
 * run's pre-sampled uniform `pick`, so a batch stays a pure function of its seed.
 */
export class ArmSelector {
  readonly stats: ArmStats[];
  private turns = 0;

  constructor(arms: readonly ArmName[] = ARM_NAMES) {
    this.stats = arms.map((arm) => ({ arm, executions: 0, steps: 0, newCoverage: 0, findings: 0, exhausted: false }));
  }

  /** Arm of the next run; undefined when every arm is exhausted. */
  next(pick: number): ArmStats | undefined {
    const live = this.stats.filter((s) => !s.exhausted);
    if (live.length === 0) return undefined;
    const turn = this.turns++;
    if (turn < WARMUP_PER_ARM * this.stats.length) {
      const s = this.stats[turn % this.stats.length];
      if (!s.exhausted) return s;
    }
    let total = 0;
    const weights = live.map((s) => {
      const w = ARM_PRIORS[s.arm] * (FLOOR + (s.newCoverage + 1) / (s.executions + 2));
      total += w;
      return w;
    });
    let x = pick * total;
    for (let i = 0; i < live.length; i++) {
      x -= weights[i];
      if (x < 0) return live[i];
    }
    return live[live.length - 1];
  }

  /** Record the result of a run of `arm`. */
  record(arm: ArmStats, steps: number, newCoverage: boolean, failed: boolean): void {
    arm.executions++;
    arm.steps += steps;
    if (newCoverage) arm.newCoverage++;
    if (failed) arm.findings++;
  }
}
