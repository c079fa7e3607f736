import type { Finding } from '../runtime/outcome';

/** Program point list of a finding: empty when the thread never called t.at(). */
function at(location: string): string[] {
  return location === '' ? [] : [location];
}

/** A failed BUG_ON / WARN_ON / assert / critical-section check of thread `thread` at `location`. */
export function assertionFinding(message: string, thread: number, location: string): Finding {
  return { kind: 'violation', message, thread, locations: at(location) };
}

/** Instance.invariant() failed after a step; `location` = where the stepping thread is now. */
export function invariantFinding(message: string, location: string): Finding {
  return { kind: 'violation', message, locations: at(location) };
}

/** Instance.atEnd() failed once every thread had finished (quiescence check). */
export function atEndFinding(message: string): Finding {
  return { kind: 'violation', message, locations: ['end'] };
}

/**
 * Target code threw: a crash finding with the error's message and JS stack (a finding, not a
 * harness error). `thread` is undefined for setup and Instance hooks.
 */
export function crashFinding(e: unknown, who: string, thread: number | undefined, location: string): Finding {
  const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const f: { -readonly [K in keyof Finding]: Finding[K] } = { kind: 'crash', message: `${who} threw ${msg}`, locations: at(location) };
  if (thread !== undefined) f.thread = thread;
  if (e instanceof Error && e.stack !== undefined) f.stack = e.stack;
  return f;
}
