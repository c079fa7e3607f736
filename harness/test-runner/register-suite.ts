import type { LockstepSuite } from './lockstep-suite';

/** The `describe` / `test` pair of jest and vitest (same signatures; node:test differs in its options). */
export interface DescribeApi {
  describe(name: string, fn: () => void): void;
  test: {
    (name: string, fn: () => Promise<void>, timeout?: number): void;
    skip(name: string, fn: () => Promise<void>, timeout?: number): void;
  };
}

/**
 * Register a suite with a jest-style runner: a `describe` named after the target with a test
 * per case and, when there are corpus entries, a nested `corpus` describe with one test each
 * (entries marked skip are registered as skipped tests, so they still show in the report).
 */
export function registerSuite(suite: LockstepSuite, { describe, test }: DescribeApi): void {
  describe(suite.name, () => {
    for (const c of suite.cases) test(c.name, () => c.run(), suite.timeout);
    if (suite.corpus.length > 0) {
      describe('corpus', () => {
        for (const c of suite.corpus) (c.skip ? test.skip : test)(c.name, () => c.run(), suite.timeout);
      });
    }
  });
}
