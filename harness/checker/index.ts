import type { Operation } from '../history/operation';
import type { CheckBudget, CheckOptions, CheckResult } from './checker-api';
import { CheckInputError } from './check-input-error';
import { checkWithSpec } from './check-with-spec';
import { resolveSpec } from './specs/spec-registry';

export type { CheckBudget, CheckResult, CheckVerdict, CheckExplanation, CheckOptions, CheckHistoryFn } from './checker-api';
export type { SequentialSpec, StepResult } from './spec';
export { ILLEGAL, Choices } from './spec';
export { checkWithSpec } from './check-with-spec';
export { DEFAULT_MAX_MEMORY_BYTES } from './checker-api';
export { CheckInputError } from './check-input-error';
export { verifyLinearization } from './verify-linearization';
export { resolveSpec, specNames, SPEC_REGISTRY, UnknownSpecError } from './specs/spec-registry';

/**
 * Check `ops` against the named sequential spec (`mutex`, `cas-register`, `semaphore:3`,
 * ...; see specs/README.md). Throws UnknownSpecError for an unknown name and
 * CheckInputError for an operation the spec does not understand; otherwise returns a
 * verdict ('unknown' only when the budget ran out).
 */
export function checkHistory(specName: string, ops: readonly Operation[], budget?: CheckBudget, options?: CheckOptions): CheckResult {
  const spec = resolveSpec(specName);
  if (options?.verdictOnly === true && options.describeStates !== true && spec.quickAccept !== undefined) {
    // the explorer's common case: a correct lock's history, accepted in one pass (issue 12 goal 2)
    const algorithm = spec.quickAccept(ops);
    if (algorithm !== undefined) return { verdict: 'linearizable', steps: 0, partitions: 1, partitionsDecided: 1, algorithm, memoryBytes: 0 };
  }
  // ids are usually dense (0..n-1): a byte per id instead of a Set
  // (a bit mask for the explorer's few dozen ops: a small typed array per check costs a
  // malloc and a finaliser, a visible share of the explorer's garbage collection)
  const n = ops.length;
  const seen = n <= 30 ? undefined : new Uint8Array(n);
  let mask = 0;
  let sparse: Set<number> | undefined;
  for (let i = 0; i < n; i++) {
    const op = ops[i]!;
    const id = op.id;
    let dup: boolean;
    if (Number.isInteger(id) && id >= 0 && id < n) {
      if (seen === undefined) { const bit = 1 << id; dup = (mask & bit) !== 0; mask |= bit; } else { dup = seen[id] === 1; seen[id] = 1; }
    } else {
      sparse ??= new Set();
      dup = sparse.has(id);
      sparse.add(id);
    }
    if (dup) throw new CheckInputError(`${where(op)}: duplicate operation id`, id);
    if (!Number.isFinite(op.call) || (op.ret !== undefined && !(op.ret >= op.call))) {
      throw new CheckInputError(`${where(op)}: needs a finite call time and a return time >= call (got ${op.call}, ${String(op.ret)})`, id);
    }
    const msg = spec.validate?.(op);
    if (msg !== undefined) throw new CheckInputError(`${where(op)}: ${msg}`, id);
  }
  return checkWithSpec(spec, ops, budget, options);
}

function where(op: Operation): string {
  return `operation ${op.id} (process ${op.process}, ${op.f})`;
}
