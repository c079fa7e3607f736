/**
 * A user-facing CLI error: printed as `lockstep: <message>` without a stack trace, with its
 * exit code (2 = bad usage or input, 3 = harness error). Commands throw it; main() prints it.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: number = 2) {
    super(message);
    this.name = 'CliError';
  }
}
