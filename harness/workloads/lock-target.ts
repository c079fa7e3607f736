import type { Expectation, Instance, SetupEnv, Target, VariantSpec, Workload, WorkloadShape } from '../target/target';
import { TargetError } from '../target/target-error';
import type { TargetSpec } from '../target/spec-for';
import { barrierInstance } from './barrier-workload';
import type { BarrierImpl, MutexImpl, RwLockImpl, SemaphoreImpl } from './lock-models';
import { mutexInstance } from './mutex-workload';
import { RWLOCK_OP_KINDS, rwlockInstance } from './rwlock-workload';
import { semaphoreInstance, SEMAPHORE_OP_KINDS } from './semaphore-workload';

/** Bounds of a workload dimension (threads, operations per thread). */
export interface WorkloadRange {
  readonly min: number;
  readonly max: number;
  readonly default: number;
}

/**
 * One variant of a lock target built by {@link mutexTarget} and its siblings: what a
 * VariantSpec says, plus the lock itself.
 */
export interface LockVariant<Impl> extends Omit<VariantSpec, 'expect'> {
  /** Expected result: one Expectation for every memory model, or one per model (`{ sc: 'clean', tso: 'violation' }`). */
  readonly expect: Expectation | VariantSpec['expect'];
  /**
   * Build this variant's lock for one execution: allocate its cells with `env.mem.cell(...)`
   * (never at module level: every execution starts from fresh memory) and keep per-thread
   * state indexed by `t.id`. `threads` is the workload's thread count.
   */
  create(env: SetupEnv, threads: number): Impl;
}

/** What every lock target builder takes. */
export interface LockTargetSpec<Impl> {
  /** Target name (`lockstep run <name>:<variant>`); no ':' or spaces. */
  readonly name: string;
  /** One line for `lockstep list`. */
  readonly summary: string;
  readonly variants: readonly LockVariant<Impl>[];
  /** Thread count bounds (each builder has a default). */
  readonly threads?: Partial<WorkloadRange>;
  /** Operations per thread bounds (default 1..3, 2). */
  readonly opsPerThread?: Partial<WorkloadRange>;
  /** Step bound of one execution (default 2000). */
  readonly maxSteps?: number;
  /** Thread name prefix: `cpu` for spinlocks (default), `task` for sleeping locks. */
  readonly threadPrefix?: string;
}

/** {@link mutexTarget}'s spec: `trylock: true` when the locks implement `trylock`. */
export interface MutexTargetSpec extends LockTargetSpec<MutexImpl> {
  readonly trylock?: boolean;
}

/** {@link semaphoreTarget}'s spec: the initial permits, and whether the models implement `tryAcquire`. */
export interface SemaphoreTargetSpec extends LockTargetSpec<SemaphoreImpl> {
  readonly permits: number;
  readonly tryAcquire?: boolean;
}

/**
 * {@link barrierTarget}'s spec: every thread is a party. `parties` fixes their number;
 * without it the thread count varies within `threads` and the barrier is built for it.
 */
export interface BarrierTargetSpec extends LockTargetSpec<BarrierImpl> {
  readonly parties?: number;
}

/**
 * A mutual-exclusion lock target: you write the lock (`lock`, `unlock`, optionally `trylock`)
 * per variant, the harness writes the workload ({@link mutexInstance}): the history checked
 * against the `mutex` spec, the critical-section occupancy check and the lost-update counter.
 * Operation kinds `lock` (and `trylock`).
 *
 * @example
 * ```ts
 * export default mutexTarget({
 *   name: 'my-spinlock',
 *   summary: 'test-and-set spinlock',
 *   variants: [
 *     { name: 'correct', summary: 'cmpxchg', expect: 'clean', create: (env) => tasLock(env, true) },
 *     { name: 'check-then-set', summary: 'BUG: load, then store', expect: 'violation', create: (env) => tasLock(env, false) },
 *   ],
 * });
 * ```
 */
export function mutexTarget(spec: MutexTargetSpec): Target {
  const kinds = spec.trylock ? ['lock', 'trylock'] : ['lock'];
  return lockTarget(spec, 'mutex', kinds, { min: 2, max: 4, default: 3 }, (env, w, impl) => {
    if (spec.trylock && !impl.trylock) throw new TargetError(`${spec.name}: declared trylock: true, but this variant's lock has no trylock method`);
    return mutexInstance(env, w, impl, { target: spec.name, ...(spec.threadPrefix !== undefined ? { threadPrefix: spec.threadPrefix } : {}) });
  });
}

