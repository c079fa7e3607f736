/**
 * A tiny stand-in engine for the fuzzer's unit tests: it runs a "test-then-set" flag lock
 * (a read of the flag, then a separate write: the textbook broken lock) on its own
 * cooperative scheduler with the same decision-log semantics as the runtime (option 0 keeps
 * the current thread, other options in cyclic order, HAND_OVER = fair round robin). The real
 * engine is exercised by the end-to-end tests; this keeps the fuzzer's tests independent of it.
 */
import { DEFAULT_MEMORY_KNOBS } from '../../memory/memory-model';
import type { ExecutionOutcome, Finding } from '../../runtime/outcome';
import { HAND_OVER, type ChoiceOption, type Strategy } from '../../strategy/strategy';
import type { Target } from '../../target/target';
import type { FuzzEngine, FuzzRunRequest, StrategyRequest } from '../fuzz-engine';

/** A Target shell for the fake engine (its setup is never called). */
export const RACY_FLAG_TARGET: Target = {
  name: 'racy-flag',
  summary: 'test-then-set flag lock (fake engine)',
  variants: [
    { name: 'racy', summary: 'read then write: two threads can both enter', expect: { sc: 'violation', tso: 'violation' } },
    { name: 'atomic', summary: 'read and write in one step', expect: { sc: 'clean', tso: 'clean' } },
    { name: 'spin-forever', summary: 'the unlock never clears the flag', expect: { sc: 'hang', tso: 'hang' } },
  ],
  workload: { threads: { min: 1, max: 4, default: 2 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['lock', 'trylock'] },
  maxSteps: 200,
  setup() { throw new Error('racy-flag is driven by the fake engine only'); },
};

/** Options of an execution of the fake engine. */
export interface RacyFlagOptions {
  /** Loop forever (no yield) when the thread of this index is scheduled: a runaway. */
  readonly runawayThread?: number;
}

/** The fake engine. */
export function racyFlagEngine(options: RacyFlagOptions = {}): FuzzEngine {
  return {
    execute: (req) => execute(req, options),
    strategy: makeStrategy,
    knobs: () => DEFAULT_MEMORY_KNOBS,
    maxSteps: (t) => t.maxSteps ?? 2000,
  };
}

function execute(req: FuzzRunRequest, options: RacyFlagOptions): ExecutionOutcome {
  const ops = req.workload.ops;
  const n = ops.length;
  const pc = new Array<number>(n).fill(0); // 0 read flag, 1 write flag, 2 clear
  const opIndex = new Array<number>(n).fill(0);
  const atomic = req.variant === 'atomic';
  const decisions: number[] = [];
  const coverage = new Set<string>();
  const trace: { step: number; thread: number; op: string }[] = [];
  let flag = 0;
  let inside = -1;
  let current = -1;
  let fair = false;
  let preemptions = 0;
  const maxSteps = req.maxSteps ?? req.target.maxSteps ?? 200;
  const done = (t: number): boolean => opIndex[t] >= ops[t].length;
  let finding: Finding | undefined;
  let step = 0;
  for (; step < maxSteps; step++) {
    const runnable: number[] = [];
    for (let k = 1; k <= n; k++) {
      const t = (current + k + n) % n;
      if (!done(t)) runnable.push(t);
    }
    if (runnable.length === 0) break;
    const currentRunnable = current >= 0 && !done(current);
    const order = currentRunnable ? [current, ...runnable.filter((t) => t !== current)] : runnable;
    const opts: ChoiceOption[] = order.map((t) => ({ kind: 'thread', target: t, slot: 0 }));
    let idx = 0;
    if (!fair) {
      const c = req.strategy.choose({ type: 'schedule', options: opts, currentRunnable, current, step, threadCount: n });
      if (c === HAND_OVER) fair = true; else idx = c;
    }
    if (fair) idx = currentRunnable && order.length > 1 ? 1 : 0;
    decisions.push(idx);
    if (idx !== 0 && currentRunnable) preemptions++;
    const t = order[idx];
    current = t;
    if (options.runawayThread === t) for (;;) { /* never yields */ }
    const kind = ops[t][opIndex[t]];
    coverage.add(`${t}:${kind}:${pc[t]}`);
    trace.push({ step, thread: t, op: `${kind}.${pc[t]}` });
    if (pc[t] === 0) {
      if (flag !== 0) { if (kind === 'trylock') { opIndex[t]++; } continue; }
      if (atomic) { flag = 1; inside = t; pc[t] = 2; } else pc[t] = 1;
    } else if (pc[t] === 1) {
      if (inside >= 0) {
        finding = { kind: 'violation', message: `thread ${t} entered the critical section held by thread ${inside}`, thread: t, locations: ['cs'] };
        step++;
        break;
      }
      flag = 1; inside = t; pc[t] = 2;
    } else {
      if (req.variant !== 'spin-forever') flag = 0;
      inside = -1; pc[t] = 0; opIndex[t]++;
    }
  }
  const verdict = finding ? 'violation' : step >= maxSteps ? (req.variant === 'spin-forever' ? 'hang' : 'inconclusive') : 'ok';
  if (verdict === 'hang') finding = { kind: 'hang', message: 'threads spin on the flag forever', locations: ['spin'] };
  return {
    verdict, finding, history: [], decisions, steps: step, preemptions,
    threadNames: ops.map((_, i) => `t${i}`),
    coverage: req.recordCoverage ? [...coverage] : undefined,
    trace: req.recordTrace ? trace : undefined,
  };
}

/** A strategy answering from a small LCG (fake random/PCT), a fixed array, or a tiny enumerator (fake dfs). */
function makeStrategy(req: StrategyRequest): Strategy {
  let state = 0;
  let pos = 0;
  let budget = 0;
  return {
    name: req.kind,
    beginExecution(index: number): boolean {
      pos = 0;
      if (req.kind === 'dfs') { budget = index; return index < 8; }
      state = req.kind === 'decisions' ? 0 : (req.seed + Math.imul(index + 1, 0x9e3779b9)) >>> 0;
      return true;
    },
    choose(point): number {
      const n = point.type === 'schedule' ? point.options.length : point.n;
      if (req.kind === 'decisions') return pos < req.decisions.length ? req.decisions[pos++] % n : HAND_OVER;
      if (req.kind === 'dfs') return pos++ < 6 ? ((budget >> pos) & 1) % n : HAND_OVER;
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      return (state >>> 16) % n;
    },
    endExecution() { /* stateless */ },
    exhausted: () => false,
  };
}
