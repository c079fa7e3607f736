import type { ChoiceOption } from '../strategy/strategy';
import type { Execution } from './execution';

/**
 * The fair continuation's schedule (ARCHITECTURE.md "Oracles": hang by fair continuation).
 * Slots 0..n-1 are cpus: take a deliverable IPI, else step the thread if runnable; slots
 * n..2n-1 flush the oldest buffered store of cpu slot-n; slots 2n..3n-1 expire the timed wait
 * of thread slot-2n if it is blocked in one (thread-api.ts WaitOptions: a timed waiter never
 * waits forever; signals are never sent here). One option per call, cycling, so every runnable
 * thread steps, every buffer drains, every deliverable IPI arrives and every timed wait expires
 * within one round. A deterministic function of the state: replay needs only the strategy's prefix.
 */
export class FairRoundRobin {
  private slot = 0;
  /** Round boundaries passed (slot 0 examined): the spin quiescence check runs on each. */
  rounds = 0;

  constructor(private readonly n: number) {}

  startAt(slot: number): void {
    this.slot = slot;
  }

  /** The next option, or null when nothing at all can move. */
  pick(ex: Execution): ChoiceOption | null {
    const n = this.n;
    const n2 = 2 * n;
    const n3 = 3 * n;
    for (let k = 0; k < n3; k++) {
      let s = this.slot + k;
      if (s >= n3) s -= n3;
      if (s === 0) this.rounds++;
      let o: ChoiceOption | null = null;
      if (s < n) {
        if (ex.kernel.ipi.anyPending() && ex.ipiDeliverable(s)) o = ex.ipiOpts[s];
        else if (ex.runnable(s)) o = ex.threadOpts[s];
      } else if (s < n2) {
        if (!ex.mem.quiescent() && ex.mem.bufferedCount(s - n) > 0) o = ex.flushOpts[s - n];
      } else if (ex.timeoutDue(s - n2)) {
        o = ex.timeoutOpts[s - n2];
      }
      if (o !== null) {
        this.slot = s + 1 >= n3 ? 0 : s + 1;
        return o;
      }
    }
    return null;
  }
}
