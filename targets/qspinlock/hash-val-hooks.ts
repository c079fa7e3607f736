import type { Prim, ThreadApi } from '../../harness';
import { Q_LOCKED_VAL } from './lock-word';
import { gotlock, pvStealLock, trylockClearPending } from './pv-common';
import { pvHash, pvUnhash } from './pv-hash-table';
import { pvKickOwed, pvWaitAs } from './qspin-prims';
import type { QLock, QNode, QspinWorld } from './qspin-world';
import { nodeWord } from './qspin-world';
import type { SlowpathHooks } from './slowpath-hooks';

/**
 * Peter Zijlstra's _Q_HASH_VAL proposal of seed 000 (seeds-qspinlock.md 5.4): hashing a lock
 * is serialised through its locked byte. Whoever wins `cmpxchg(locked, LOCKED -> HASH)` inserts
 * the one entry and then publishes SLOW; the head re-hashes after a steal, so it can halt again.
 */
export const Q_HASH_VAL = 3;
export const Q_SLOW_VAL_HV = 7;

/** Node states of the proposal: bit 0 = halted. */
export const NODE_RUNNING = 0;
export const NODE_HALTED = 1;
export const HEAD_RUNNING = 2;
export const HEAD_HALTED = 3;

const notHashing = (v: number): boolean => v !== Q_HASH_VAL;

export function hashValStateName(s: number): string {
  return ['node_running', 'node_halted', 'head_running', 'head_halted'][s] ?? `?${s}`;
}

function* waitNode(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode, prev: QNode): Prim<boolean> {
  const spins = w.config.spinThreshold;
  for (;;) {
    t.at('pv_wait_node');
    for (let i = 0; i < spins; i++) {
      if ((yield* t.readOnce(n.locked)) !== 0) return true;
      if (i < spins - 1 && ((yield* t.readOnce(prev.state)) & 1) !== 0) break;
    }
    yield* t.smp_store_mb(n.state, NODE_HALTED);
    // returns with state node_halted: the kicker may still turn it into head_running (harmless)
    if ((yield* t.readOnce(n.locked)) !== 0) return true;
    t.at('pv_wait_node:pv_wait');
    yield* pvWaitAs(t, w, n.state, NODE_HALTED, 1, l.index);
    t.at('pv_wait_node');
    yield* t.cmpxchg(n.state, NODE_HALTED, NODE_RUNNING);
  }
}

/** Hash `n` for `l` and publish SLOW; the caller won LOCKED -> HASH. */
function* hashAndPublish(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode): Prim<void> {
  yield* pvHash(t, w, l, n);
  yield* t.smp_store_release(l.locked, Q_SLOW_VAL_HV);
}

function* kickNode(t: ThreadApi, w: QspinWorld, l: QLock, _n: QNode, next: QNode): Prim<void> {
  t.at('pv_kick_node');
  if ((yield* t.cmpxchg(next.state, NODE_HALTED, HEAD_RUNNING)) !== NODE_HALTED) return;
  if ((yield* t.cmpxchg(l.locked, Q_LOCKED_VAL, Q_HASH_VAL)) === Q_LOCKED_VAL) yield* hashAndPublish(t, w, l, next);
}

function* waitHeadOrLock(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode): Prim<number> {
  const g = w.ghost;
  g.inHeadWait[t.id] = 1;
  for (;;) {
    t.at('pv_wait_head_or_lock');
    yield* t.writeOnce(n.state, HEAD_RUNNING);
    yield* t.writeOnce(l.pending, 1);
    for (let i = 0; i < w.config.spinThreshold; i++) {
      if (yield* trylockClearPending(t, l)) {
        g.inHeadWait[t.id] = 0;
        return yield* gotlock(t, l);
      }
    }
    yield* t.writeOnce(l.pending, 0);
    const lk = yield* t.cmpxchg(l.locked, Q_LOCKED_VAL, Q_HASH_VAL);
    if (lk === 0) continue; // free: retry the trylock
    if (lk === Q_LOCKED_VAL) {
      yield* hashAndPublish(t, w, l, n); // fresh, or a re-hash after a steal
    } else if (lk === Q_HASH_VAL) {
      t.at('pv_wait_head_or_lock:await_hash');
      yield* t.waitUntil(l.locked, notHashing, `${l.locked.name} != _Q_HASH_VAL`); // pv_kick_node is hashing us
    }
    t.at('pv_wait_head_or_lock');
    yield* t.writeOnce(n.state, HEAD_HALTED);
    t.at('pv_wait_head_or_lock:pv_wait');
    yield* pvWaitAs(t, w, l.locked, Q_SLOW_VAL_HV, 2, l.index);
  }
}

function* unlock(t: ThreadApi, w: QspinWorld, l: QLock): Prim<void> {
  t.at('pv_queued_spin_unlock');
  const lk = yield* t.cmpxchg(l.locked, Q_LOCKED_VAL, 0, 'release');
  if (lk === Q_LOCKED_VAL) {
    t.exitCritical(l.name);
    return;
  }
  t.at('pv_queued_spin_unlock_slowpath');
  if (lk !== Q_SLOW_VAL_HV && lk !== Q_HASH_VAL) {
    t.WARN_ON(true, `pvqspinlock: lock ${l.name} has corrupted value 0x${lk.toString(16)} at unlock`);
    return;
  }
  // wait for the hash insert to complete; when we already saw SLOW the read cannot fail (left out)
  if (lk === Q_HASH_VAL) yield* t.waitUntil(l.locked, notHashing, `${l.locked.name} != _Q_HASH_VAL`);
  // the PV unlock's smp_rmb (pv-hooks.ts): the hash entry is read after SLOW was seen
  if (w.weak && w.config.unlockRmb) yield* t.smp_rmb();
  const n = yield* pvUnhash(t, w, l);
  t.at('pv_queued_spin_unlock_slowpath');
  yield* t.smp_store_release(l.locked, 0);
  t.exitCritical(l.name);
  yield* pvKickOwed(t, w, n.cpu);
}

/** Hooks of the _Q_HASH_VAL proposal (variant C of the notes). */
export const HASH_VAL_HOOKS: SlowpathHooks = Object.freeze({
  family: 'hash-val',
  usesPending: false,
  initNodeWord: nodeWord(0, 0, NODE_RUNNING, 0),
  trylock: pvStealLock,
  waitNode,
  waitHead: waitHeadOrLock,
  afterHandoff: kickNode,
  unlock,
});
