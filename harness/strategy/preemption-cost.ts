import type { SchedulingPoint } from './strategy';

/**
 * Preemption cost of answering `index` at a scheduling point (CHESS, Musuvathi & Qadeer
 * PLDI 2007; seeds-qspinlock.md 2.5), the same rule the engine counts in
 * `ExecutionOutcome.preemptions` (issue 13 item 5): a preemption is a switch away from a
 * thread that could have continued. Running another thread, or an IPI handler on another cpu,
 * costs 1 while the current thread can step (free once it blocked or finished). Committing a
 * buffered store, or delivering an IPI to the running cpu itself, costs 1 while any thread
 * could run instead (free when nothing else can move): a flush is scheduled like a thread of
 * its own that preempts whoever could run. When the current thread spins (`currentSpinning`)
 * leaving it for another thread is a free yield and keeping it running (option 0) costs 1.
 *
 * Whether a flush is free does not depend on which thread ran last, only on whether any can
 * run: so moving an unrelated step never makes a flush cheaper, which keeps partial-order
 * reduction under the bound exact (bounded-por.ts, tested against plain search).
 */
export function preemptionCost(point: SchedulingPoint, index: number): number {
  const o = point.options[index];
  if (o.kind === 'flush' || (o.kind === 'ipi' && o.target === point.current)) {
    return point.options[0].kind === 'thread' ? 1 : 0;
  }
  if (!point.currentRunnable) return 0;
  return point.currentSpinning === true ? (index === 0 ? 1 : 0) : index !== 0 ? 1 : 0;
}

/** Does answering `index` leave the running thread (another thread runs next)? BPOR's context switches. */
export function switchesThread(point: SchedulingPoint, index: number): boolean {
  if (point.current < 0 || !point.currentRunnable) return true;
  const o = point.options[index];
  return o.kind === 'flush' ? false : o.target !== point.current;
}

/** The free default of a scheduling point: option 0, or at a spin yield option 1 (the next thread). */
export function defaultOption(point: SchedulingPoint): number {
  return point.currentSpinning === true && point.currentRunnable && point.options.length > 1 ? 1 : 0;
}

/** The one line every report prints next to a preemption count (issue 13 item 5). */
export const PREEMPTION_NOTE =
  'preemptions = switches away from a thread that could have continued (to another thread, an early store-buffer flush or IPI), in the strategy prefix and the fair continuation alike; leaving a spinning thread (cpuRelax, or 64 steps in a row) is a free yield, keeping it running instead costs one';
