import type { AnyTarget } from '../target/any-target';
import type { FuzzEngine } from './fuzz-engine';
import type { TargetRef } from './fuzz-types';

/**
 * What runs batches: an engine and a way to turn a TargetRef into a Target. A pool worker
 * builds one host from a module (`createFuzzHost()` export) named in its workerData, so
 * tests can run the pool on a fake engine.
 */
export interface FuzzHost {
  readonly engine: FuzzEngine;
  resolveTarget(ref: TargetRef): AnyTarget;
}

/** Shape of a host module. */
export interface FuzzHostModule {
  createFuzzHost(): FuzzHost;
}
