import type { Prim, ThreadApi } from '../../harness';
import { formatRef, Q_LOCKED_PENDING_MASK, Q_LOCKED_VAL, Q_TAIL_MASK, tailToRef } from './lock-word';
import { genericTrylock } from './native-hooks';
import { bug, isNonZero, pvKickOwed, pvWaitAs } from './qspin-prims';
import type { QLock, QNode, QspinWorld } from './qspin-world';
import { headCell, nodeWord } from './qspin-world';
import type { SlowpathHooks } from './slowpath-hooks';

/**
 * Waiman Long's v13 (2014) PV design of seed 001 (seeds-qspinlock.md 6.2): no hash table;
 * every queued node records the queue head, the unlocker finds it through the tail node, and
 * `_Q_LOCKED_SLOWPATH` in the locked byte asks the unlocker to kick. `mayhalt` lets the new
 * owner skip a barrier in pv_wait_check: the StoreLoad window of 6.3 iii under TSO.
 */
export const Q_LOCKED_SLOWPATH = 3;
export const CPU_ACTIVE = 1;
export const CPU_KICKED = 2;
/** HALTED = -1 as a byte. */
export const CPU_HALTED = 0xff;

const lockedPendingClear = (v: number): boolean => (v & Q_LOCKED_PENDING_MASK) === 0;

export function v13StateName(s: number): string {
  return s === CPU_ACTIVE ? 'ACTIVE' : s === CPU_KICKED ? 'KICKED' : s === CPU_HALTED ? 'HALTED' : `?${s}`;
}

/** pv_set_head_in_tail: make the current tail node point at head `h`, following tail changes. */
function* setHeadInTail(t: ThreadApi, w: QspinWorld, l: QLock, h: QNode): Prim<void> {
  t.at('pv_set_head_in_tail');
  let ref = tailToRef(yield* t.readOnce(l.val));
  for (;;) {
    if (ref === 0) return yield* bug(t, l.val, `pv_set_head_in_tail: ${l.name} has no queue tail`);
    const tn = w.node(ref);
    yield* t.waitUntil(headCell(tn), isNonZero, `${headCell(tn).name} != INVALID`);
    yield* t.writeOnce(headCell(tn), h.ref);
    const now = tailToRef(yield* t.readOnce(l.val));
    if (now === ref) return;
    ref = now;
  }
}

/** pv_link_and_wait_node: link behind prev, learn the head from it, spin, then halt with mayhalt set. */
function* linkAndWait(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode, old: number): Prim<number> {
  const cfg = w.config;
  const nHead = headCell(n);
  t.at('pv_link_and_wait_node');
  if ((old & Q_TAIL_MASK) === 0) {
    yield* t.writeOnce(n.locked, 1); // head at once
  } else {
    const p = w.node(tailToRef(old));
    const pHead = headCell(p);
    yield* t.writeOnce(p.next, n.ref);
    let head = 0;
    // while (prev.head == INVALID) { if (node.locked) goto ret; }: one wait on either cell
    // (the disjunction only becomes false again after node.locked is set, so nothing is lost)
    const headOrLocked = (h: number): boolean => h !== 0 || t.peek(n.locked) !== 0;
    for (;;) {
      head = yield* t.waitUntil(pHead, headOrLocked, `${pHead.name} != INVALID || ${n.locked.name}`);
      if (head !== 0) break;
      if ((yield* t.readOnce(n.locked)) !== 0) break;
    }
    if (head !== 0) {
      yield* t.writeOnce(nHead, head);
      yield* spinThenHalt(t, w, l, n, cfg.qspinThreshold, cfg.mayhaltThreshold);
    }
  }
  t.at('pv_link_and_wait_node');
  yield* t.writeOnce(nHead, n.ref); // ret: we are the head
  return 0;
}

function* spinThenHalt(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode, qspin: number, mayhalt: number): Prim<void> {
  for (;;) {
    t.at('pv_link_and_wait_node');
    for (let count = qspin - 1; count >= 0; count--) {
      if ((yield* t.smp_load_acquire(n.locked)) !== 0) return;
      if (count === mayhalt) yield* t.smp_store_mb(n.mayhalt, 1);
    }
    yield* t.smp_store_mb(n.state, CPU_HALTED);
    if ((yield* t.readOnce(n.locked)) === 0) {
      t.at('pv_link_and_wait_node:pv_lockwait');
      yield* pvWaitAs(t, w, null, 0, 1, l.index); // pv_lockwait(NULL): halt until kicked
      t.at('pv_link_and_wait_node');
    }
    yield* t.writeOnce(n.state, CPU_ACTIVE);
    yield* t.writeOnce(n.mayhalt, 0);
    if ((yield* t.smp_load_acquire(n.locked)) !== 0) return;
  }
}

/** pv_wait_head, then the caller's `while (val & LOCKED_PENDING) reload`. */
function* waitHead(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode): Prim<number> {
  let v = yield* pvWaitHead(t, w, l, n);
  if ((v & Q_LOCKED_PENDING_MASK) !== 0) {
    t.at('head_wait');
    v = yield* t.waitUntil(l.val, lockedPendingClear, `${l.name} (*,0,0)`);
  }
  return v;
}

