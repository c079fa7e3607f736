import { judgeOutcome } from '../explore/judge-outcome';
import { mergeKnobs } from '../explore/merge-knobs';
import { withDeterminismCheck } from '../async/execute-target';
import { isPromiseLike } from '../runtime/execute-fn';
import { createStrategy } from '../strategy';
import { builtinTargets } from '../target/builtin-targets';
import { loadTargetModule } from '../target/load-target-module';
import type { AnyTarget } from '../target/any-target';
import type { FuzzEngine } from './fuzz-engine';
import type { FuzzHost } from './fuzz-host';
import type { TargetRef } from './fuzz-types';

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
        knobs: mergeKnobs(req.target, req.variant, req.memory, req.knobs), strategy: req.strategy,
        maxSteps: req.maxSteps, recordTrace: req.recordTrace, recordCoverage: req.recordCoverage,
      });
      return isPromiseLike(outcome) ? outcome.then((o) => judgeOutcome(req.target, o, undefined, req).outcome) : judgeOutcome(req.target, outcome, undefined, req).outcome;
    },
    strategy: (req) => createStrategy(req),
    knobs: mergeKnobs,
    maxSteps: (t) => t.maxSteps ?? 2000,
  };
}

/** Resolve a TargetRef: a built-in target by name, or the named target of a module file. */
export function resolveTargetRef(ref: TargetRef, builtins: readonly AnyTarget[]): AnyTarget {
  const all = ref.kind === 'file' ? loadTargetModule(ref.path).targets : builtins;
  const t = all.find((x) => x.name === ref.name);
  if (!t) throw new Error(ref.kind === 'file' ? `target module '${ref.path}' has no target '${ref.name}'` : `unknown built-in target '${ref.name}'`);
  return t;
}

/** The production host (the pool workers load it by module path). */
export function createFuzzHost(): FuzzHost {
  const files = new Map<string, AnyTarget>();
  return {
    engine: engineAdapter(),
    resolveTarget(ref) {
      if (ref.kind === 'builtin') return resolveTargetRef(ref, builtinTargets());
      const key = `${ref.path}#${ref.name}`;
      let t = files.get(key);
      if (!t) { t = resolveTargetRef(ref, []); files.set(key, t); }
      return t;
    },
  };
}
