/**
 * The virtual clock of one execution: timers (setTimeout / setInterval / AbortSignal.timeout /
 * t.sleep) ordered by deadline then creation, and the setImmediate queue (FIFO). Nothing here
 * runs by itself: the execution fires the next timer or immediate when the strategy picks it.
 * Delays follow Node's rules (a delay that is not in [1, 2^31-1] ms becomes 1 ms).
 */

/** Largest delay Node accepts; larger or invalid delays become 1 ms (Node's rule). */
const TIMEOUT_MAX = 2 ** 31 - 1;

/** A pending virtual timer. */
export interface VirtualTimer {
  readonly id: number;
  deadline: number;
  readonly delay: number;
  readonly repeat: boolean;
  readonly callback: (...args: unknown[]) => void;
  readonly args: readonly unknown[];
  /** Task whose event was running when the timer was set (-1: none): the column it is shown in. */
  readonly owner: number;
  readonly label: string;
  cancelled: boolean;
}

/** A pending setImmediate callback. */
export interface VirtualImmediate {
  readonly id: number;
  readonly callback: (...args: unknown[]) => void;
  readonly args: readonly unknown[];
  readonly owner: number;
  cancelled: boolean;
}

/** What setTimeout returns inside an execution: Node's Timeout surface (ref, unref, refresh...). */
export class VirtualTimeout {
  constructor(private readonly clock: VirtualTimers, readonly timer: VirtualTimer) {}
  ref(): this { return this; }
  unref(): this { return this; }
  hasRef(): boolean { return true; }
  refresh(): this { this.clock.refresh(this.timer); return this; }
  close(): this { this.clock.clear(this); return this; }
  [Symbol.toPrimitive](): number { return this.timer.id; }
}

/** What setImmediate returns inside an execution. */
export class VirtualImmediateHandle {
  constructor(readonly immediate: VirtualImmediate) {}
  ref(): this { return this; }
  unref(): this { return this; }
  hasRef(): boolean { return true; }
  [Symbol.toPrimitive](): number { return this.immediate.id; }
}

/** The timers and immediates of one execution, and its virtual time. */
export class VirtualTimers {
  /** Virtual time in ms since the execution began. */
  now = 0;
  private nextId = 1;
  private readonly timers: VirtualTimer[] = [];
  private readonly immediates: VirtualImmediate[] = [];
  private readonly byId = new Map<number, VirtualTimer>();

  /** setTimeout / setInterval. */
  setTimer(callback: (...args: unknown[]) => void, ms: unknown, args: readonly unknown[], repeat: boolean, owner: number, label: string): VirtualTimeout {
    if (typeof callback !== 'function') throw new TypeError(`The "callback" argument must be of type function. Received ${typeof callback}`);
    let delay = Number(ms);
    if (!(delay >= 1 && delay <= TIMEOUT_MAX)) delay = 1;
    const t: VirtualTimer = { id: this.nextId++, deadline: this.now + delay, delay, repeat, callback, args, owner, label, cancelled: false };
    this.timers.push(t);
    this.byId.set(t.id, t);
    return new VirtualTimeout(this, t);
  }

  /** clearTimeout / clearInterval: a handle or its numeric id; anything else is ignored (as Node does). */
  clear(handle: unknown): void {
    let t: VirtualTimer | undefined;
    if (handle instanceof VirtualTimeout) t = handle.timer;
    else if (typeof handle === 'number' || typeof handle === 'string') t = this.byId.get(Number(handle));
    if (t === undefined || t.cancelled) return;
    t.cancelled = true;
    this.remove(t);
  }

  /** Timeout.refresh(): the same timer, its deadline restarted from now. */
  refresh(t: VirtualTimer): void {
    if (t.cancelled) return;
    t.deadline = this.now + t.delay;
    // keep creation order among equal deadlines: re-append (a refreshed timer is "newer")
    this.remove(t);
    this.timers.push(t);
  }

  setImmediate(callback: (...args: unknown[]) => void, args: readonly unknown[], owner: number): VirtualImmediateHandle {
    if (typeof callback !== 'function') throw new TypeError(`The "callback" argument must be of type function. Received ${typeof callback}`);
    const im: VirtualImmediate = { id: this.nextId++, callback, args, owner, cancelled: false };
    this.immediates.push(im);
    return new VirtualImmediateHandle(im);
  }

  clearImmediate(handle: unknown): void {
    if (!(handle instanceof VirtualImmediateHandle) || handle.immediate.cancelled) return;
    handle.immediate.cancelled = true;
    const i = this.immediates.indexOf(handle.immediate);
    if (i >= 0) this.immediates.splice(i, 1);
  }

  /** The timer that fires next: earliest deadline, then earliest in the list (creation order). */
  peekTimer(): VirtualTimer | undefined {
    let best: VirtualTimer | undefined;
    for (const t of this.timers) if (best === undefined || t.deadline < best.deadline) best = t;
    return best;
  }

  /** Take the next timer out (re-armed when it repeats) and advance the clock to its deadline. */
  takeTimer(): VirtualTimer | undefined {
    const t = this.peekTimer();
    if (t === undefined) return undefined;
    this.remove(t);
    if (t.deadline > this.now) this.now = t.deadline;
    if (t.repeat) {
      t.deadline = this.now + t.delay;
      this.timers.push(t);
    } else {
      this.byId.delete(t.id);
    }
    return t;
  }

  /** Pending immediates (FIFO). */
  immediateCount(): number {
    return this.immediates.length;
  }

  takeImmediate(): VirtualImmediate | undefined {
    return this.immediates.shift();
  }

  /** Pending timers. */
  timerCount(): number {
    return this.timers.length;
  }

  private remove(t: VirtualTimer): void {
    const i = this.timers.indexOf(t);
    if (i >= 0) this.timers.splice(i, 1);
  }
}
