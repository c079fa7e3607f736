import type { Prim, ThreadApi } from '../../harness';
import { formatRef, refCpu } from './lock-word';
import { bug } from './qspin-prims';
import type { QLock, QNode, QspinWorld } from './qspin-world';

/**
 * pv_hash(lock, node) (seeds-qspinlock.md 4.2): claim the first free slot in probe order with
 * a cmpxchg on its lock field, then store the node. Every lock hashes to bucket 0 (the
 * worst-case collision), and the table has no duplicate check: a second entry for one lock is
 * exactly the v4.7 bug. Returns the slot index. BUG() when the table is full.
 */
export function* pvHash(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode): Prim<number> {
  const g = w.ghost;
  t.at('pv_hash');
  g.hashing[t.id] = l.index;
  for (let s = 0; s < w.hash.length; s++) {
    const slot = w.hash[s];
    if ((yield* t.cmpxchg(slot.lock, 0, l.id)) === 0) {
      g.hashing[t.id] = -1;
      g.slotLock[s] = l.index;
      g.slotNode[s] = n.ref;
      // NB: the node is stored after the slot is claimed; readers are ordered by _Q_SLOW_VAL
      yield* t.writeOnce(slot.node, n.ref);
      return s;
    }
  }
  const taken = w.hash.map((_slot, s) => `hash[${s}]=(${w.locks[g.slotLock[s]]?.name ?? '?'}, ${formatRef(g.slotNode[s])})`).join(' ');
  return yield* bug(t, l.val, `pv_hash: hash table full inserting (${l.name}, ${formatRef(n.ref)}): ${taken}`);
}

/**
 * pv_unhash(lock): the FIRST entry for the lock in probe order wins (section 4.2); its slot is
 * freed and the node returned. BUG() when there is none. Ghost: the unlocker now owes a kick
 * to that node's cpu, and I-K (the kicked cpu is the lock's queue head) is checked here.
 */
export function* pvUnhash(t: ThreadApi, w: QspinWorld, l: QLock): Prim<QNode> {
  const g = w.ghost;
  t.at('pv_unhash');
  for (let s = 0; s < w.hash.length; s++) {
    const slot = w.hash[s];
    if ((yield* t.readOnce(slot.lock)) !== l.id) continue;
    const ref = yield* t.readOnce(slot.node);
    if (ref === 0) return yield* bug(t, l.val, `pv_unhash: hash[${s}] holds ${l.name} with a NULL node`);
    yield* t.writeOnce(slot.lock, 0);
    g.slotLock[s] = -1;
    g.slotNode[s] = 0;
    const cpu = refCpu(ref);
    g.kickOwed[cpu]++;
    const head = g.mcsHead[l.index];
    if (head !== cpu) {
      const msg = `I-K: wrong kick: unlock of ${l.name} unhashed hash[${s}]=(${l.name}, ${formatRef(ref)}) but the queue head of ${l.name} is ${head < 0 ? 'nobody' : `cpu${head}`}`;
      if (w.config.strictHash) t.assert(false, msg);
      else g.note(msg);
    }
    return w.node(ref);
  }
  return yield* bug(t, l.val, `pv_unhash: no hash entry for ${l.name} although its locked byte was _Q_SLOW_VAL`);
}

/** The head's own unhash after it found the lock free (`WRITE_ONCE(*lp, NULL)`). */
export function* pvUnhashSlot(t: ThreadApi, w: QspinWorld, slot: number): Prim<void> {
  yield* t.writeOnce(w.hash[slot].lock, 0);
  w.ghost.slotLock[slot] = -1;
  w.ghost.slotNode[slot] = 0;
}
