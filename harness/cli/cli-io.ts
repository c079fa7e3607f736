/** Output streams and the exit code of one CLI invocation (tests pass their own). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Exit code chosen by the command (default 0). */
  exitCode: number;
  /** True when stderr is a terminal (live progress line instead of heartbeats). */
  readonly isTty: boolean;
}

export function processIo(): CliIo {
  return {
    out: (text) => { process.stdout.write(text); },
    err: (text) => { process.stderr.write(text); },
    exitCode: 0,
    isTty: Boolean(process.stderr.isTTY),
  };
}
