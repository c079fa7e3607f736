/**
 * Install the virtual clock of one execution into the globals, and restore them (also when
 * the execution throws: callers use try/finally). Replaced: setTimeout, setInterval,
 * setImmediate, their clear* functions, Date.now (from VIRTUAL_EPOCH_MS), performance.now (from
 * 0), AbortSignal.timeout and Math.random. process.nextTick and queueMicrotask are left alone:
 * they run in Node's own order.
 */
import { promisify } from 'node:util';
import type { VirtualTimers } from './virtual-timers';

/**
 * What Date.now reads at virtual time 0 of every execution: a fixed wall-clock instant
 * (2025-01-01T00:00:00Z), never 0. Code compares Date.now() with fields it starts at 0: p-queue
 * (5.x in mortice 1.2.2, 7.x, 9.x) computes `intervalEnd - Date.now()` with intervalEnd = 0 and,
 * when that is not negative, defers its first task behind a timer; with a clock at 0 every fresh
 * queue did, a switch point real Node (Date.now() ~ 1.7e12) never has. Fixed, so replays agree.
 */
export const VIRTUAL_EPOCH_MS = Date.UTC(2025, 0, 1);

/** What the patched functions call into. */
export interface PatchHost {
  readonly timers: VirtualTimers;
  /** Task whose event is running (the owner of a timer set now), -1 when none. */
  running(): number;
  /** Math.random inside the execution (seeded from the decision log). */
  random(): number;
  /** True once the execution has ended (its globals restored). */
  readonly ended: boolean;
  /**
   * Code kept from an earlier execution ran during this one (`what`: "the setTimeout of an
   * earlier execution", "task1 of an earlier execution"): the target's mistake.
   */
  foreignCall(what: string): void;
}

/**
 * Where the running execution's host sits on globalThis while its globals are installed (put
 * back like the others): how a function or task of an ENDED execution, still held by a library,
 * finds the execution it now runs in. A registered symbol, so any copy of lockstep agrees.
 */
const ACTIVE = Symbol.for('lockstep.async.activeExecution');

/** The execution whose globals are installed now, if any. */
export function activeHost(): PatchHost | undefined {
  return (globalThis as unknown as Record<symbol, PatchHost | undefined>)[ACTIVE];
}

/** Tell the running execution that `what` of an ended one ran (nothing when none runs). */
export function reportForeign(what: string): void {
  activeHost()?.foreignCall(what);
}

/** The globals as they were before `installGlobals`. */
export interface SavedGlobals {
  readonly values: readonly (readonly [object, string | symbol, PropertyDescriptor | undefined])[];
}

type Fn = (...args: unknown[]) => unknown;

/** Replace the globals; returns what `restoreGlobals` puts back. */
export function installGlobals(host: PatchHost): SavedGlobals {
  const g = globalThis as unknown as Record<string, unknown>;
  const perf = globalThis.performance as unknown as Record<string, unknown>;
  const saved: [object, string | symbol, PropertyDescriptor | undefined][] = [];
  const set = (obj: object, key: string | symbol, value: unknown): void => {
    saved.push([obj, key, Object.getOwnPropertyDescriptor(obj, key)]);
    Object.defineProperty(obj, key, { value, writable: true, configurable: true, enumerable: false });
  };
  const t = host.timers;
  // a library that kept one of these functions (or an object built with one) from the execution
  // it first ran in, e.g. state it sets up lazily on first use, calls them in later executions:
  // their timers would never fire there (a false hang) and their clock is another execution's
  const stale = (name: string): void => reportForeign(`the ${name} of an earlier execution`);
  const setTimeout = (cb: Fn, ms?: unknown, ...args: unknown[]) => {
    if (host.ended) stale('setTimeout');
    return t.setTimer(cb, ms, args, false, host.running(), `setTimeout(${fmtMs(ms)})`);
  };
  const setInterval = (cb: Fn, ms?: unknown, ...args: unknown[]) => {
    if (host.ended) stale('setInterval');
    return t.setTimer(cb, ms, args, true, host.running(), `setInterval(${fmtMs(ms)})`);
  };
  const setImmediate = (cb: Fn, ...args: unknown[]) => {
    if (host.ended) stale('setImmediate');
    return t.setImmediate(cb, args, host.running());
  };
  // util.promisify(setTimeout) and friends resolve through these (Node's own timers carry the same symbol)
  Object.defineProperty(setTimeout, promisify.custom, { value: (ms?: unknown, value?: unknown) => new Promise((r) => { setTimeout(r as Fn, ms, value); }) });
  Object.defineProperty(setImmediate, promisify.custom, { value: (value?: unknown) => new Promise((r) => { setImmediate(r as Fn, value); }) });
  set(g, 'setTimeout', setTimeout);
  set(g, 'setInterval', setInterval);
  set(g, 'setImmediate', setImmediate);
  set(g, 'clearTimeout', (h: unknown) => { if (host.ended) stale('clearTimeout'); t.clear(h); });
  set(g, 'clearInterval', (h: unknown) => { if (host.ended) stale('clearInterval'); t.clear(h); });
  set(g, 'clearImmediate', (h: unknown) => { if (host.ended) stale('clearImmediate'); t.clearImmediate(h); });
  set(Date, 'now', () => { if (host.ended) stale('Date.now'); return VIRTUAL_EPOCH_MS + t.now; });
  set(perf, 'now', () => { if (host.ended) stale('performance.now'); return t.now; });
  set(AbortSignal, 'timeout', (ms: unknown) => {
    if (host.ended) stale('AbortSignal.timeout');
    const c = new AbortController();
    // Node aborts with a DOMException named TimeoutError
    t.setTimer(() => c.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError')), ms, [], false, host.running(), `AbortSignal.timeout(${fmtMs(ms)})`);
    return c.signal;
  });
  set(Math, 'random', () => { if (host.ended) stale('Math.random'); return host.random(); });
  set(g, ACTIVE, host);
  return { values: saved };
}

/** Put back what `installGlobals` replaced (in reverse order). */
export function restoreGlobals(s: SavedGlobals): void {
  for (let i = s.values.length - 1; i >= 0; i--) {
    const [obj, key, desc] = s.values[i]!;
    if (desc === undefined) delete (obj as Record<string | symbol, unknown>)[key];
    else Object.defineProperty(obj, key, desc);
  }
}

function fmtMs(ms: unknown): string {
  return typeof ms === 'number' ? `${ms} ms` : String(ms);
}
