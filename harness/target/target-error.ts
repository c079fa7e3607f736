/**
 * A mistake in a target or in how it was named (issue 8 "Bad input"): a module that exports
 * no Target, a thread body that is not a generator function, a setup that throws, a workload
 * outside the declared shape, an unknown spec or variant. Never a finding of the lock: the
 * CLI prints `lockstep: <message>` and exits 2 (DECISIONS.md item 5), without a stack trace.
 */
export class TargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TargetError';
  }
}
