import type { Cell, Prim, PvWaitResult, ThreadApi } from '../../harness';
import type { QspinWorld } from './qspin-world';

/** Predicates of the unbounded spins (allocated once: waitUntil takes a function). */
export const isNonZero = (v: number): boolean => v !== 0;
const never = (): boolean => false;

/**
 * BUG(): report, then stop this cpu for good (the kernel oopses; the cpu never returns to the
 * lock code). The runtime ends the execution at the violation; the halt is a fallback.
 */
export function* bug(t: ThreadApi, cell: Cell, message: string): Prim<never> {
  t.BUG_ON(true, message);
  for (;;) yield* t.waitUntil(cell, never, 'BUG(): cpu stopped');
}

/**
 * pv_wait(ptr, val) as the variant's hypervisor implements it: the documented contract
 * re-checks *ptr (KVM, Xen); the blind-wait mutation halts regardless (section 5.1).
 * Ghost: the cpu is marked as waiting (kind 1 = node, 2 = head) for the liveness analysis.
 */
export function* pvWaitAs(t: ThreadApi, w: QspinWorld, ptr: Cell | null, val: number, kind: 1 | 2, lock: number): Prim<PvWaitResult> {
  const g = w.ghost;
  g.waitKind[t.id] = kind;
  g.waitLock[t.id] = lock;
  const r = yield* t.pvWait(w.config.blindWait ? null : ptr, val);
  g.waitKind[t.id] = 0;
  g.waitLock[t.id] = -1;
  if (kind === 2 && r === 'mismatch') g.headMismatch[t.id]++;
  if (r === 'token') g.kickToken[t.id] = 0;
  else if (r === 'mismatch' && g.kickAmbiguous[t.id] === 1) g.kickToken[t.id] = 1;
  g.kickAmbiguous[t.id] = 0;
  return r;
}

/** pv_kick(cpu) by an unlocker that owed it (ghost: kick owed -> sent). */
export function* pvKickOwed(t: ThreadApi, w: QspinWorld, cpu: number): Prim<void> {
  yield* t.pvKick(cpu);
  const g = w.ghost;
  if (g.kickOwed[cpu] > 0) g.kickOwed[cpu]--;
  g.kicksSent[cpu]++;
  if (g.waitKind[cpu] === 0) g.kickToken[cpu] = 1;
  else g.kickAmbiguous[cpu] = 1;
}
