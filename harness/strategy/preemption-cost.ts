import type { SchedulingPoint } from './strategy';

/**
 * Preemption cost of answering `index` at a scheduling point (CHESS, Musuvathi & Qadeer
 * PLDI 2007; seeds-qspinlock.md 2.5):
 * - option 0 (keep running the current thread / the free choice) costs nothing;
 * - switching to another thread costs 1 when the current thread could still step, 0 when it
 *   blocked or finished (then every runnable thread is a free choice);
 * - a store-buffer flush or an IPI delivery costs 1 while some thread could step instead
 *   (it is an "early" flush/IPI); when no thread can step it is forced and free.
 */
export function preemptionCost(point: SchedulingPoint, index: number): number {
  if (index === 0) return 0;
  const o = point.options[index];
  if (o.kind === 'thread') return point.currentRunnable ? 1 : 0;
  return point.currentRunnable || point.options[0].kind === 'thread' ? 1 : 0;
}
