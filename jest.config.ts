/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// @swc/jest strips types only; `npm run typecheck` (tsc --noEmit) is the type check.
// Node 20 cannot load a TypeScript config itself: the docblock above names the loader.
const config: Config = {
  testEnvironment: 'node',
  roots: ['<rootDir>/harness', '<rootDir>/targets', '<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  testTimeout: 120000,
};

export default config;
