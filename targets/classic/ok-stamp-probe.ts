import type { MemoryModelName, Target, Workload } from '../../harness';
import { checkHistory } from '../../harness/checker';
import { explore } from '../../harness/explore/explore';
import type { ExploreResult } from '../../harness/explore/explore-options';
import type { Operation } from '../../harness/history/operation';
import { runExecution } from '../../harness/runtime/execute';
import type { ExecutionOutcome } from '../../harness/runtime/outcome';
import { specFor } from '../../harness/target/spec-for';

/**
 * The history of `out` stamped the way the engine did before TSO-visible returns: every
 * operation returns at the step where its thread called ok(), even with stores of its own
 * still buffered. Needs a traced outcome (the `return` rows give those steps; a thread's
 * n-th `return` row is its n-th operation, as a thread has one open operation at a time).
 */
export function stampedAtOk(out: ExecutionOutcome): Operation[] {
  if (out.trace === undefined) throw new Error('stampedAtOk needs an outcome recorded with recordTrace');
  const okSteps = new Map<number, number[]>();
  for (const row of out.trace) {
    if (row.op !== 'return') continue;
    const steps = okSteps.get(row.thread);
    if (steps === undefined) okSteps.set(row.thread, [row.step]);
    else steps.push(row.step);
  }
  const seen = new Map<number, number>();
  return out.history.map((op) => {
    const k = seen.get(op.process) ?? 0;
    seen.set(op.process, k + 1);
    const step = okSteps.get(op.process)?.[k];
    return step === undefined ? op : { ...op, ret: step };
  });
}

/** An exhaustive search and how many of its clean histories ok()-stamping would have rejected. */
export interface OkStampProbe {
  readonly result: ExploreResult;
  /** Executions judged clean whose history, stamped at ok(), is not linearizable. */
  readonly rejectedAtOk: number;
}

/**
 * Bounded exhaustive search (dfs, K = `preemptions`) of `variant` with every execution traced,
 * counting the executions the checker passes but would reject under ok()-stamping. A count
 * above 0 shows that the bounded space really contains the x86 behaviour that the
 * TSO-visible return (Burckhardt et al., ESOP 2012) is needed for, e.g. a trylock that fails
 * while a released lock word still sits in the releaser's store buffer.
 */
export async function probeOkStamping(target: Target, variant: string, memory: MemoryModelName, preemptions: number, workload: Workload, seed: number): Promise<OkStampProbe> {
  const spec = specFor(target, variant, workload);
  if (spec === undefined) throw new Error(`${target.name} has no spec to check histories against`);
  let rejectedAtOk = 0;
  const result = await explore(
    { target, variant, memory, strategy: 'dfs', seed, preemptions, runs: 2_000_000, workload },
    {
      execute: (opts) => {
        const out = runExecution({ ...opts, recordTrace: true });
        if (out.verdict === 'ok' && out.history.length > 0 && checkHistory(spec, stampedAtOk(out)).verdict === 'not-linearizable') {
          rejectedAtOk++;
        }
        return out;
      },
    },
  );
  return { result, rejectedAtOk };
}
