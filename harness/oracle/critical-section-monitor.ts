/**
 * Occupancy of critical sections per lock name (t.enterCritical / t.exitCritical): the
 * direct mutual-exclusion oracle of lock workloads, independent of the history checker.
 * Returns a violation message, or undefined when all is well.
 */
export class CriticalSectionMonitor {
  /** Holder per lock name; -1 = free. */
  private readonly holders = new Map<string, number>();

  constructor(private readonly names: readonly string[]) {}

  enter(thread: number, lock: string): string | undefined {
    const h = this.holders.get(lock);
    if (h !== undefined && h >= 0) {
      if (h === thread) return `mutual exclusion violated: ${this.names[thread]} entered ${lock} again while inside it`;
      return `mutual exclusion violated: ${this.names[thread]} entered ${lock} while ${this.names[h]} is inside`;
    }
    this.holders.set(lock, thread);
    return undefined;
  }

  exit(thread: number, lock: string): string | undefined {
    const h = this.holders.get(lock);
    if (h !== thread) {
      return h === undefined || h < 0
        ? `critical section misuse: ${this.names[thread]} left ${lock} without being inside`
        : `critical section misuse: ${this.names[thread]} left ${lock} while ${this.names[h]} is inside`;
    }
    this.holders.set(lock, -1); // cheaper than delete; -1 = free
    return undefined;
  }

  /** Lock names with their current holder (reports). */
  occupants(): [string, number][] {
    return [...this.holders].filter(([, h]) => h >= 0);
  }
}
