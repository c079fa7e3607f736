/**
 * Occupancy of critical sections per lock name (t.enterCritical / t.exitCritical): the
 * direct mutual-exclusion oracle of lock workloads, independent of the history checker.
 * Returns a violation message, or undefined when all is well.
 */
export class CriticalSectionMonitor {
  /** Holder per lock name but the cached one; -1 = free. Created once a second name appears. */
  private holders: Map<string, number> | null = null;

  constructor(private readonly names: readonly string[]) {}

  // one-entry cache: lock workloads mostly use one lock name, a Map lookup per call costs more
  private lastLock: string | undefined;
  private lastHolder = -1;

  private holderOf(lock: string): number | undefined {
    return lock === this.lastLock ? this.lastHolder : this.holders?.get(lock);
  }

  private setHolder(lock: string, thread: number): void {
    if (lock !== this.lastLock) {
      if (this.lastLock !== undefined) (this.holders ??= new Map()).set(this.lastLock, this.lastHolder);
      this.lastLock = lock;
    }
    this.lastHolder = thread;
  }

  enter(thread: number, lock: string): string | undefined {
    const h = this.holderOf(lock);
    if (h !== undefined && h >= 0) {
      if (h === thread) return `mutual exclusion violated: ${this.names[thread]} entered ${lock} again while inside it`;
      return `mutual exclusion violated: ${this.names[thread]} entered ${lock} while ${this.names[h]} is inside`;
    }
    this.setHolder(lock, thread);
    return undefined;
  }

  exit(thread: number, lock: string): string | undefined {
    const h = this.holderOf(lock);
    if (h !== thread) {
      return h === undefined || h < 0
        ? `critical section misuse: ${this.names[thread]} left ${lock} without being inside`
        : `critical section misuse: ${this.names[thread]} left ${lock} while ${this.names[h]} is inside`;
    }
    this.setHolder(lock, -1);
    return undefined;
  }

  /** Lock names with their current holder (reports). */
  occupants(): [string, number][] {
    if (this.lastLock !== undefined) (this.holders ??= new Map()).set(this.lastLock, this.lastHolder);
    return this.holders === null ? [] : [...this.holders].filter(([, h]) => h >= 0);
  }
}
