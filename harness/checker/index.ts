import type { Operation } from '../history/operation';
import type { CheckBudget, CheckResult } from './checker-api';

export type { CheckBudget, CheckResult, CheckVerdict, CheckExplanation } from './checker-api';

/**
 * Check `ops` against the named sequential spec. PLACEHOLDER until the checker lands:
 * it answers 'unknown' so that nothing is judged wrongly.
 */
export function checkHistory(specName: string, ops: readonly Operation[], budget?: CheckBudget): CheckResult {
  void specName; void ops; void budget;
  return { verdict: 'unknown', steps: 0 };
}
