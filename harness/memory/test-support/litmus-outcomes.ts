import type { MemoryKnobs, MemoryModelName } from '../memory-model';
import type { ThreadApi, ThreadBody } from '../../runtime/thread-api';
import type { SetupEnv } from '../../target/target';
import { exhaustive, options, testTarget } from '../../runtime/test-support/test-target';
import { runExecution } from '../../runtime/execute';
import { BoundedDfsStrategy } from '../../strategy/bounded-dfs';
import { BoundedPorStrategy } from '../../strategy/bounded-por';
import type { Strategy } from '../../strategy/strategy';
import type { Target } from '../../target/target';

/** Registers of a litmus program (written by its threads, read by its result). */
export type Regs = Record<string, number>;

/** A litmus program: its threads and how an outcome is named. */
export interface Litmus {
  threads: ThreadBody[];
  /** Outcome key from the registers and the final committed memory. */
  result(regs: Regs, peek: ThreadApi['peek']): string;
}

/**
 * The EXACT set of outcomes of a litmus program under a memory model: every decision sequence
 * (thread choices, store-buffer flushes, arm64-lite read choices) is enumerated, sorted keys.
 */
export function outcomes(memory: MemoryModelName, build: (env: SetupEnv, regs: Regs) => Litmus, knobs?: Partial<MemoryKnobs>): string[] {
  const seen = new Set<string>();
  const target = testTarget((env) => {
    const regs: Regs = {};
    const l = build(env, regs);
    let api: ThreadApi | undefined;
    return {
      threads: l.threads.map((body, i) => ({
        name: `cpu${i}`,
        body: function* (t: ThreadApi) {
          api = t;
          yield* body(t);
        },
      })),
      atEnd: () => {
        seen.add(l.result(regs, (c) => api!.peek(c)));
        return undefined;
      },
    };
  });
  const runs = exhaustive(target, memory, knobs ? { knobs } : {});
  for (const r of runs) if (r.verdict !== 'ok') throw new Error(`litmus run ended ${r.verdict}: ${r.finding?.message}`);
  const all = [...seen].sort();
  if (memory !== 'arm64-lite') checkReduction(memory, target, seen, all, knobs);
  return all;
}

/**
 * Partial-order reduction must reach the same outcomes (issue 13 item 3): the unbounded reduced
 * search (source sets + sleep sets) must find exactly the full enumeration's set, and at a
 * preemption bound K = 2 the reduced search (BPOR) exactly what plain bounded search finds.
 * The threads share only cells and their own registers: ghostState 'per-thread'.
 */
function checkReduction(memory: MemoryModelName, target: Target, seen: Set<string>, all: readonly string[], knobs?: Partial<MemoryKnobs>): void {
  const perThread: Target = { ...target, ghostState: 'per-thread' };
  const collect = (strategy: Strategy): string[] => {
    seen.clear();
    drive(perThread, memory, strategy, knobs);
    return [...seen].sort();
  };
  const reduced = collect(new BoundedPorStrategy({ preemptions: Number.POSITIVE_INFINITY }));
  if (reduced.join() !== all.join()) throw new Error(`litmus under ${memory}: partial-order reduction reached ${reduced.join(' ')}, the full enumeration ${all.join(' ')}`);
  const plainK = collect(new BoundedDfsStrategy({ preemptions: 2 }));
  const reducedK = collect(new BoundedPorStrategy({ preemptions: 2, iterative: false }));
  if (reducedK.join() !== plainK.join()) throw new Error(`litmus under ${memory} at K = 2: partial-order reduction reached ${reducedK.join(' ')}, plain bounded search ${plainK.join(' ')}`);
}

function drive(target: Target, memory: MemoryModelName, s: Strategy, knobs?: Partial<MemoryKnobs>): void {
  for (let i = 0; s.beginExecution(i); i++) {
    if (i >= 200_000) throw new Error('litmus: more than 200000 executions');
    const o = runExecution(options(target, s, memory, knobs ? { knobs } : {}));
    if (o.verdict !== 'ok') throw new Error(`litmus run ended ${o.verdict}: ${o.finding?.message}`);
    s.endExecution({ steps: o.steps, decisions: o.decisions, failed: false });
  }
}
