import { HAND_OVER, type ChoicePoint, type ExecutionSummary, type Strategy } from './strategy';

/**
 * Drive executions from an explicit array of numbers, e.g. one generated and shrunk by
 * fast-check: answer i is `decisions[i] mod (number of options)`, so every array is a valid
 * schedule and shrinking toward 0 / shorter arrays means fewer preemptions. When the array runs
 * out the strategy hands over to the engine's fair continuation (which also detects hangs).
 * Every execution replays the same array.
 */
export class DecisionsStrategy implements Strategy {
  readonly name = 'decisions';
  private pos = 0;

  constructor(private readonly decisions: readonly number[]) {}

  beginExecution(index: number): boolean {
    void index;
    this.pos = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    if (this.pos >= this.decisions.length) return HAND_OVER;
    const n = point.type === 'value' ? point.n : point.options.length;
    const raw = this.decisions[this.pos++];
    // a logged hand-over means the same here as in the replay strategy, not an index
    if (raw === HAND_OVER) return HAND_OVER;
    const d = Math.trunc(raw);
    if (!Number.isFinite(d)) return 0;
    return ((d % n) + n) % n;
  }

  endExecution(summary: ExecutionSummary): void {
    void summary;
  }

  exhausted(): boolean {
    return false;
  }
}
