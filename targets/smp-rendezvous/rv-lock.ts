import type { Prim, ThreadApi } from '../../harness';
import type { RvState } from './rv-state';

/**
 * mtx_lock_spin(&smp_ipi_mtx): disable interrupts, try the cmpxchg; on failure re-enable
 * them while spinning ("give interrupts a chance while we spin", FreeBSD _mtx_lock_spin),
 * so two concurrent initiators do not deadlock on each other's IPI (notes 1.2).
 */
export function* mtxLockSpin(t: ThreadApi, s: RvState): Prim<void> {
  for (;;) {
    t.irqDisable();
    t.at('mtx_lock_spin(&smp_ipi_mtx)');
    if ((yield* t.cmpxchg(s.mtx, 0, t.id + 1)) === 0) return;
    t.irqEnable();
    t.at('mtx_lock_spin(&smp_ipi_mtx): spin (irqs on)');
    yield* t.waitUntil(s.mtx, (v) => v === 0, 'smp_ipi_mtx == free');
  }
}

/** mtx_unlock_spin(&smp_ipi_mtx): plain store of "free", then restore interrupts. */
export function* mtxUnlockSpin(t: ThreadApi, s: RvState): Prim<void> {
  t.at('mtx_unlock_spin(&smp_ipi_mtx)');
  yield* t.writeOnce(s.mtx, 0);
  t.irqEnable();
}

/**
 * `while (READ(W[i]) < READ(smp_rv_ncpus)) cpu_spinwait();` as one read of smp_rv_ncpus
 * and one blocking wait on the counter (ncpus is the same for every call of a run, so
 * re-reading it in the loop adds no behaviour: seeds-qspinlock.md 2.5 "await").
 */
export function* waitCounter(t: ThreadApi, s: RvState, i: number, where: string): Prim<void> {
  t.at(`${where}: READ(smp_rv_ncpus)`);
  const n = yield* t.readOnce(s.rvNcpus);
  s.spin[t.id] = `smp_rv_waiters[${i}] < smp_rv_ncpus (${n})`;
  t.at(`${where}: spin while smp_rv_waiters[${i}] < ${n}`);
  yield* t.waitUntil(s.waiters[i], (v) => v >= n, `smp_rv_waiters[${i}] >= ${n}`);
  s.spin[t.id] = '';
}
