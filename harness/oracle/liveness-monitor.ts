/**
 * cpuRelax calls every live, runnable thread must make inside one quiet period before spin
 * quiescence is declared. Above 1 so that bounded spin loops of the models (thresholds of
 * 1..8 iterations, seeds-qspinlock.md 2.5) end before they are mistaken for a hang.
 */
export const SPIN_QUIESCENCE_RELAXES = 16;

/**
 * The hang oracle of the fair continuation (ARCHITECTURE.md "Oracles"):
 * - window: no progress event for `window` steps after the prefix ended => hang;
 * - spin quiescence: at a round boundary, committed memory, store buffers and the kernel
 *   event counter are unchanged since the quiet period began and every live runnable thread
 *   made at least SPIN_QUIESCENCE_RELAXES cpuRelax calls (the others wait in waitUntil or are
 *   blocked) => hang right away. A plain schedule never reaches here: starvation by the
 *   strategy's prefix is never reported because the continuation is fair.
 */
export class LivenessMonitor {
  private fairStart = -1;
  private readonly snapshot: Uint32Array;
  private readonly scratch: Uint32Array;
  private hasSnapshot = false;
  private events = -1;
  private readonly relaxBase: Float64Array;

  constructor(
    readonly window: number,
    words: number,
    threads: number,
    private readonly readWords: (into: Uint32Array) => void,
    readonly relaxThreshold: number = SPIN_QUIESCENCE_RELAXES,
  ) {
    this.snapshot = new Uint32Array(words);
    this.scratch = new Uint32Array(words);
    this.relaxBase = new Float64Array(threads);
  }

  /** Round boundary at which committed memory was last seen to differ from the round before. */
  private lastChange = -1;

  /**
   * True when committed memory changed after `lastProgress`: a hang by the window is then a
   * livelock (threads keep changing shared state without progress), not a quiet spin.
   */
  changingSince(lastProgress: number): boolean {
    return this.lastChange > Math.max(lastProgress, this.fairStart);
  }

  /** The fair continuation starts at `step`. */
  start(step: number): void {
    this.fairStart = step;
    this.hasSnapshot = false;
  }

  get started(): boolean {
    return this.fairStart >= 0;
  }

  /** True when no progress event happened in the last `window` steps of the continuation. */
  windowExpired(step: number, lastProgress: number): boolean {
    return step - Math.max(lastProgress, this.fairStart) >= this.window;
  }

  /** cpuRelax count of thread `i` since the quiet period began. */
  relaxesSinceQuiet(i: number, relaxes: number): number {
    return this.hasSnapshot ? relaxes - this.relaxBase[i] : 0;
  }

  /**
   * Called at each fair round boundary. `quiet` = no store buffered anywhere and no IPI
   * deliverable; `spinner(i)` = relax count of a live runnable thread, or -1 for a thread
   * that is finished, blocked or waiting in waitUntil. True = spin quiescence (a hang).
   */
  roundEnd(step: number, events: number, quiet: boolean, threads: number, spinner: (i: number) => number): boolean {
    this.readWords(this.scratch);
    let memoryChanged = !this.hasSnapshot;
    if (this.hasSnapshot) {
      const a = this.scratch;
      const b = this.snapshot;
      for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) { memoryChanged = true; break; }
    }
    if (memoryChanged) this.lastChange = step;
    const same = quiet && this.hasSnapshot && events === this.events && !memoryChanged;
    if (!same) {
      this.snapshot.set(this.scratch);
      this.hasSnapshot = true;
      this.events = events;
      for (let i = 0; i < threads; i++) this.relaxBase[i] = Math.max(0, spinner(i));
      return false;
    }
    let anySpinner = false;
    for (let i = 0; i < threads; i++) {
      const r = spinner(i);
      if (r < 0) continue;
      anySpinner = true;
      if (r - this.relaxBase[i] < this.relaxThreshold) return false;
    }
    return anySpinner;
  }
}
