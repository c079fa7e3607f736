/**
 * Small promise-based locks for the async engine's own tests (real async code, no lockstep
 * inside): a correct FIFO mutex, a check-then-set mutex that awaits between the check and the
 * set (two holders), a mutex whose release forgets to wake the next waiter (hang), and a
 * mutex with a timed acquire whose timed-out waiter stays queued (the async-mutex 0.1.x kind of bug).
 */
import type { AsyncTarget } from '../async-target';

/** The lock interface of the toys. */
export interface ToyMutex {
  acquire(timeoutMs?: number): Promise<boolean>;
  release(): void;
}

/** FIFO mutex: release hands the lock to the next waiter (correct). */
export class FifoMutex implements ToyMutex {
  protected locked = false;
  protected readonly waiters: { wake: (ok: boolean) => void; timer?: ReturnType<typeof setTimeout> }[] = [];
  constructor(private readonly dropTimedOut = true) {}
  acquire(timeoutMs?: number): Promise<boolean> {
    if (!this.locked) {
      this.locked = true;
      return Promise.resolve(true);
    }
    return new Promise((resolve) => {
      const w: { wake: (ok: boolean) => void; timer?: ReturnType<typeof setTimeout> } = { wake: resolve };
      if (timeoutMs !== undefined) {
        w.timer = setTimeout(() => {
          // the fixed lock removes the waiter; the buggy one leaves it queued
          if (this.dropTimedOut) this.waiters.splice(this.waiters.indexOf(w), 1);
          resolve(false);
        }, timeoutMs);
      }
      this.waiters.push(w);
    });
  }
  release(): void {
    const next = this.waiters.shift();
    if (next === undefined) {
      this.locked = false;
      return;
    }
    if (next.timer !== undefined) clearTimeout(next.timer);
    next.wake(true);
  }
}

/** Checks the flag, awaits, then sets it: two tasks can both pass the check. */
export class CheckThenSetMutex implements ToyMutex {
  private locked = false;
  async acquire(): Promise<boolean> {
    for (;;) {
      if (!this.locked) {
        await new Promise((r) => setImmediate(r));
        this.locked = true;
        return true;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  release(): void {
    this.locked = false;
  }
}

/** Release never wakes a waiter when the lock is contended: the waiter hangs. */
export class LostWakeupMutex extends FifoMutex {
  override release(): void {
    if (this.waiters.length > 0) {
      this.waiters.shift();
      return;
    }
    this.locked = false;
  }
}

/** Toy mutex target: `lock` = acquire, critical section with a step inside, release. */
export const TOY_MUTEX: AsyncTarget<ToyMutex> = {
  kind: 'async',
  name: 'toy-mutex',
  summary: 'toy promise-based mutexes (tests of the async engine)',
  spec: 'mutex',
  variants: [
    { name: 'fifo', summary: 'correct FIFO hand-over', expect: 'clean' },
    { name: 'check-then-set', summary: 'awaits between check and set', expect: 'violation' },
    { name: 'lost-wakeup', summary: 'release drops the next waiter', expect: 'hang' },
    { name: 'timeout-stays-queued', summary: 'a timed-out waiter stays queued; the release that hands it the lock leaves the lock held by nobody', expect: 'hang' },
  ],
  workload: {
    threads: { min: 1, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['lock', 'timed-lock'],
  },
  setup(variant) {
    switch (variant) {
      case 'fifo': return new FifoMutex();
      case 'check-then-set': return new CheckThenSetMutex();
      case 'lost-wakeup': return new LostWakeupMutex();
      case 'timeout-stays-queued': return new FifoMutex(false);
      default: throw new Error(`no variant ${variant}`);
    }
  },
  ops: {
    async lock(t, m) {
      await t.call('acquire', () => m.acquire());
      t.enter();
      await t.step('inside');
      t.exit();
      await t.call('release', () => m.release());
    },
    async 'timed-lock'(t, m) {
      const got = await t.call('try-acquire', () => m.acquire(10), { output: (ok) => ok });
      if (!got) return;
      t.enter();
      await t.step('inside');
      t.exit();
      await t.call('release', () => m.release());
    },
  },
};
