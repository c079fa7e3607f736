import type { SchedulingPoint } from './strategy';

/**
 * Preemption cost of answering `index` at a scheduling point (CHESS, Musuvathi & Qadeer
 * PLDI 2007; seeds-qspinlock.md 2.5), the same rule the engine counts in
 * `ExecutionOutcome.preemptions`: any option other than 0 costs 1 while the current thread
 * could still step (switching away, an early store-buffer flush, an early IPI); once the
 * current thread blocked or finished, or while it spins (`currentSpinning`), every option is a
 * free choice.
 */
export function preemptionCost(point: SchedulingPoint, index: number): number {
  return index !== 0 && point.currentRunnable && point.currentSpinning !== true ? 1 : 0;
}

/** Does answering `index` leave the running thread (another thread runs next)? BPOR's context switches. */
export function switchesThread(point: SchedulingPoint, index: number): boolean {
  if (point.current < 0 || !point.currentRunnable) return true;
  const o = point.options[index];
  return o.kind === 'flush' ? false : o.target !== point.current;
}

/**
 * The free default of a scheduling point: option 0, or at a spin yield option 1 (the next
 * thread): the bounded searches never keep a spinning thread running past its yield.
 */
export function defaultOption(point: SchedulingPoint): number {
  return isSpinYield(point) ? 1 : 0;
}

/** A spin yield: the running thread spins and something else could run (option 0 is then never taken). */
export function isSpinYield(point: SchedulingPoint): boolean {
  return point.currentSpinning === true && point.currentRunnable && point.options.length > 1;
}

/** The one line every report prints next to a preemption count (issue 13 item 5). */
export const PREEMPTION_NOTE =
  'preemptions = switches away from a thread that could have continued, in the strategy prefix and the fair continuation alike; leaving a spinning thread (cpuRelax, or 64 steps in a row) is a free yield';
