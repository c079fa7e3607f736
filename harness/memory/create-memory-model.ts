import { Arm64LiteMemory } from './arm64-lite-memory';
import { MEMORY_MODELS, type MemoryModel, type MemoryModelName } from './memory-model';
import { ScMemory } from './sc-memory';
import { TsoMemory } from './tso-memory';

/**
 * Build the memory model `name` for `cpus` cpus over `initial`, which it takes over (pass a
 * copy to keep one). `step` tells arm64-lite the current step number (it notes when each write
 * committed, for history checking); the others ignore it.
 */
export function createMemoryModel(name: MemoryModelName, initial: Uint32Array, cpus: number, step: () => number = () => 0): MemoryModel {
  switch (name) {
    case 'sc':
      return new ScMemory(initial);
    case 'tso':
      return new TsoMemory(initial, cpus);
    case 'arm64-lite':
      return new Arm64LiteMemory(initial, cpus, step);
    default:
      throw new RangeError(`unknown memory model '${String(name)}' (expected ${MEMORY_MODELS.join(', ')})`);
  }
}
