import type { ChoicePoint, ExecutionSummary, Strategy } from '../../strategy/strategy';

/**
 * Test helper: enumerates EVERY decision sequence of a finite execution tree by odometer
 * DFS over the choice points (no preemption bound, no reduction). Each execution replays the
 * current prefix and extends it with zeros; `beginExecution` advances the odometer.
 * Only for small litmus-sized programs; the product strategies live in harness/strategy.
 */
export class ExhaustiveStrategy implements Strategy {
  readonly name = 'exhaustive-test';
  private readonly digits: number[] = [];
  private readonly arity: number[] = [];
  private depth = 0;
  private done = false;
  private started = false;

  beginExecution(_index: number): boolean {
    if (this.done) return false;
    if (this.started) {
      // advance: drop maxed digits from the end, increment the last one
      while (this.digits.length > 0 && this.digits[this.digits.length - 1] + 1 >= this.arity[this.arity.length - 1]) {
        this.digits.pop();
        this.arity.pop();
      }
      if (this.digits.length === 0) {
        this.done = true;
        return false;
      }
      this.digits[this.digits.length - 1]++;
    }
    this.started = true;
    this.depth = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    const n = point.type === 'schedule' ? point.options.length : point.n;
    const d = this.depth++;
    if (d < this.digits.length) {
      if (this.arity[d] !== n) throw new Error(`exhaustive: nondeterministic replay at depth ${d}: ${this.arity[d]} vs ${n} options`);
      return this.digits[d];
    }
    this.digits.push(0);
    this.arity.push(n);
    return 0;
  }

  endExecution(_summary: ExecutionSummary): void {
    // a shorter execution than the recorded prefix cannot happen for a deterministic target
    this.digits.length = this.depth;
    this.arity.length = this.depth;
  }

  exhausted(): boolean {
    return this.done;
  }
}
