import type { FuzzHost } from '../fuzz-host';
import { RACY_FLAG_TARGET, racyFlagEngine } from './racy-flag-engine';

/**
 * Host module of the fake engine for pool tests (`createFuzzHost` export). Thread 3 of the
 * `runaway` variant loops forever on its first step, to test the runaway watchdog.
 */
export function createFuzzHost(): FuzzHost {
  const plain = racyFlagEngine();
  const runaway = racyFlagEngine({ runawayThread: 3 });
  return {
    engine: {
      ...plain,
      execute: (req) => (req.variant === 'runaway' ? runaway.execute({ ...req, variant: 'racy' }) : plain.execute(req)),
    },
    resolveTarget: () => RACY_FLAG_TARGET,
  };
}
