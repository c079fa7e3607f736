import fc from 'fast-check';
import type { Cell } from '../../memory/cell';
import { DEFAULT_MEMORY_KNOBS, type MemoryModelName } from '../../memory/memory-model';
import { judgeOutcome } from '../../explore/judge-outcome';
import { runExecution } from '../../runtime/execute';
import type { ExecutionOutcome } from '../../runtime/outcome';
import type { ThreadApi } from '../../runtime/thread-api';
import type { Target } from '../../target/target';
import type { Strategy } from '../strategy';

/**
 * Small random programs for differential tests of the exhaustive strategies (issue 13 item 3):
 * plain bounded search and the reduced one must reach the same set of outcomes at every
 * preemption bound. Each thread runs a list of instructions over three cells; `x` is also a
 * register whose reads and writes are recorded in the history (spec 'register'), so the
 * history's real-time order and the checker take part; critical sections, asserts, waits,
 * futex calls and an invariant over committed memory cover the other oracles.
 */
export type Instr =
  | { readonly op: 'read'; readonly cell: number }
  | { readonly op: 'write'; readonly cell: number; readonly value: number }
  | { readonly op: 'add'; readonly cell: number }
  | { readonly op: 'cas'; readonly cell: number; readonly expect: number; readonly value: number }
  | { readonly op: 'mb' }
  | { readonly op: 'await'; readonly cell: number; readonly value: number }
  | { readonly op: 'assertNot'; readonly value: number }
  | { readonly op: 'enter' }
  | { readonly op: 'exit' }
  | { readonly op: 'futexWait'; readonly cell: number; readonly value: number }
  | { readonly op: 'futexWake'; readonly cell: number }
  | { readonly op: 'relax' };

export interface RandomProgram {
  readonly threads: readonly (readonly Instr[])[];
  /** Invariant: committed x + y must not equal this (checked after every step), or none. */
  readonly invariantSum?: number;
}

const CELLS = ['x', 'y', 'z'];

