import type { Prng } from './prng';
import type { ChoiceOption } from './strategy';

/**
 * Random per-store lifetimes for tso store buffers: each store that reaches the head of its
 * cpu's FIFO buffer is, with probability 1/2, "prompt" (flushed with probability 1/2 at each
 * scheduling point) or "lingering" (1/200). One execution then mixes stores that become visible
 * at once with stores that stay buffered across many steps of other cpus -- the shape of the
 * tso-only W14 mayhalt lost kick (seeds-qspinlock.md 6.iii: the head-pointer store lands, the
 * MCS hand-off store behind it does not), which neither an eager nor a uniformly lazy flush
 * policy produces. A cpu's head entry counts as new when its flush option just appeared or its
 * previous head was just flushed. Used by the random walk and by PCT.
 */
export class StoreLifetimes {
  private present = 0;
  private lastFlushed = -1;
  private readonly flushP: number[] = [];

  constructor(private readonly prng: Prng, private readonly prompt = 0.5, private readonly linger = 0.005) {}

  /** Start of an execution. */
  reset(): void {
    this.present = 0;
    this.lastFlushed = -1;
  }

  /** Record that the strategy flushed `cpu` by other means (forced choice). */
  flushed(cpu: number): void {
    this.lastFlushed = cpu;
  }

  /** Index of the flush option to take now, or -1 to take none. */
  pick(opts: readonly ChoiceOption[]): number {
    const p = this.prng;
    let present = 0;
    let pick = -1;
    for (let i = 0; i < opts.length; i++) {
      const o = opts[i];
      if (o.kind !== 'flush' || o.target >= 31) continue;
      const bit = 1 << o.target;
      present |= bit;
      if ((this.present & bit) === 0 || this.lastFlushed === o.target) {
        while (this.flushP.length <= o.target) this.flushP.push(0);
        this.flushP[o.target] = p.chance(0.5) ? this.prompt : this.linger;
      }
      if (pick < 0 && p.chance(this.flushP[o.target])) pick = i;
    }
    this.present = present;
    this.lastFlushed = pick >= 0 ? opts[pick].target : -1;
    return pick;
  }
}
