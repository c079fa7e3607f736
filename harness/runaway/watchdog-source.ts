/**
 * Source of the watchdog thread of the runaway guard (runaway-guard.ts), evaluated as a worker
 * (`eval: true`) so it starts without loading the harness. It polls the shared words: when the
 * guarded section is BUSY and the heartbeat has not moved for `timeoutMs`, it claims the
 * section (BUSY -> KILLING, so the main thread cannot leave it meanwhile) and sends the process
 * a SIGINT, which stops the section's JavaScript (vm `breakOnSigint`). The clock here is the
 * runaway timer's, like the pool's (no result depends on it).
 */

/** Control words of the guard (after the heartbeat words in the same SharedArrayBuffer). */
export const W_STATE = 0;
export const W_TIMEOUT = 1;
/** Times this watchdog stopped a section. */
export const W_KILLS = 2;
export const GUARD_WORDS = 3;

/** Section states. */
export const IDLE = 0;
export const BUSY = 1;
export const KILLING = 2;

/** The worker's code (CommonJS, no imports beyond node:). */
export const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const w = new Int32Array(workerData.words, workerData.offset * 4, ${GUARD_WORDS});
const hb = new Int32Array(workerData.words, 0, workerData.offset);
let last = -1;
let since = performance.now();
const tick = () => {
  const timeout = Atomics.load(w, ${W_TIMEOUT});
  const beat = Atomics.load(hb, workerData.beatIndex);
  const state = Atomics.load(w, ${W_STATE});
  const now = performance.now();
  if (state !== ${BUSY} || beat !== last) { last = beat; since = now; return; }
  if (now - since < timeout) return;
  if (Atomics.compareExchange(w, ${W_STATE}, ${BUSY}, ${KILLING}) !== ${BUSY}) return;
  Atomics.add(w, ${W_KILLS}, 1);
  since = now;
  process.kill(process.pid, 'SIGINT');
};
setInterval(tick, workerData.pollMs);
`;
