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

export { lockstepMatchers, type LockstepMatchers, type MatcherResult } from './matchers';
export { lockstepSuite, type LockstepCase, type LockstepSuite, type LockstepTestOptions } from './lockstep-suite';
export { checkVariant, DEFAULT_TEST_RUNS, type CheckedFinding, type VariantCheck, type VariantCheckOptions } from './variant-check';
export { checkCorpusEntry, corpusEntriesOf, type CorpusCheck } from './corpus-check';
export { LockstepTestFailure } from './lockstep-test-failure';

/** vitest's `describe` and `test` (imported from 'vitest', or its globals). */
export interface VitestApi {
  describe(name: string, fn: () => void): void;
  test: {
    (name: string, fn: () => Promise<void>, timeout?: number): void;
    skip(name: string, fn: () => Promise<void>, timeout?: number): void;
  };
}

/**
 * Declare a target's tests in a vitest file (the same tests as lockstep/jest's describeTarget):
 * pass vitest's `{ describe, test }`, or leave it out when vitest's globals are on.
 */
export function describeTarget(target: AnyTarget | string, options: LockstepTestOptions = {}, api?: VitestApi): void {
  const g = (api ?? globalThis) as Partial<VitestApi>;
  if (typeof g.describe !== 'function' || typeof g.test !== 'function') {
    throw new Error("lockstep/vitest: pass vitest's { describe, test } as the third argument (import { describe, test } from 'vitest'), or enable vitest's globals");
  }
  const { describe, test } = g as VitestApi;
  const suite = lockstepSuite(target, options);
  describe(suite.name, () => {
    for (const c of suite.cases) test(c.name, () => c.run(), suite.timeout);
    if (suite.corpus.length > 0) {
      describe('corpus', () => {
        for (const c of suite.corpus) (c.skip ? test.skip : test)(c.name, () => c.run(), suite.timeout);
      });
    }
  });
}
