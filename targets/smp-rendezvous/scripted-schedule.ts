import type { MemoryModelName, Target, ThreadApi, Workload } from '../../harness';
import { mergeKnobs } from '../../harness/explore/merge-knobs';
import { judgeOutcome } from '../../harness/explore/judge-outcome';
import { runExecution } from '../../harness/runtime/execute';
import type { ExecutionOutcome } from '../../harness/runtime/outcome';
import { HAND_OVER, type ChoicePoint, type Strategy } from '../../harness/strategy/strategy';

/**
 * One segment of a scripted schedule: run `thread` until the program point it is about to
 * execute (its last `t.at` label) matches `until`, or, without `until`, until it cannot run.
 */
export interface ScriptSegment {
  readonly thread: number;
  readonly until?: RegExp;
  /** Instead of stepping: deliver the pending IPI of cpu `thread` now (one decision). */
  readonly deliverIpi?: boolean;
}

/**
 * Follows a hand-written interleaving the way the seed notes' tables read ("H runs until it
 * sleeps, then O runs up to X ..."), then hands over to the fair continuation. It picks
 * 'thread' options by thread id and reads the threads' program points, so it depends only on
 * the model and the engine's option kinds, not on any search strategy. Value choices (t.choose)
 * take `values` in order, then 0. (The engine does not ask at points with a single option: a thread alone able to run
 * simply runs, which a script must allow for.)
 */
class ScriptedStrategy implements Strategy {
  readonly name = 'scripted';
  private seg = 0;

  private value = 0;

  constructor(
    private readonly script: readonly ScriptSegment[],
    private readonly locations: readonly string[],
    private readonly values: readonly number[],
  ) {}

  beginExecution(): boolean {
    this.seg = 0;
    this.value = 0;
    return true;
  }

  choose(point: ChoicePoint): number {
    if (point.type === 'value') return this.value < this.values.length ? this.values[this.value++] : 0;
    while (this.seg < this.script.length) {
      const s = this.script[this.seg];
      if (s.deliverIpi === true) {
        const k = point.options.findIndex((o) => o.kind === 'ipi' && o.target === s.thread);
        this.seg++;
        if (k >= 0) return k;
        continue;
      }
      const i = point.options.findIndex((o) => o.kind === 'thread' && o.target === s.thread);
      const reached = s.until !== undefined && s.until.test(this.locations[s.thread] ?? '');
      if (i >= 0 && !reached) return i;
      this.seg++;
    }
    return HAND_OVER;
  }

  endExecution(): void {}

  exhausted(): boolean {
    return false;
  }
}

/** `target` with every thread's `t.at` label recorded into `locations` (index = thread id). */
function recordingLocations(target: Target, locations: string[]): Target {
  return {
    ...target,
    setup(env, variant, workload) {
      const wrap = (t: ThreadApi, i: number): ThreadApi =>
        new Proxy(t, {
          get(obj, prop) {
            if (prop === 'at') {
              return (loc: string) => {
                locations[i] = loc;
                obj.at(loc);
              };
            }
            const v = (obj as unknown as Record<string | symbol, unknown>)[prop];
            return typeof v === 'function' ? v.bind(obj) : v;
          },
        });
      // IPI handlers run on the target cpu's thread: record their labels too.
      const inst = target.setup({ ...env, onIpi: (v, h) => env.onIpi(v, (t, payload) => h(wrap(t, t.id), payload)) }, variant, workload);
      return { ...inst, threads: inst.threads.map((th, i) => ({ ...th, body: (t: ThreadApi) => th.body(wrap(t, i)) })) };
    },
  };
}

/** Run one execution along `script` and judge it like explore() does. */
export function runScripted(
  target: Target, variant: string, memory: MemoryModelName, workload: Workload, script: readonly ScriptSegment[], values: readonly number[] = [],
): ExecutionOutcome {
  const locations: string[] = [];
  const strategy = new ScriptedStrategy(script, locations, values);
  strategy.beginExecution();
  const raw = runExecution({
    target: recordingLocations(target, locations),
    variant, workload, memory, knobs: mergeKnobs(target, variant, memory), strategy, recordTrace: true,
  });
  return judgeOutcome(target, raw).outcome;
}
