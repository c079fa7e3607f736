/**
 * `lockstep/jest`: a target's tests in a jest test file, and readable matchers.
 *
 * @example
 * ```ts
 * import { describeTarget } from 'lockstep/jest';
 * import spinlock from '../locks/spinlock';
 *
 * // one test per variant and memory model, one per saved corpus entry of the target
 * describeTarget(spinlock, { module: 'locks/spinlock.ts', runs: 2000 });
 * ```
 */
import { lockstepMatchers, type LockstepMatchers } from './matchers';
import { lockstepSuite, type LockstepTestOptions } from './lockstep-suite';
import type { AnyTarget } from '../target/any-target';
import { registerSuite, type DescribeApi } from './register-suite';

export { lockstepMatchers, type LockstepMatchers, type MatcherResult } from './matchers';
export { lockstepSuite, type LockstepCase, type LockstepSuite, type LockstepTestOptions } from './lockstep-suite';
export { checkVariant, DEFAULT_TEST_RUNS, type CheckedFinding, type VariantCheck, type VariantCheckOptions } from './variant-check';
export { checkCorpusEntry, corpusEntriesOf, type CorpusCheck } from './corpus-check';
export { LockstepTestFailure } from './lockstep-test-failure';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace jest {
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type
    interface Matchers<R> extends LockstepMatchers<R> {}
  }
}

/**
 * Declare a target's tests in a jest test file: a `describe` named after the target with one
 * test per variant and memory model (the variant must behave as it declares: clean, or the
 * expected kind of bug found within the budget) and, under `corpus`, one test per saved
 * corpus entry of the target (regression mode: a recorded bug of a buggy variant must still
 * reproduce, one of a variant expected clean must stay fixed). A failure's message is the
 * shrunk interleaving table and the replay command. `target` is a Target or a target file
 * (`locks/spinlock.ts`, relative to the working directory).
 */
export function describeTarget(target: AnyTarget | string, options: LockstepTestOptions = {}): void {
  const g = globalThis as unknown as Partial<DescribeApi>;
  if (typeof g.describe !== 'function' || typeof g.test !== 'function') {
    throw new Error('lockstep/jest: describe/test are not defined here: call describeTarget at the top level of a jest test file');
  }
  registerSuite(lockstepSuite(target, options), g as DescribeApi);
}

// the matchers are registered as soon as this module is loaded inside jest (like jest-extended)
const jestExpect = (globalThis as { expect?: { extend?: (m: object) => void } }).expect;
if (jestExpect !== undefined && typeof jestExpect.extend === 'function') jestExpect.extend(lockstepMatchers);
