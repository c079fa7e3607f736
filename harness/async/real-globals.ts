/**
 * The real timer functions and clocks, captured when this module loads: before any execution
 * patches the globals (global-patch.ts), so the harness itself always uses the real ones
 * (its macrotask hop between events, its restore). Immutable module constants.
 */
import { performance as perf } from 'node:perf_hooks';

export const REAL = Object.freeze({
  setTimeout: globalThis.setTimeout,
  clearTimeout: globalThis.clearTimeout,
  setInterval: globalThis.setInterval,
  clearInterval: globalThis.clearInterval,
  setImmediate: globalThis.setImmediate,
  clearImmediate: globalThis.clearImmediate,
  dateNow: Date.now,
  performanceNow: perf.now,
  abortSignalTimeout: AbortSignal.timeout,
  mathRandom: Math.random,
});

/**
 * One real macrotask hop: resolves in the check phase of the next event-loop turn, i.e. after
 * every microtask and process.nextTick callback queued so far (and those they queue) ran.
 * This is how the engine waits for quiescence between two events without reordering anything.
 */
export function macrotaskHop(): Promise<void> {
  return new Promise((resolve) => { REAL.setImmediate.call(globalThis, resolve); });
}

/** The real wall clock (ms), whatever an execution has patched. */
export function realNow(): number {
  return REAL.dateNow.call(Date);
}
