import { defaultMemoryKnobs, type MemoryKnobs, type MemoryModelName } from '../../memory/memory-model';
import type { ChoicePoint, ExecutionSummary, Strategy } from '../../strategy/strategy';
import type { Instance, SetupEnv, Target } from '../../target/target';
import { runExecution } from '../execute';
import type { ExecutionOptions } from '../execution-options';
import type { ExecutionOutcome } from '../outcome';
import { ExhaustiveStrategy } from './exhaustive-strategy';

/** Test helper: a one-variant target around a setup function. */
export function testTarget(setup: (env: SetupEnv) => Instance, maxSteps?: number): Target {
  return {
    name: 'test',
    summary: 'test target',
    variants: [{ name: 'v', summary: 'v', expect: { sc: 'clean', tso: 'clean' } }],
    workload: { threads: { min: 1, max: 8, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
    maxSteps,
    setup: (env) => setup(env),
  };
}

/** Options for one run of `target` with `strategy`. */
export function options(target: Target, strategy: Strategy, memory: MemoryModelName = 'sc', extra: Partial<Omit<ExecutionOptions, 'knobs'>> & { knobs?: Partial<MemoryKnobs> } = {}): ExecutionOptions {
  return { target, variant: 'v', workload: { ops: [] }, memory, strategy, ...extra, knobs: { ...defaultMemoryKnobs(memory), ...extra.knobs } };
}

/** Strategy answering a fixed list of decisions, then `after` (default HAND_OVER). */
export class ListStrategy implements Strategy {
  readonly name = 'list-test';
  private i = 0;
  readonly points: string[] = [];
  constructor(private readonly list: readonly number[], private readonly after: number | ((p: ChoicePoint) => number) = -1) {}
  beginExecution(): boolean {
    this.i = 0;
    return true;
  }
  choose(p: ChoicePoint): number {
    this.points.push(p.type === 'schedule' ? p.options.map((o) => `${o.kind}${o.target}`).join(',') : `value${p.n}`);
    if (this.i < this.list.length) return this.list[this.i++];
    return typeof this.after === 'function' ? this.after(p) : this.after;
  }
  endExecution(_s: ExecutionSummary): void {}
  exhausted(): boolean {
    return false;
  }
}

/** Run every decision sequence of `target`; returns all outcomes (bounded by `limit` executions). */
export function exhaustive(target: Target, memory: MemoryModelName, extra: Partial<Omit<ExecutionOptions, 'knobs'>> & { knobs?: Partial<MemoryKnobs> } = {}, limit = 200000): ExecutionOutcome[] {
  const s = new ExhaustiveStrategy();
  const out: ExecutionOutcome[] = [];
  for (let i = 0; s.beginExecution(i); i++) {
    if (i >= limit) throw new Error(`exhaustive: more than ${limit} executions`);
    const o = runExecution(options(target, s, memory, extra));
    s.endExecution({ steps: o.steps, decisions: o.decisions, failed: o.finding !== undefined });
    out.push(o);
  }
  return out;
}
