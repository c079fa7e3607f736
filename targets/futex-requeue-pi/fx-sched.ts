import type { Prim, ThreadApi } from '../../harness';
import type { FxState } from './fx-state';

/**
 * Sleeping without lost wake-ups: the task samples its wake-up counter while it still holds
 * the lock the waker needs (`ticket`), drops the lock, then blocks unless the counter moved
 * (futex_wait re-checks atomically), like set_current_state() + schedule().
 */
export function wakeTicket(t: ThreadApi, s: FxState): number {
  return t.peek(s.wake[t.id]);
}

/** schedule(): block until woken after `ticket` was sampled. */
export function* schedule(t: ThreadApi, s: FxState, ticket: number): Prim<void> {
  yield* t.futexWait(s.wake[t.id], ticket);
}

/** wake_up_process(task): bump its counter (RMW) and wake it if it already blocked. */
export function* wakeUpProcess(t: ThreadApi, s: FxState, task: number): Prim<void> {
  yield* t.fetchAdd(s.wake[task], 1);
  yield* t.futexWake(s.wake[task], 1);
}
