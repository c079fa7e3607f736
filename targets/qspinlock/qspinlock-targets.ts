import type { SetupEnv, Target, Workload } from '../../harness';
import { QSPIN_OP_KINDS, qspinInstance } from './qspin-instance';
import type { QspinVariant } from './qspin-variants';
import { NATIVE_VARIANTS, PV_VARIANTS } from './qspin-variants';

const SHAPE = Object.freeze({
  threads: Object.freeze({ min: 1, max: 4, default: 3 }),
  opsPerThread: Object.freeze({ min: 1, max: 3, default: 1 }),
  opKinds: QSPIN_OP_KINDS,
});

function makeTarget(name: string, summary: string, variants: readonly QspinVariant[]): Target {
  return Object.freeze({
    name,
    summary,
    variants: variants.map((v) => v.spec),
    workload: SHAPE,
    spec: 'mutex',
    // normal executions take < 200 steps; a busy-polling head (v4.8 after a steal) under an
    // exhausted dfs budget spins to this bound before the fair continuation resolves it
    maxSteps: 600,
    setup(env: SetupEnv, variantName: string, workload: Workload) {
      const v = variants.find((x) => x.spec.name === variantName);
      if (v === undefined) throw new RangeError(`${name}: unknown variant '${variantName}' (valid: ${variants.map((x) => x.spec.name).join(', ')})`);
      return qspinInstance(env, `${name}:${variantName}`, v.config, v.hooks, workload, v.stateName);
    },
  });
}

/**
 * `qspinlock`: the native queued spinlock of Linux v4.2-v4.8 (seeds-qspinlock.md section 3).
 * Explored (3 cpus, workload [L] [L] [M{L}]): see qspinlock.test.ts for the schedule counts.
 */
export const qspinlockTarget: Target = makeTarget('qspinlock', 'Linux native queued spinlock (pending bit + MCS queue)', NATIVE_VARIANTS);

/**
 * `pvqspinlock`: the paravirt queued spinlock and its historical variants (seeds 000 and 001):
 * v4.7 (double hash), v4.7-two-locks (misdirected kick), v4.8 (the landed fix), the blind
 * pv_wait mutation, Peter Zijlstra's _Q_HASH_VAL proposal and Waiman Long's 2014 v13 design.
 */
export const pvqspinlockTarget: Target = makeTarget('pvqspinlock', 'Linux paravirt queued spinlock: hash table, pv_wait/pv_kick, lock stealing', PV_VARIANTS);
