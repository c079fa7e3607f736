/**
 * `lockstep/vitest`: a target's tests in a vitest test file.
 *
 * @example
 * ```ts
 * import { describe, expect, test } from 'vitest';
 * import { describeTarget, lockstepMatchers } from 'lockstep/vitest';
 * import spinlock from '../locks/spinlock';
 *
 * expect.extend(lockstepMatchers);
 * describeTarget(spinlock, { module: 'locks/spinlock.ts' }, { describe, test });
 * ```
 * For the matchers' types: `declare module 'vitest' { interface Assertion<T> extends LockstepMatchers<T> {} }`.
 */
import { lockstepSuite, type LockstepTestOptions } from './lockstep-suite';
import type { AnyTarget } from '../target/any-target';
import { registerSuite, type DescribeApi } from './register-suite';

export { lockstepMatchers, type LockstepMatchers, type MatcherResult } from './matchers';
export { lockstepSuite, type LockstepCase, type LockstepSuite, type LockstepTestOptions } from './lockstep-suite';
export { checkVariant, DEFAULT_TEST_RUNS, type CheckedFinding, type VariantCheck, type VariantCheckOptions } from './variant-check';
export { checkCorpusEntry, corpusEntriesOf, type CorpusCheck } from './corpus-check';
export { LockstepTestFailure } from './lockstep-test-failure';

/** vitest's `describe` and `test` (imported from 'vitest', or its globals). */
export type VitestApi = DescribeApi;

/**
 * Declare a target's tests in a vitest file (the same tests as lockstep/jest's describeTarget):
 * pass vitest's `{ describe, test }`, or leave it out when vitest's globals are on.
 */
export function describeTarget(target: AnyTarget | string, options: LockstepTestOptions = {}, api?: VitestApi): void {
  const g = (api ?? globalThis) as Partial<VitestApi>;
  if (typeof g.describe !== 'function' || typeof g.test !== 'function') {
    throw new Error("lockstep/vitest: pass vitest's { describe, test } as the third argument (import { describe, test } from 'vitest'), or enable vitest's globals");
  }
  registerSuite(lockstepSuite(target, options), g as VitestApi);
}