function* pvWaitHead(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode): Prim<number> {
  const cfg = w.config;
  for (;;) {
    t.at('pv_wait_head');
    yield* t.writeOnce(n.state, CPU_ACTIVE);
    let kicked = false;
    for (let i = 0; i < cfg.qspinThreshold && !kicked; i++) {
      const v = yield* t.smp_load_acquire(l.val);
      if ((v & Q_LOCKED_PENDING_MASK) === 0) return v;
      kicked = (yield* t.readOnce(n.state)) === CPU_KICKED;
    }
    if (kicked) continue;
    yield* setHeadInTail(t, w, l, n);
    t.at('pv_wait_head');
    if ((yield* t.cmpxchg(n.state, CPU_ACTIVE, CPU_HALTED)) === CPU_KICKED) continue;
    if ((yield* t.cmpxchg(l.locked, Q_LOCKED_VAL, Q_LOCKED_SLOWPATH)) !== 0) {
      t.at('pv_wait_head:pv_lockwait');
      yield* pvWaitAs(t, w, l.locked, Q_LOCKED_SLOWPATH, 2, l.index); // halt while the byte is SLOWPATH
    } else {
      yield* t.writeOnce(n.state, CPU_ACTIVE); // the lock was free
      return yield* t.smp_load_acquire(l.val);
    }
  }
}

/** pv_wait_check, run by the new owner after the MCS hand-off (placement assumed, section 1). */
function* waitCheck(t: ThreadApi, w: QspinWorld, l: QLock, cur: QNode, next: QNode): Prim<void> {
  t.at('pv_wait_check');
  yield* t.writeOnce(cur.locked, 0);
  yield* t.writeOnce(headCell(cur), 0);
  // cheap path without a barrier: the StoreLoad window of 6.3 iii
  if ((yield* t.readOnce(next.mayhalt)) === 0) return;
  yield* t.smp_mb();
  if ((yield* t.readOnce(next.state)) !== CPU_HALTED) return;
  yield* t.writeOnce(l.locked, Q_LOCKED_SLOWPATH);
  yield* setHeadInTail(t, w, l, next);
}

/** queue_spin_unlock with PV enabled: cmpxchg 1 -> 0, else the slowpath (or the plain-store mutation). */
function* unlock(t: ThreadApi, w: QspinWorld, l: QLock): Prim<void> {
  t.at('queue_spin_unlock');
  if (w.config.plainUnlock) {
    yield* t.writeOnce(l.locked, 0);
    t.exitCritical(l.name);
    return;
  }
  if ((yield* t.cmpxchg(l.locked, Q_LOCKED_VAL, 0)) === Q_LOCKED_VAL) {
    t.exitCritical(l.name);
    return;
  }
  t.at('queue_spin_unlock_slowpath');
  const h = yield* getQhead(t, w, l);
  const hLocked = yield* t.readOnce(h.locked);
  t.WARN_ON(hLocked === 0, `queue_spin_unlock_slowpath: queue head ${formatRef(h.ref)} of ${l.name} has locked == 0`);
  yield* t.writeOnce(l.locked, 0);
  t.exitCritical(l.name);
  if (hLocked === 0) return;
  const g = w.ghost;
  g.kickOwed[h.cpu]++;
  const head = g.mcsHead[l.index];
  t.assert(head === h.cpu, `I-K: wrong kick: unlock of ${l.name} found head ${formatRef(h.ref)} but the queue head is ${head < 0 ? 'nobody' : `cpu${head}`}`);
  if ((yield* t.xchg(h.state, CPU_KICKED)) === CPU_HALTED) yield* pvKickOwed(t, w, h.cpu);
  else g.kickOwed[h.cpu]--;
}

/** pv_get_qhead: the head pointer of the current tail node, waiting until it is valid. */
function* getQhead(t: ThreadApi, w: QspinWorld, l: QLock): Prim<QNode> {
  t.at('pv_get_qhead');
  for (;;) {
    const ref = tailToRef(yield* t.readOnce(l.val));
    if (ref === 0) return yield* bug(t, l.val, `queue_spin_unlock_slowpath: ${l.name} is _Q_LOCKED_SLOWPATH but has no queue tail`);
    const tHead = headCell(w.node(ref));
    const validOrMoved = (h: number): boolean => h !== 0 || tailToRef(t.peek(l.val)) !== ref;
    const h = yield* t.waitUntil(tHead, validOrMoved, `${tHead.name} != INVALID`);
    if (h !== 0) return w.node(h);
  }
}

/** Hooks of the v13 design; `plainUnlock` selects the seed's named race (6.3 i). */
export const V13_HOOKS: SlowpathHooks = Object.freeze({
  family: 'v13',
  usesPending: false,
  initNodeWord: nodeWord(0, 0, CPU_ACTIVE, 0),
  *initNodeExtra(t: ThreadApi, _w: QspinWorld, n: QNode): Prim<void> {
    yield* t.writeOnce(headCell(n), 0);
  },
  trylock: genericTrylock,
  linkAndWait,
  waitHead,
  afterHandoff: waitCheck,
  unlock,
});
