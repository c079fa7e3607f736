/**
 * The deterministic half of the real-resource check (issue 9 "Bad input": client code that
 * schedules real I/O or real timers). resource-watch.ts polls Node's lists of live resources
 * after each event: cheap, but only a hint, since whether a request is still live when the
 * engine looks depends on how fast the thread pool runs (the lead's 07:40 and 09:25 notes:
 * the `real-io` probe came back a hang under load). This module decides instead: it re-runs
 * an execution with an async_hooks `init` hook, which Node calls synchronously when a
 * resource (FSREQCALLBACK, TCPWRAP, Timeout, ...) is created, so no timing is involved.
 *
 * Only resources created in the re-run's own async context count: the re-run is started
 * inside an AsyncLocalStorage scope, which every promise, timer and callback created from it
 * inherits, while the host's resources (jest, the CLI's output, an earlier execution's I/O
 * still going on) are created outside it. The engine's own macrotask hop is excluded by the
 * `where` callback. The hook (and the promise hooks it enables) costs only on the re-run.
 */
import { AsyncLocalStorage, createHook } from 'node:async_hooks';

/** A real resource created by target code during an execution. */
export interface RealResource {
  /** async_hooks type, e.g. FSREQPROMISE. */
  readonly type: string;
  /** What it is, for the message: `real file-system I/O`. */
  readonly what: string;
  /** The engine's event count when it was created (0 = while the tasks started). */
  readonly event: number;
  /** `task0 steps`, `timer #2 fires at 5 ms`, ... */
  readonly during: string;
}

/** Where the execution is when a resource is created; undefined while the harness itself creates one. */
export type ResourceSite = (type: string) => { readonly event: number; readonly during: string } | undefined;

/**
 * async_hooks types that stand for something lockstep cannot control. Left out on purpose:
 * PROMISE, TickObject, Microtask (Node's own ordering, run untouched), WRITEWRAP/SHUTDOWNWRAP
 * and the TTYWRAP/PIPEWRAP of process.stdout (console.log while debugging a target).
 */
const REAL_TYPES: Readonly<Record<string, string>> = {
  Timeout: 'a real timer (a setTimeout/setInterval captured before the execution, or node:timers/promises)',
  Immediate: 'a real setImmediate (captured before the execution)',
  FSREQCALLBACK: 'real file-system I/O',
  FSREQPROMISE: 'real file-system I/O',
  FILEHANDLE: 'real file-system I/O',
  FILEHANDLECLOSEREQ: 'real file-system I/O',
  STATWATCHER: 'a real file watcher',
  FSEVENTWRAP: 'a real file watcher',
  TCPWRAP: 'a real network socket',
  TCPCONNECTWRAP: 'a real network connection',
  TCPSERVERWRAP: 'a real network server',
  PIPECONNECTWRAP: 'a real pipe connection',
  PIPESERVERWRAP: 'a real pipe server',
  UDPWRAP: 'a real UDP socket',
  UDPSENDWRAP: 'a real UDP socket',
  GETADDRINFOREQWRAP: 'a real DNS lookup',
  GETNAMEINFOREQWRAP: 'a real DNS lookup',
  QUERYWRAP: 'a real DNS lookup',
  HTTPCLIENTREQUEST: 'a real HTTP request',
  TLSWRAP: 'a real TLS connection',
  PROCESSWRAP: 'a child process',
  SIGNALWRAP: 'a signal handler',
  WORKER: 'a worker thread',
  MESSAGEPORT: 'a message port (BroadcastChannel, MessageChannel or worker)',
  ZLIB: 'real zlib work on the thread pool',
  RANDOMBYTESREQUEST: 'real crypto work on the thread pool',
  PBKDF2REQUEST: 'real crypto work on the thread pool',
  SCRYPTREQUEST: 'real crypto work on the thread pool',
};

/** What `REAL_TYPES` says of an async_hooks type, or undefined when it is not a real resource. */
export function realResourceText(type: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(REAL_TYPES, type) ? REAL_TYPES[type] : undefined;
}

/**
 * Run `fn` (one execution) with the init hook on; resolves to the first real resource created
 * in its async context (or undefined) once `fn` settled. A rejection of `fn` is swallowed: the
 * caller only asks what was created.
 */
export async function firstRealResource(fn: () => Promise<unknown>, where: ResourceSite): Promise<RealResource | undefined> {
  const scope = new AsyncLocalStorage<object>();
  const mine = {};
  let seen: RealResource | undefined;
  const hook = createHook({
    init(_id, type) {
      if (seen !== undefined) return;
      const what = realResourceText(type);
      if (what === undefined || scope.getStore() !== mine) return;
      const site = where(type);
      if (site !== undefined) seen = { type, what, event: site.event, during: site.during };
    },
  });
  hook.enable();
  try {
    await scope.run(mine, fn);
  } catch {
    // a failure of the re-run says nothing about the resources it created
  } finally {
    hook.disable();
    scope.disable();
  }
  return seen;
}
