import type { SchedulingPoint } from './strategy';

/**
 * Preemption cost of answering `index` at a scheduling point (CHESS, Musuvathi & Qadeer
 * PLDI 2007; seeds-qspinlock.md 2.5), the same rule the engine counts in
 * `ExecutionOutcome.preemptions`: any option other than 0 costs 1 while the current thread
 * could still step (switching away, an early store-buffer flush, an early IPI); once the
 * current thread blocked or finished every option is a free choice.
 */
export function preemptionCost(point: SchedulingPoint, index: number): number {
  return index !== 0 && point.currentRunnable ? 1 : 0;
}
