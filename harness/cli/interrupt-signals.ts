/**
 * SIGINT, SIGTERM and SIGHUP for long-running commands (issue 10): the first one aborts the
 * work so the command stops starting new batches and writes its partial report, then exits
 * 128 + the signal number (130 SIGINT, 143 SIGTERM, 129 SIGHUP; DECISIONS.md item 5); a second
 * one exits at once with the same code (what was saved before stays valid: every write is
 * atomic and the campaign keeps report.json current as it goes). SIGTERM is what a CI job
 * timeout and `kill` send; SIGHUP what a closed terminal or SSH session sends.
 */
import type { CliIo } from './cli-io';

/** The signals handled, with their numbers (exit code = 128 + number). */
export const INTERRUPT_SIGNALS = { SIGINT: 2, SIGTERM: 15, SIGHUP: 1 } as const;

/** Name of a handled signal. */
export type InterruptSignal = keyof typeof INTERRUPT_SIGNALS;

/** The process seam (tests pass an EventEmitter and a fake exit). */
export interface SignalSource {
  on(event: InterruptSignal, listener: () => void): unknown;
  removeListener(event: InterruptSignal, listener: () => void): unknown;
  exit(code: number): never;
}

/** Handlers installed for one command; `dispose()` removes them. */
export interface Interrupts {
  /** Aborted at the first signal. */
  readonly signal: AbortSignal;
  /** The first signal received, if any. */
  received(): InterruptSignal | undefined;
  /** 128 + the first signal's number, or undefined when none came. */
  exitCode(): number | undefined;
  dispose(): void;
}

/** Exit code of a process ended by `sig` (the shell's convention). */
export function signalExitCode(sig: InterruptSignal): number {
  return 128 + INTERRUPT_SIGNALS[sig];
}

/**
 * Install the handlers for `command` (e.g. `lockstep fuzz`). The first signal prints one line
 * saying what happens now (`what`, e.g. "writing the partial report") and aborts `signal`.
 */
export function handleInterrupts(io: CliIo, command: string, what: string, source: SignalSource = process as unknown as SignalSource): Interrupts {
  const ctl = new AbortController();
  let first: InterruptSignal | undefined;
  const listeners = new Map<InterruptSignal, () => void>();
  for (const sig of Object.keys(INTERRUPT_SIGNALS) as InterruptSignal[]) {
    const listener = (): void => {
      if (first !== undefined) {
        io.err(`\n${command}: ${sig} again: exiting now\n`);
        source.exit(signalExitCode(first));
        return;
      }
      first = sig;
      const again = sig === 'SIGINT' ? 'Ctrl-C' : sig;
      io.err(`\n${command}: ${sig === 'SIGINT' ? 'interrupted' : `${sig} received`}; ${what} (${again} again to quit at once)\n`);
      ctl.abort();
    };
    listeners.set(sig, listener);
    source.on(sig, listener);
  }
  return {
    signal: ctl.signal,
    received: () => first,
    exitCode: () => (first === undefined ? undefined : signalExitCode(first)),
    dispose: () => { for (const [sig, l] of listeners) source.removeListener(sig, l); },
  };
}
