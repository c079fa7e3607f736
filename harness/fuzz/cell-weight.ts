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
export function cellWeight(shape: WorkloadShape, memory: MemoryModelName): number {
  const threads = Math.max(1, Math.floor(shape.threads.max));
  return memory === 'sc' ? threads : 2 * threads;
}
