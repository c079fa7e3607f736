import type { RunawayGuard } from '../runaway/runaway-guard';
import { engineAdapter } from './default-host';
import type { FuzzEngine } from './fuzz-engine';

/** The real engine with every execution run as a guarded section (runaway/runaway-guard.ts). */
export function guardedEngine(guard: RunawayGuard, engine: FuzzEngine = engineAdapter()): FuzzEngine {
  return { ...engine, execute: guard.wrapExecute(engine.execute.bind(engine)) };
}
