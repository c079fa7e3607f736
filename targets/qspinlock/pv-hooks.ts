import type { Prim, ThreadApi } from '../../harness';
import { Q_LOCKED_VAL } from './lock-word';
import { gotlock, pvStealLock, trylockClearPending } from './pv-common';
import { pvHash, pvUnhash, pvUnhashSlot } from './pv-hash-table';
import { VCPU_HALTED, VCPU_HASHED, VCPU_RUNNING } from './qspin-config';
import { pvKickOwed, pvWaitAs } from './qspin-prims';
import type { QLock, QNode, QspinWorld } from './qspin-world';
import { nodeWord } from './qspin-world';
import type { SlowpathHooks } from './slowpath-hooks';

/** `_Q_SLOW_VAL`: held, and the unlocker must unhash and kick (seeds-qspinlock.md 4.1). */
export const Q_SLOW_VAL = 3;

/** Name of a 2016 node state, for traces. */
export function pvStateName(s: number): string {
  return s === VCPU_RUNNING ? 'running' : s === VCPU_HALTED ? 'halted' : s === VCPU_HASHED ? 'hashed' : `?${s}`;
}

/**
 * pv_wait_node (section 4.4): spin SPIN_THRESHOLD times on node.locked (leaving early when the
 * predecessor is not running), then publish `halted` with a full barrier, re-check and halt.
 * pv_wait_early is checked every iteration; on the last one it cannot change the outcome and
 * its read is left out.
 */
function* pvWaitNode(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode, prev: QNode): Prim<boolean> {
  const spins = w.config.spinThreshold;
  for (;;) {
    t.at('pv_wait_node');
    // a read of locked = 1 ends the wait: an acquire, standing in for the caller's
    // arch_mcs_spin_lock_contended (smp_cond_load_acquire) that the skeleton then skips
    for (let i = 0; i < spins; i++) {
      if ((yield* t.smp_load_acquire(n.locked)) !== 0) return true;
      if (i < spins - 1 && (yield* t.readOnce(prev.state)) !== VCPU_RUNNING) break;
    }
    // [S] state = halted; MB; [L] node.locked pairs with pv_kick_node's [S] next.locked; RmW state
    if (w.config.nodeStoreNoMb) yield* t.writeOnce(n.state, VCPU_HALTED);
    else yield* t.smp_store_mb(n.state, VCPU_HALTED);
    if ((yield* t.smp_load_acquire(n.locked)) === 0) {
      t.at('pv_wait_node:pv_wait');
      yield* pvWaitAs(t, w, n.state, VCPU_HALTED, 1, l.index);
      t.at('pv_wait_node');
    }
    // keep `hashed` if pv_kick_node advanced us meanwhile
    yield* t.cmpxchg(n.state, VCPU_HALTED, VCPU_RUNNING);
  }
}

/**
 * pv_kick_node (section 4.4), run by the new lock owner right after the MCS hand-off: if the
 * new head is halted, mark it hashed, set _Q_SLOW_VAL and hash it on its behalf (no kick now).
 */
function* pvKickNode(t: ThreadApi, w: QspinWorld, l: QLock, _n: QNode, next: QNode): Prim<void> {
  t.at('pv_kick_node');
  if ((yield* t.cmpxchg(next.state, VCPU_HALTED, VCPU_HASHED)) !== VCPU_HALTED) return;
  yield* t.writeOnce(l.locked, Q_SLOW_VAL);
  yield* pvHash(t, w, l, next);
}

/**
 * pv_wait_head_or_lock (section 4.4): spin with pending set (no stealing), then hash ONCE,
 * publish _Q_SLOW_VAL with xchg (taking the lock if it was free), then halt on the locked byte.
 * The state written before pv_wait is the variant's: v4.7 `halted` (the double-hash race,
 * section 5.2), v4.8 `hashed` (229ce631).
 */
function* pvWaitHeadOrLock(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode): Prim<number> {
  const g = w.ghost;
  const cfg = w.config;
  t.at('pv_wait_head_or_lock');
  let hashed = (yield* t.readOnce(n.state)) === VCPU_HASHED;
  g.inHeadWait[t.id] = 1;
  for (;;) {
    yield* t.writeOnce(n.state, VCPU_RUNNING);
    yield* t.writeOnce(l.pending, 1); // set_pending: forbid stealing while we spin
    for (let i = 0; i < cfg.spinThreshold; i++) {
      if (yield* trylockClearPending(t, l)) {
        g.inHeadWait[t.id] = 0;
        return yield* gotlock(t, l);
      }
    }
    yield* t.writeOnce(l.pending, 0); // clear_pending
    if (!hashed) {
      const slot = yield* pvHash(t, w, l, n);
      hashed = true;
      t.at('pv_wait_head_or_lock');
      if ((yield* t.xchg(l.locked, Q_SLOW_VAL)) === 0) {
        // the lock was free: we own it; undo the hash
        yield* t.writeOnce(l.locked, Q_LOCKED_VAL);
        yield* pvUnhashSlot(t, w, slot);
        g.inHeadWait[t.id] = 0;
        return yield* gotlock(t, l);
      }
    }
    yield* t.writeOnce(n.state, cfg.headWaitState);
    t.at('pv_wait_head_or_lock:pv_wait');
    yield* pvWaitAs(t, w, l.locked, Q_SLOW_VAL, 2, l.index);
    t.at('pv_wait_head_or_lock');
  }
}

/** __pv_queued_spin_unlock and its slowpath (section 4.4). */
function* pvUnlock(t: ThreadApi, w: QspinWorld, l: QLock): Prim<void> {
  t.at('pv_queued_spin_unlock');
  const lk = yield* t.cmpxchg(l.locked, Q_LOCKED_VAL, 0, 'release');
  if (lk === Q_LOCKED_VAL) {
    t.exitCritical(l.name);
    return;
  }
  t.at('pv_queued_spin_unlock_slowpath');
  if (lk !== Q_SLOW_VAL) {
    t.WARN_ON(true, `pvqspinlock: lock ${l.name} has corrupted value 0x${lk.toString(16)} at unlock`);
    return;
  }
  // "A failed cmpxchg doesn't provide any memory-ordering guarantees, so we need a barrier to
  // order the read of the node data in pv_unhash *after* we've read the lock being
  // _Q_SLOW_VAL": a no-op under sc and tso, where the step is left out
  if (w.weak && w.config.unlockRmb) yield* t.smp_rmb();
  const n = yield* pvUnhash(t, w, l);
  t.at('pv_queued_spin_unlock_slowpath');
  yield* t.smp_store_release(l.locked, 0); // release BEFORE kicking
  t.exitCritical(l.name);
  yield* pvKickOwed(t, w, n.cpu);
}

/** The 2016 PV hooks; `headWaitState` and `blindWait` in the config pick v4.7, v4.8 or the mutation. */
export const PV_HOOKS: SlowpathHooks = Object.freeze({
  family: 'pv',
  usesPending: false,
  initNodeWord: nodeWord(0, 0, VCPU_RUNNING, 0),
  trylock: pvStealLock,
  waitNode: pvWaitNode,
  waitHead: pvWaitHeadOrLock,
  afterHandoff: pvKickNode,
  unlock: pvUnlock,
});
