import { HAND_OVER, type ChoicePoint, type ExecutionSummary, type Strategy } from './strategy';

/** Where a replay stopped matching its log. */
export interface ReplayDivergence {
  /** Index in the decision log. */
  readonly index: number;
  /** The recorded decision. */
  readonly recorded: number;
  /** What the choice point offered now: `options` indices or a value range. */
  readonly available: number;
  readonly pointType: 'schedule' | 'value';
  /** Scheduling step of the engine at that point. */
  readonly step: number;
}

/**
 * Exact replay of a recorded decision log. A recorded decision that is out of range for the
 * options offered now means the target (or the harness) changed since the log was recorded:
 * the replay stops following the log there (hands over to the fair continuation) and reports
 * the divergence. After the log ends it hands over, exactly as the recording did.
 */
export class ReplayStrategy implements Strategy {
  readonly name = 'replay';
  private pos = 0;
  private diverged: ReplayDivergence | undefined;

  constructor(private readonly log: readonly number[]) {}

  beginExecution(index: number): boolean {
    void index;
    this.pos = 0;
    this.diverged = undefined;
    return true;
  }

  choose(point: ChoicePoint): number {
    if (this.diverged !== undefined || this.pos >= this.log.length) return HAND_OVER;
    const index = this.pos++;
    const d = this.log[index];
    const n = point.type === 'value' ? point.n : point.options.length;
    if (d === HAND_OVER) return HAND_OVER;
    if (!Number.isInteger(d) || d < 0 || d >= n) {
      this.diverged = { index, recorded: d, available: n, pointType: point.type, step: point.step };
      return HAND_OVER;
    }
    return d;
  }

  endExecution(summary: ExecutionSummary): void {
    void summary;
  }

  exhausted(): boolean {
    return false;
  }

  /** The first divergence of the last execution, if any. */
  divergence(): ReplayDivergence | undefined {
    return this.diverged;
  }

  /** Decisions of the log consumed by the last execution (< log length: the run ended early). */
  consumed(): number {
    return this.pos;
  }
}

/** Human description of a divergence. */
export function formatDivergence(d: ReplayDivergence, logLength: number): string {
  const what = d.pointType === 'value' ? `a value in [0, ${d.available})` : `${d.available} scheduling option${d.available === 1 ? '' : 's'}`;
  return `replay diverged at decision ${d.index} of ${logLength} (step ${d.step}): the log says ${d.recorded} but the target now offers ${what}; the target or harness changed since the log was recorded`;
}
