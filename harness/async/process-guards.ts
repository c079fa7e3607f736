/**
 * During an execution, the process's unhandled-rejection and uncaught-exception events belong
 * to the target: the other listeners (jest's, the CLI's) are set aside and the execution's
 * own are installed; `restoreProcessGuards` puts everything back (callers use try/finally).
 * Node fires 'unhandledRejection' once the microtasks of the turn that rejected are drained,
 * i.e. before the engine's next macrotask hop completes, so the event in which a promise was
 * rejected and left unhandled is known.
 */

type Listener = (...args: unknown[]) => void;

const EVENTS = ['unhandledRejection', 'rejectionHandled', 'uncaughtException'] as const;

/** What an execution hears. */
export interface ProcessGuardHandlers {
  unhandledRejection(reason: unknown, promise: Promise<unknown>): void;
  rejectionHandled(promise: Promise<unknown>): void;
  uncaughtException(error: unknown): void;
}

/** The listeners set aside by `installProcessGuards`. */
export interface SavedListeners {
  readonly saved: readonly (readonly [string, readonly Listener[]])[];
  readonly own: readonly (readonly [string, Listener])[];
}

export function installProcessGuards(h: ProcessGuardHandlers): SavedListeners {
  const saved: [string, Listener[]][] = [];
  const own: [string, Listener][] = [];
  for (const ev of EVENTS) {
    const ls = process.listeners(ev as 'uncaughtException') as Listener[];
    saved.push([ev, ls]);
    for (const l of ls) process.removeListener(ev, l);
    const mine: Listener = ev === 'unhandledRejection'
      ? (reason, promise) => h.unhandledRejection(reason, promise as Promise<unknown>)
      : ev === 'rejectionHandled' ? (promise) => h.rejectionHandled(promise as Promise<unknown>) : (err) => h.uncaughtException(err);
    process.on(ev, mine);
    own.push([ev, mine]);
  }
  return { saved, own };
}

export function restoreProcessGuards(s: SavedListeners): void {
  for (const [ev, l] of s.own) process.removeListener(ev, l);
  for (const [ev, ls] of s.saved) for (const l of ls) process.on(ev, l);
}
