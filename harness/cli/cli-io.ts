import * as readline from 'node:readline';
import pc from 'picocolors';

/** Output streams and the exit code of one CLI invocation (tests pass their own). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Exit code chosen by the command (default 0). */
  exitCode: number;
  /** True when stderr is a terminal (live progress line instead of heartbeats). */
  readonly isTty: boolean;
  /** Replace the current stderr line with `text` (a terminal; absent: progress prints whole lines). */
  rewriteLine?(text: string): void;
  /** Width of the stderr terminal, when known (the live progress line is cut to fit). */
  readonly columns?: number;
  /** Colour on stderr (a terminal, and NO_COLOR not set: picocolors decides). */
  readonly colors?: boolean;
}

/** The process's own streams. */
export function processIo(): CliIo {
  const tty = Boolean(process.stderr.isTTY);
  // a reader that stopped reading (`lockstep replay dir | head`) ends the output, not the
  // command: it still finishes (saving what it saves) and exits with its own code
  let stdoutClosed = false;
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    stdoutClosed = true;
  });
  return {
    out: (text) => { if (!stdoutClosed) process.stdout.write(text); },
    err: (text) => { process.stderr.write(text); },
    exitCode: 0,
    isTty: tty,
    ...(tty ? {
      rewriteLine: (text: string) => {
        readline.cursorTo(process.stderr, 0);
        process.stderr.write(text);
        readline.clearLine(process.stderr, 1);
      },
      columns: process.stderr.columns,
      colors: pc.isColorSupported,
    } : {}),
  };
}