const instr: fc.Arbitrary<Instr> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ op: fc.constant('read' as const), cell: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 4, arbitrary: fc.record({ op: fc.constant('write' as const), cell: fc.integer({ min: 0, max: 2 }), value: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('add' as const), cell: fc.integer({ min: 0, max: 2 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cas' as const), cell: fc.integer({ min: 0, max: 2 }), expect: fc.integer({ min: 0, max: 1 }), value: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'mb' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('await' as const), cell: fc.integer({ min: 0, max: 2 }), value: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('assertNot' as const), value: fc.integer({ min: 1, max: 3 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'enter' as const }) },
  { weight: 1, arbitrary: fc.constant({ op: 'exit' as const }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('futexWait' as const), cell: fc.integer({ min: 1, max: 2 }), value: fc.integer({ min: 0, max: 1 }) }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('futexWake' as const), cell: fc.integer({ min: 1, max: 2 }) }) },
  { weight: 1, arbitrary: fc.constant({ op: 'relax' as const }) },
);

/** Programs of 2-3 threads with 1-4 instructions each. */
export function programArbitrary(maxThreads = 3, maxLen = 4): fc.Arbitrary<RandomProgram> {
  return fc.record({
    threads: fc.array(fc.array(instr, { minLength: 1, maxLength: maxLen }), { minLength: 2, maxLength: maxThreads }),
    invariantSum: fc.option(fc.integer({ min: 2, max: 4 }), { nil: undefined }),
  });
}

function* runThread(t: ThreadApi, prog: readonly Instr[], c: readonly Cell[], regs: number[]) {
  let last = 0;
  let inside = false;
  for (let k = 0; k < prog.length; k++) {
    const ins = prog[k];
    t.at(`t${t.id}:${k}`);
    switch (ins.op) {
      case 'read':
        if (ins.cell === 0) t.invoke('read');
        last = yield* t.readOnce(c[ins.cell]);
        if (ins.cell === 0) t.ok(last === 0 ? null : last);
        break;
      case 'write':
        if (ins.cell === 0) t.invoke('write', ins.value);
        yield* t.writeOnce(c[ins.cell], ins.value);
        if (ins.cell === 0) t.ok();
        break;
      case 'add':
        last = yield* t.fetchAdd(c[ins.cell], 1);
        break;
      case 'cas':
        last = yield* t.cmpxchg(c[ins.cell], ins.expect, ins.value);
        break;
      case 'mb':
        yield* t.smp_mb();
        break;
      case 'await':
        last = yield* t.waitUntil(c[ins.cell], (v) => v === ins.value);
        break;
      case 'assertNot':
        t.assert(last !== ins.value, `read ${last}`);
        break;
      case 'enter':
        if (!inside) t.enterCritical();
        inside = true;
        break;
      case 'exit':
        if (inside) t.exitCritical();
        inside = false;
        break;
      case 'futexWait':
        last = (yield* t.futexWait(c[ins.cell], ins.value)) === 'woken' ? 7 : 8;
        break;
      case 'futexWake':
        last = yield* t.futexWake(c[ins.cell], 1);
        break;
      case 'relax':
        yield* t.cpuRelax();
        break;
    }
    regs.push(last);
  }
  if (inside) t.exitCritical();
}

/** The program as a target; `observe` receives each execution's final memory and registers. */
export function programTarget(p: RandomProgram, observe: (state: string) => void): Target {
  return {
    name: 'random',
    summary: 'random program',
    variants: [{ name: 'v', summary: 'v', expect: { sc: 'clean', tso: 'clean' } }],
    workload: { threads: { min: 1, max: 8, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
    spec: 'register',
    ghostState: 'per-thread',
    maxSteps: 200,
    setup(env) {
      const cells = CELLS.map((n) => env.mem.cell(n));
      const regs: number[][] = p.threads.map(() => []);
      let api: ThreadApi | undefined;
      const peek = (cl: Cell): number => (api === undefined ? 0 : api.peek(cl));
      const state = (): string => `${cells.map(peek).join(',')}|${regs.map((r) => r.join(',')).join('/')}`;
      return {
        threads: p.threads.map((prog, i) => ({
          name: `t${i}`,
          body: (t: ThreadApi) => {
            api ??= t;
            return runThread(t, prog, cells, regs[i]);
          },
        })),
        ...(p.invariantSum !== undefined ? { invariant: () => (peek(cells[0]) + peek(cells[1]) === p.invariantSum ? `x + y = ${p.invariantSum}` : undefined) } : {}),
        atEnd: () => {
          observe(state());
          return undefined;
        },
        describe: () => {
          observe(state());
          return [];
        },
      };
    },
  };
}

/**
 * Every outcome a strategy reaches: verdict, finding kind and place, final memory and
 * registers, and the history (operations with outputs and which returned before which began).
 */
export function outcomeSet(p: RandomProgram, memory: MemoryModelName, strategy: Strategy, limit = 200_000): { outcomes: Set<string>; runs: number } {
  let last = '';
  const target = programTarget(p, (s) => { last = s; });
  const outcomes = new Set<string>();
  let runs = 0;
  for (let i = 0; strategy.beginExecution(i); i++) {
    if (i >= limit) throw new Error(`more than ${limit} executions`);
    last = '';
    const raw = runExecution({ target, variant: 'v', workload: { ops: [] }, memory, knobs: DEFAULT_MEMORY_KNOBS, strategy });
    strategy.endExecution({ steps: raw.steps, decisions: raw.decisions, failed: raw.finding !== undefined });
    runs++;
    outcomes.add(fingerprint(judgeOutcome(target, raw).outcome, last));
  }
  return { outcomes, runs };
}

function fingerprint(o: ExecutionOutcome, state: string): string {
  const f = o.finding;
  // A finding stops the run where it shows: what other threads did by then, and (for an
  // invariant, a property of the state) which step reached the state first, depend on the
  // order of independent steps. The bug is its kind, message and the program points involved.
  if (f !== undefined) {
    const invariant = f.message.startsWith('x + y');
    return `${o.verdict}|${f.kind}|${invariant ? '' : [...f.locations].sort().join(',')}|${f.kind === 'violation' && !f.message.startsWith('history') ? f.message : ''}`;
  }
  // an operation is named by its thread and its rank there: ids follow the order of calls
  const rank = new Map<number, string>();
  const perThread = new Map<number, number>();
  for (const op of [...o.history].sort((a, b) => a.call - b.call)) {
    const n = perThread.get(op.process) ?? 0;
    perThread.set(op.process, n + 1);
    rank.set(op.id, `${op.process}.${n}`);
  }
  const ops = o.history.map((op) => `${rank.get(op.id)}:${op.f}(${JSON.stringify(op.input)})=${JSON.stringify(op.output)}${op.ret === undefined ? '?' : ''}`).sort();
  const order: string[] = [];
  for (const a of o.history) for (const b of o.history) if (a.ret !== undefined && a.ret < b.call) order.push(`${rank.get(a.id)}<${rank.get(b.id)}`);
  order.sort();
  return `${o.verdict}|${state}|${ops.join(' ')}|${order.join(' ')}`;
}
