import type { Prim, ThreadApi } from '../../harness';
import { encodeTail, MAX_NODES, Q_LOCKED_MASK, Q_LOCKED_PENDING_MASK, Q_LOCKED_VAL, Q_PENDING_VAL, Q_TAIL_MASK, Q_TAIL_OFFSET, tailToRef } from './lock-word';
import { isNonZero } from './qspin-prims';
import type { QLock, QNode, QspinWorld } from './qspin-world';
import type { SlowpathHooks } from './slowpath-hooks';

const notPendingOnly = (v: number): boolean => v !== Q_PENDING_VAL;
const notLocked = (v: number): boolean => (v & Q_LOCKED_MASK) === 0;
const lockedPendingClear = (v: number): boolean => (v & Q_LOCKED_PENDING_MASK) === 0;

/** queued_spin_lock: the generic fast path, then the variant's slowpath (seeds-qspinlock.md 3). */
export function* queuedSpinLock(t: ThreadApi, w: QspinWorld, hooks: SlowpathHooks, l: QLock): Prim<void> {
  t.at('queued_spin_lock');
  const v = yield* t.cmpxchg(l.val, 0, Q_LOCKED_VAL, 'acquire');
  if (v === 0) return;
  yield* slowpath(t, w, hooks, l, v);
}

/** The native head wait: spin until (*, 0, 0) (`smp_cond_acquire`). */
export function* nativeHeadWait(t: ThreadApi, l: QLock): Prim<number> {
  t.at('head_wait');
  return yield* t.waitUntil(l.val, lockedPendingClear, `${l.name} (*,0,0)`, 'acquire');
}

/**
 * Native pending path (section 3, steps 1-3): wait out a pending->locked hand-over, then
 * trylock or set pending; the pending waiter spins for the owner to leave. True = lock taken.
 */
function* pendingPath(t: ThreadApi, l: QLock, first: number): Prim<boolean> {
  t.at('slowpath:pending');
  let v = first;
  if (v === Q_PENDING_VAL) v = yield* t.waitUntil(l.val, notPendingOnly, `${l.name} != (0,1,0)`);
  let nw = Q_LOCKED_VAL;
  for (;;) {
    if ((v & ~Q_LOCKED_MASK) !== 0) return false;
    nw = v === Q_LOCKED_VAL ? Q_LOCKED_VAL | Q_PENDING_VAL : Q_LOCKED_VAL;
    const old = yield* t.cmpxchg(l.val, v, nw, 'acquire');
    if (old === v) break;
    v = old;
  }
  if (nw === Q_LOCKED_VAL) return true;
  t.at('slowpath:pending_wait');
  yield* t.waitUntil(l.val, notLocked, `${l.name} (*,1,0)`, 'acquire');
  // clear_pending_set_locked: one 16-bit store (*,1,0) -> (*,0,1)
  yield* t.writeOnce(l.lockedPending, Q_LOCKED_VAL);
  return true;
}

function enterSlowpath(t: ThreadApi, w: QspinWorld, l: QLock): void {
  w.ghost.slowpathLock[t.id] = l.index;
}

function leaveSlowpath(t: ThreadApi, w: QspinWorld, queued: boolean): void {
  const g = w.ghost;
  if (queued) g.count[t.id]--;
  g.slowpathLock[t.id] = -1;
}

/** Ghost: `cpu` becomes the MCS queue head of `l` (I-MCS: at most one per lock). */
function becomeHead(t: ThreadApi, w: QspinWorld, l: QLock, cpu: number): void {
  const g = w.ghost;
  const cur = g.mcsHead[l.index];
  t.assert(cur === -1, `I-MCS: cpu${cpu} becomes queue head of ${l.name} while cpu${cur} still is`);
  g.mcsHead[l.index] = cpu;
}

/** queued_spin_lock_slowpath with the variant's hooks (section 3). */
function* slowpath(t: ThreadApi, w: QspinWorld, hooks: SlowpathHooks, l: QLock, first: number): Prim<void> {
  const me = t.id;
  const g = w.ghost;
  enterSlowpath(t, w, l);
  if (hooks.usesPending && (yield* pendingPath(t, l, first))) {
    leaveSlowpath(t, w, false);
    return;
  }
  t.at('queue');
  const idx = g.count[me]++;
  // the kernel has MAX_NODES levels (task, softirq, hardirq, NMI); without interrupt contexts
  // only level 0 is allocated, so a second level means a leaked node count
  t.BUG_ON(idx >= Math.min(MAX_NODES, w.nodes[me].length), `cpu${me}: queue node level ${idx} in use (node count leaked)`);
  const tail = encodeTail(me, idx);
  const n = w.nodes[me][idx];
  yield* t.writeOnce(n.word, hooks.initNodeWord);
  if (hooks.initNodeExtra) yield* hooks.initNodeExtra(t, w, n);
  if (yield* hooks.trylock(t, w, l)) {
    leaveSlowpath(t, w, true);
    return;
  }
  if (w.config.nodeInitWmb) {
    // v4.18: the node is initialised before xchg_tail publishes it and before prev->next links it
    t.at('smp_wmb');
    yield* t.smp_wmb();
  }
  t.at('xchg_tail');
  const old = ((yield* t.xchg(l.tail, tail >>> Q_TAIL_OFFSET, w.config.tailOrder)) << Q_TAIL_OFFSET) >>> 0;
  if ((old & Q_TAIL_MASK) === 0) becomeHead(t, w, l, me);
  let next = 0;
  if (hooks.linkAndWait) {
    next = yield* hooks.linkAndWait(t, w, l, n, old);
  } else if ((old & Q_TAIL_MASK) !== 0) {
    const prev = w.node(tailToRef(old));
    t.at('mcs_link');
    yield* t.writeOnce(prev.next, n.ref);
    const seen = hooks.waitNode ? yield* hooks.waitNode(t, w, l, n, prev) : false;
    // arch_mcs_spin_lock_contended; skipped when pv_wait_node already saw locked set (a re-read cannot fail)
    if (!seen) {
      t.at('mcs_spin_lock_contended');
      yield* t.waitUntil(n.locked, isNonZero, `${n.locked.name} != 0`, 'acquire');
    }
    next = yield* t.readOnce(n.next);
  }
  let v = yield* hooks.waitHead(t, w, l, n);
  t.at('claim');
  for (;;) {
    if (((v & Q_TAIL_MASK) >>> 0) !== tail) {
      yield* t.writeOnce(l.locked, Q_LOCKED_VAL); // set_locked
      break;
    }
    // the head already has acquire order from its wait: atomic_cmpxchg_relaxed
    const seen = yield* t.cmpxchg(l.val, v, Q_LOCKED_VAL, 'relaxed');
    if (seen === v) {
      g.mcsHead[l.index] = -1;
      leaveSlowpath(t, w, true);
      return;
    }
    v = seen;
  }
  g.mcsHead[l.index] = -1;
  if (next === 0) {
    t.at('mcs_wait_next');
    next = yield* t.waitUntil(n.next, isNonZero, `${n.next.name} != NULL`);
  }
  yield* handoff(t, w, hooks, l, n, w.node(next));
  leaveSlowpath(t, w, true);
}

/** arch_mcs_spin_unlock_contended, then the variant's kick hook. */
function* handoff(t: ThreadApi, w: QspinWorld, hooks: SlowpathHooks, l: QLock, n: QNode, next: QNode): Prim<void> {
  t.at('mcs_handoff');
  yield* t.smp_store_release(next.locked, 1);
  becomeHead(t, w, l, next.cpu);
  if (hooks.afterHandoff) yield* hooks.afterHandoff(t, w, l, n, next);
}
