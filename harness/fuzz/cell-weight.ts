import type { MemoryModelName } from '../memory/memory-model';
import type { WorkloadShape } from '../target/target';

/**
 * Time-budget weight of a campaign cell: the number of schedulable entities of the largest
 * workload the target accepts -- its most threads, doubled under tso and arm64-lite, where
 * each cpu's store buffer is one more entity that the strategies schedule (PCT counts them
 * so, pct.ts).
 *
 * Why: PCT's guarantee (Burckhardt et al. 2010) is that one run hits a given depth-d bug with
 * probability at least 1 / (n k^(d-1)), n entities and k steps; equal runs per cell would give
 * the cells with more entities a weaker residual-risk bound and fewer chances at their bugs.
 * Runs proportional to n equalise the n factor. The rule reads only the target's declared
 * workload shape and the memory model -- never the variant's expectation nor any result -- so
 * the plan (and hence the findings) stays a pure function of the campaign's inputs, the same
 * for every shard and worker count.
 */
export function cellWeight(shape: WorkloadShape, memory: MemoryModelName, kind: 'generator' | 'async' = 'generator'): number {
  const threads = Math.max(1, Math.floor(shape.threads.max));
  const entities = memory === 'sc' ? threads : 2 * threads;
  return kind === 'async' ? entities : GENERATOR_BATCH_FACTOR * entities;
}

/**
 * Batches a generator cell gets per batch of an async cell of the same weight. An async
 * execution awaits a real macrotask hop per event and runs real library code: measured about
 * 8 times the CPU of a generator execution of the same size (bench `async` vs `engine`: ~150 µs
 * against ~20 µs for 3 tasks x 3 operations with the history checked). Without this factor the
 * async cells would take most of a time budget. It depends only on the target's kind, so the
 * plan stays a pure function of the campaign's inputs; every cell still gets its first batch
 * in the first round, and generator cells keep their relative weights.
 */
export const GENERATOR_BATCH_FACTOR = 8;
