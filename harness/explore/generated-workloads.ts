import { sampleRuns } from '../fuzz/run-sample';
import { deriveSeed } from '../strategy/prng';
import type { Workload, WorkloadShape } from '../target/target';
import type { AnyTarget } from '../target/any-target';
import { variantHint } from '../target/variant-hint';

/** Workloads drawn per chunk (one fast-check sample call). */
const CHUNK = 200;

/**
 * Whether `lockstep run` pins one workload (issue 13 item 2): a stated `--threads` / `--ops`,
 * an explicit workload, a variant that states its workload or its counts (VariantSpec.hint /
 * defaultWorkload: the author said what its bug needs) or the exhaustive strategy (which
 * enumerates schedules of ONE workload) pins it; otherwise every execution draws a workload
 * within the target's shape, as `fuzz` does.
 */
export function pinsWorkload(target: AnyTarget, variant: string, o: { readonly workload?: Workload; readonly threads?: number; readonly ops?: number; readonly strategy: string }): boolean {
  if (o.workload !== undefined || o.threads !== undefined || o.ops !== undefined || o.strategy === 'dfs') return true;
  return variantHint(target, variant) !== undefined;
}

/**
 * The workloads of a generated exploration: execution i gets the i-th draw of the fuzzer's
 * generator (fuzz/run-sample.ts: within the shape, at least two threads when allowed), drawn in chunks from
 * `deriveSeed(seed, 'run-workloads', chunk)`, so the sequence is a pure function of the seed.
 */
export class GeneratedWorkloads {
  private chunk = -1;
  private drawn: Workload[] = [];

  constructor(private readonly shape: WorkloadShape, private readonly seed: number) {}

  /** Workload of execution `i` (call with increasing i). */
  at(i: number): Workload {
    const c = Math.floor(i / CHUNK);
    if (c !== this.chunk) {
      this.chunk = c;
      this.drawn = sampleRuns(deriveSeed(this.seed, 'run-workloads', c), this.shape, CHUNK, 0).map((r) => r.workload);
    }
    return this.drawn[i - c * CHUNK]!;
  }
}

/** One line describing the generated workloads: `generated: 2-4 threads x 1-3 ops of lock|trylock`. */
export function describeGenerated(shape: WorkloadShape): string {
  const t = shape.threads.max < 2 || shape.threads.min >= 2 ? shape.threads.min : 2;
  const range = (a: number, b: number): string => (a === b ? `${a}` : `${a}-${b}`);
  const ops = range(shape.opsPerThread.min, shape.opsPerThread.max);
  return `generated per execution: ${range(t, shape.threads.max)} threads x ${ops} op${ops === '1' ? '' : 's'} of ${shape.opKinds.join('|')}`;
}
