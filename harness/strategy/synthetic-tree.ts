import { HAND_OVER, type ChoiceOption, type Strategy } from './strategy';

/**
 * A tiny deterministic "engine" over a known choice tree, to test strategies without the real
 * runtime. Each thread is a string of steps: `s` a plain step, `w` a store that goes into the
 * thread's store buffer (flushed by a `flush` choice, or drained by an `f` fence step), `c` a
 * step that asks for a value in [0, 2), `f` a fence, `p` a spin step that repeats (does not
 * advance) until every other thread has finished (a join by busy-waiting). Scheduling follows the engine contract of
 * strategy.ts: options[0] is the current thread if it can step, else the next runnable thread in
 * cyclic order; then the other runnable threads in cyclic order; then one flush option per cpu
 * with a non-empty buffer. An execution ends when every thread finished and every buffer is
 * empty. Like the engine, a point with a single option is not asked, and the decision log
 * records HAND_OVER (-1) where the strategy handed over; after it the run continues with
 * option 0 (no further preemptions).
 */
export interface SyntheticProgram {
  readonly threads: readonly string[];
  /** Step bound (default 10 000): the run just stops there. */
  readonly maxSteps?: number;
}

/** One synthetic execution. */
export interface SyntheticRun {
  readonly decisions: number[];
  /** Event sequence: `t<i>` = thread i stepped, `f<i>` = cpu i's oldest store flushed, `v<x>` = value x chosen. */
  readonly events: string[];
  readonly steps: number;
  readonly handedOverAt: number | undefined;
}

/** Run one execution of `program` under `strategy` (beginExecution must have returned true). */
export function runSynthetic(program: SyntheticProgram, strategy: Strategy, failed?: (run: SyntheticRun) => boolean): SyntheticRun {
  const n = program.threads.length;
  const pc = new Array<number>(n).fill(0);
  const buffers = new Array<number>(n).fill(0);
  const decisions: number[] = [];
  const events: string[] = [];
  let current = -1;
  let steps = 0;
  let handedOver: number | undefined;
  const runnable = (t: number) => pc[t] < program.threads[t].length;
  const maxSteps = program.maxSteps ?? 10_000;
  for (; steps < maxSteps; ) {
    const options: ChoiceOption[] = [];
    const currentRunnable = current >= 0 && runnable(current);
    for (let k = 0; k < n; k++) {
      const t = current < 0 ? k : (current + k + (currentRunnable ? 0 : 1)) % n;
      if (runnable(t)) options.push({ kind: 'thread', target: t, slot: 0 });
    }
    for (let c = 0; c < n; c++) if (buffers[c] > 0) options.push({ kind: 'flush', target: c, slot: 0 });
    if (options.length === 0) break;
    let d = 0;
    if (handedOver === undefined && options.length > 1) {
      d = strategy.choose({ type: 'schedule', options, currentRunnable, current, step: steps, threadCount: n });
      decisions.push(d);
      if (d === HAND_OVER) {
        handedOver = decisions.length - 1;
        d = 0;
      }
    }
    const o = options[d];
    steps++;
    if (o.kind === 'flush') {
      buffers[o.target]--;
      events.push(`f${o.target}`);
      continue;
    }
    const t = o.target;
    current = t;
    const op = program.threads[t][pc[t]];
    events.push(`t${t}`);
    if (op === 'p' && pc.some((p, u) => u !== t && p < program.threads[u].length)) continue;
    pc[t]++;
    if (op === 'w') buffers[t]++;
    else if (op === 'f') buffers[t] = 0;
    else if (op === 'c') {
      let v = 0;
      if (handedOver === undefined) {
        v = strategy.choose({ type: 'value', n: 2, thread: t, step: steps });
        decisions.push(v);
        if (v === HAND_OVER) {
          handedOver = decisions.length - 1;
          v = 0;
        }
      }
      events.push(`v${v}`);
    }
  }
  const run: SyntheticRun = { decisions, events, steps, handedOverAt: handedOver };
  strategy.endExecution({ steps, decisions, failed: failed ? failed(run) : false });
  return run;
}

/** Run executions until the strategy is exhausted or `max` runs; returns every run. */
export function exploreSynthetic(program: SyntheticProgram, strategy: Strategy, max: number, failed?: (run: SyntheticRun) => boolean): SyntheticRun[] {
  const runs: SyntheticRun[] = [];
  for (let i = 0; i < max && strategy.beginExecution(i); i++) runs.push(runSynthetic(program, strategy, failed));
  return runs;
}
