import { judgeOutcome } from '../explore/judge-outcome';
import { mergeKnobs } from '../explore/merge-knobs';
import { withDeterminismCheck } from '../async/execute-target';
import { isPromiseLike } from '../runtime/execute-fn';
import { createStrategy } from '../strategy';
import type { Target } from '../target/target';
import { builtinTargets } from '../../targets';
import type { FuzzEngine } from './fuzz-engine';
import type { FuzzHost } from './fuzz-host';
import type { TargetRef } from './fuzz-types';
import { targetFromFile } from './target-loader';

/**
 * The real engine: the generator engine or the async front end (executeTarget; async
 * executions under the determinism check), judged by the checker (explore's judgeOutcome),
 * strategies from harness/strategy. Generator executions stay synchronous.
 */
export function engineAdapter(): FuzzEngine {
  const execute = withDeterminismCheck();
  return {
    execute(req) {
      const outcome = execute({
        target: req.target, variant: req.variant, workload: req.workload, memory: req.memory,
        knobs: mergeKnobs(req.target, req.variant, req.knobs), strategy: req.strategy,
        maxSteps: req.maxSteps, recordTrace: req.recordTrace, recordCoverage: req.recordCoverage,
      });
      return isPromiseLike(outcome) ? outcome.then((o) => judgeOutcome(req.target, o).outcome) : judgeOutcome(req.target, outcome).outcome;
    },
    strategy: (req) => createStrategy(req),
    knobs: mergeKnobs,
    maxSteps: (t) => t.maxSteps ?? 2000,
  };
}

/** Resolve a TargetRef: a built-in target by name, or the named target of a module file. */
export function resolveTargetRef(ref: TargetRef, builtins: readonly Target[]): Target {
  if (ref.kind === 'file') return targetFromFile(ref.path, ref.name);
  const t = builtins.find((x) => x.name === ref.name);
  if (!t) throw new Error(`unknown built-in target '${ref.name}'`);
  return t;
}

/** The production host (the pool workers load it by module path). */
export function createFuzzHost(): FuzzHost {
  const builtins = builtinTargets();
  const files = new Map<string, Target>();
  return {
    engine: engineAdapter(),
    resolveTarget(ref) {
      if (ref.kind === 'builtin') return resolveTargetRef(ref, builtins);
      const key = `${ref.path}#${ref.name}`;
      let t = files.get(key);
      if (!t) { t = resolveTargetRef(ref, builtins); files.set(key, t); }
      return t;
    },
  };
}