/**
 * A reader-writer lock target ({@link rwlockInstance}): operation kinds `mixed` (thread 0
 * writes, the others read), `read` and `write`; history against the `rwlock` spec, readers
 * beside a writer and lost writes are violations.
 */
export function rwlockTarget(spec: LockTargetSpec<RwLockImpl>): Target {
  return lockTarget(spec, 'rwlock', RWLOCK_OP_KINDS, { min: 2, max: 4, default: 3 }, (env, w, impl) =>
    rwlockInstance(env, w, impl, { target: spec.name, ...(spec.threadPrefix !== undefined ? { threadPrefix: spec.threadPrefix } : {}) }));
}

/**
 * A counting semaphore target ({@link semaphoreInstance}): operation kinds `acquire` (and
 * `try-acquire`); more than `permits` holders, a history that `semaphore:<permits>` rejects
 * or permits lost at the end are violations.
 */
export function semaphoreTarget(spec: SemaphoreTargetSpec): Target {
  if (!Number.isInteger(spec.permits) || spec.permits < 1) throw new TargetError(`${spec.name}: permits must be a positive integer, got ${JSON.stringify(spec.permits)}`);
  const kinds = spec.tryAcquire ? SEMAPHORE_OP_KINDS : SEMAPHORE_OP_KINDS.slice(0, 1);
  return lockTarget(spec, `semaphore:${spec.permits}`, kinds, { min: 2, max: 4, default: spec.permits + 1 }, (env, w, impl) => {
    if (spec.tryAcquire && !impl.tryAcquire) throw new TargetError(`${spec.name}: declared tryAcquire: true, but this variant's semaphore has no tryAcquire method`);
    return semaphoreInstance(env, w, impl, { target: spec.name, permits: spec.permits, ...(spec.threadPrefix !== undefined ? { threadPrefix: spec.threadPrefix } : {}) });
  });
}

/**
 * A barrier target ({@link barrierInstance}): every thread is a party (`create` gets their
 * number); operation kind `await` (rounds = the longest operation list). Leaving a round
 * early, or not seeing the others' work of the round afterwards, is a violation; the history
 * is checked against `barrier:<threads>`.
 */
export function barrierTarget(spec: BarrierTargetSpec): Target {
  const p = spec.parties;
  if (p !== undefined && (!Number.isInteger(p) || p < 1)) throw new TargetError(`${spec.name}: parties must be a positive integer, got ${JSON.stringify(p)}`);
  const threads = p !== undefined ? { min: p, max: p, default: p } : { min: 2, max: 4, default: 3 };
  return lockTarget(p !== undefined ? { ...spec, threads } : spec, (w) => `barrier:${w.ops.length}`, ['await'], threads, (env, w, impl) =>
    barrierInstance(env, w, impl, { target: spec.name, ...(spec.threadPrefix !== undefined ? { threadPrefix: spec.threadPrefix } : {}) }));
}

/** The shared builder: variants with their lock factories, a workload shape, and the workload instance. */
function lockTarget<Impl>(
  spec: LockTargetSpec<Impl>,
  checker: TargetSpec,
  opKinds: readonly string[],
  threads: WorkloadRange,
  instance: (env: SetupEnv, workload: Workload, impl: Impl) => Instance,
): Target {
  const creators = new Map<string, LockVariant<Impl>['create']>();
  const variants: VariantSpec[] = spec.variants.map((v) => {
    const { create, expect, ...rest } = v;
    if (typeof create !== 'function') throw new TargetError(`${spec.name}: variant '${v.name}' has no create(env, threads) function building its lock`);
    creators.set(v.name, create);
    return { ...rest, expect: typeof expect === 'string' ? { sc: expect, tso: expect } : expect };
  });
  const workload: WorkloadShape = {
    threads: { ...threads, ...spec.threads },
    opsPerThread: { min: 1, max: 3, default: 2, ...spec.opsPerThread },
    opKinds: [...opKinds],
  };
  return {
    name: spec.name,
    summary: spec.summary,
    variants,
    workload,
    spec: checker,
    ...(spec.maxSteps !== undefined ? { maxSteps: spec.maxSteps } : {}),
    setup(env, variant, w) {
      const create = creators.get(variant);
      if (create === undefined) throw new TargetError(`${spec.name}: unknown variant '${variant}' (expected one of: ${[...creators.keys()].join(', ')})`);
      return instance(env, w, create(env, w.ops.length));
    },
  };
}
