/**
 * Futex wait queues keyed by word address, FIFO per address (futex_wake wakes the oldest
 * waiters first). Waiting and waking are single steps of the runtime; this holds the queues.
 */
export class FutexTable {
  private queues: Map<number, number[]> | null = null;

  enqueue(addr: number, thread: number): void {
    if (this.queues === null) this.queues = new Map();
    let q = this.queues.get(addr);
    if (q === undefined) {
      q = [];
      this.queues.set(addr, q);
    }
    q.push(thread);
  }

  /** Dequeue up to `n` waiters of `addr`, oldest first. */
  dequeue(addr: number, n: number): number[] {
    const q = this.queues?.get(addr);
    if (q === undefined || q.length === 0 || n <= 0) return [];
    const woken = q.splice(0, Math.min(n, q.length));
    if (q.length === 0) this.queues!.delete(addr);
    return woken;
  }

  /** Take `thread` out of the queue of `addr` (its wait timed out or was interrupted); false when it was not queued. */
  remove(addr: number, thread: number): boolean {
    const q = this.queues?.get(addr);
    const i = q === undefined ? -1 : q.indexOf(thread);
    if (i < 0) return false;
    q!.splice(i, 1);
    if (q!.length === 0) this.queues!.delete(addr);
    return true;
  }

  /** Waiters of `addr`, oldest first (reports). */
  waiters(addr: number): readonly number[] {
    return this.queues?.get(addr) ?? [];
  }
}
