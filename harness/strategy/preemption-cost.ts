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

/** The one line every report prints next to a preemption count (issue 13 item 5). */
export const PREEMPTION_NOTE =
  'preemptions = switches away from a thread that could have continued, in the strategy prefix and the fair continuation alike; leaving a spinning thread (cpuRelax, or 64 steps in a row) is a free yield';
