import type { Instance, Prim, SetupEnv, ThreadApi, ThreadSpec, Workload } from '../../harness';
import type { Peek } from './qspin-checks';
import { checkAtEnd, checkInvariant } from './qspin-checks';
import type { QspinConfig } from './qspin-config';
import { describeWorld } from './qspin-describe';
import type { QLock } from './qspin-world';
import { QspinWorld } from './qspin-world';
import { queuedSpinLock } from './queued-spin-lock';
import type { SlowpathHooks } from './slowpath-hooks';

/**
 * Operation kinds of the qspinlock workloads. `L`: lock L, critical section, unlock L.
 * `ML`: lock M, lock L, unlock L, unlock M (a nested second lock that shares L's hash bucket,
 * the two-lock configuration of seeds-qspinlock.md 5.2). Every kind takes L, so the default
 * workload (which mixes every kind in once) keeps all cpus contending on L.
 */
export const QSPIN_OP_KINDS: readonly string[] = Object.freeze(['L', 'ML']);

/** Lock names a workload needs: L always, M when some thread nests. */
function lockNames(target: string, workload: Workload): string[] {
  let nested = false;
  workload.ops.forEach((row, i) => {
    for (const op of row) {
      if (op === 'ML') nested = true;
      else if (op !== 'L') throw new RangeError(`${target}: thread ${i} has operation '${op}'; valid operations are ${QSPIN_OP_KINDS.join(', ')}`);
    }
  });
  return nested ? ['L', 'M'] : ['L'];
}

/**
 * Build one execution: cpus cpu0..cpuN run their operations in order; each lock operation is
 * a history `acquire` (call before queued_spin_lock, ok when it returns) and `release` (call
 * at unlock entry, ok when it returns) on lock L, with the runtime's occupancy check
 * from the acquire's return to the releasing store.
 */
export function qspinInstance(
  env: SetupEnv,
  target: string,
  config: QspinConfig,
  hooks: SlowpathHooks,
  workload: Workload,
  stateName: (s: number) => string,
): Instance {
  if (workload.ops.length === 0) throw new RangeError(`${target}: the workload needs at least one cpu`);
  const w = new QspinWorld(env.mem, config, workload.ops.length, lockNames(target, workload), stateName, env.memory === 'arm64-lite');
  const ctx: { peek: Peek | undefined } = { peek: undefined };

  const threads: ThreadSpec[] = workload.ops.map((ops, i) => ({
    name: `cpu${i}`,
    body: (t: ThreadApi) => cpuThread(t, w, hooks, ctx, ops),
  }));

  return {
    threads,
    invariant: () => (ctx.peek === undefined ? undefined : checkInvariant(w, ctx.peek)),
    atEnd: () => (ctx.peek === undefined ? undefined : checkAtEnd(w, ctx.peek)),
    describe: () => (ctx.peek === undefined ? [] : describeWorld(w, ctx.peek)),
  };
}

// Generator functions live at module level (targets/classic/README.md "Code shape (speed)"):
// one created per execution gets its own hidden class and makes every `yield*` of it uncached.

/** One cpu: its operations in order, each a lock/unlock pair of L (and M around it for `ML`). */
function* cpuThread(t: ThreadApi, w: QspinWorld, hooks: SlowpathHooks, ctx: { peek: Peek | undefined }, ops: readonly string[]): Prim<void> {
  ctx.peek ??= (c) => t.peek(c);
  const L = w.locks[0];
  for (const op of ops) {
    if (op === 'ML') {
      const M = w.locks[1];
      yield* acquire(t, w, hooks, M);
      yield* acquire(t, w, hooks, L);
      yield* release(t, w, hooks, L);
      yield* release(t, w, hooks, M);
    } else {
      yield* acquire(t, w, hooks, L);
      yield* release(t, w, hooks, L);
    }
  }
  t.at('done');
}

// The mutex spec has one lock and no partition key: the history records L; M (the nested
// lock of `ML`) is judged by the occupancy check and the invariants only.
function* acquire(t: ThreadApi, w: QspinWorld, hooks: SlowpathHooks, l: QLock): Prim<void> {
  const record = l.index === 0;
  if (record) t.invoke('acquire', undefined, l.name);
  yield* queuedSpinLock(t, w, hooks, l);
  if (record) t.ok();
  w.ghost.owner[l.index] = t.id;
  t.at('critical section');
  t.enterCritical(l.name);
}

function* release(t: ThreadApi, w: QspinWorld, hooks: SlowpathHooks, l: QLock): Prim<void> {
  const record = l.index === 0;
  if (record) t.invoke('release', undefined, l.name);
  w.ghost.owner[l.index] = -1;
  yield* hooks.unlock(t, w, l);
  if (record) t.ok();
}
