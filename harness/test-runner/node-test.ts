/**
 * `lockstep/node-test`: a target's tests with Node's built-in test runner (`node --test`).
 *
 * @example
 * ```ts
 * import { describeTarget } from 'lockstep/node-test';
 * import spinlock from '../locks/spinlock';
 * describeTarget(spinlock, { module: 'locks/spinlock.ts' });
 * ```
 */
import { describe, test } from 'node:test';
import { lockstepSuite, type LockstepTestOptions } from './lockstep-suite';
import type { AnyTarget } from '../target/any-target';

export { lockstepMatchers, type LockstepMatchers, type MatcherResult } from './matchers';
export { lockstepSuite, type LockstepCase, type LockstepSuite, type LockstepTestOptions } from './lockstep-suite';
export { checkVariant, DEFAULT_TEST_RUNS, type CheckedFinding, type VariantCheck, type VariantCheckOptions } from './variant-check';
export { checkCorpusEntry, corpusEntriesOf, type CorpusCheck } from './corpus-check';
export { LockstepTestFailure } from './lockstep-test-failure';

/**
 * Declare a target's tests with node:test (the same tests as lockstep/jest's describeTarget):
 * a `describe` per target, a test per variant and memory model, a test per corpus entry.
 */
export function describeTarget(target: AnyTarget | string, options: LockstepTestOptions = {}): void {
  const suite = lockstepSuite(target, options);
  void describe(suite.name, () => {
    for (const c of suite.cases) void test(c.name, { timeout: suite.timeout }, () => c.run());
    if (suite.corpus.length > 0) {
      void describe('corpus', () => {
        for (const c of suite.corpus) void test(c.name, { timeout: suite.timeout, skip: c.skip === true }, () => c.run());
      });
    }
  });
}
