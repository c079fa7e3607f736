/**
 * A guarded section was stopped because no execution finished for the runaway timeout: some
 * thread of the target ran plain code without ever yielding to the scheduler (a loop without a
 * shared-memory step or cpuRelax(), or a hang in plain code), which no strategy can interleave.
 * `beats` is the heartbeat count when it was stopped (executions started in the section).
 */
export class RunawayError extends Error {
  readonly code = 'LOCKSTEP_RUNAWAY';
  constructor(readonly timeoutMs: number, readonly beats: number) {
    super(`a thread never yielded to the scheduler: no execution finished for ${timeoutMs} ms, so the section was stopped`);
    this.name = 'RunawayError';
  }
}

/** A guarded section was cut short by the user's SIGINT (Ctrl-C), which the guard passed on. */
export class GuardInterrupted extends Error {
  readonly code = 'LOCKSTEP_GUARD_INTERRUPTED';
  constructor() {
    super('interrupted by SIGINT');
    this.name = 'GuardInterrupted';
  }
}
