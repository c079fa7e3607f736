import type { Prim, ThreadApi } from '../../harness';
import type { QLock, QNode, QspinWorld } from './qspin-world';

/**
 * The hook table of seeds-qspinlock.md section 9: one generic slowpath skeleton (section 3)
 * and, per variant family, the pieces the PV build swaps in. Hooks are stateless; all state
 * lives in the world of the execution.
 */
export interface SlowpathHooks {
  /** Family name (for reports). */
  readonly family: string;
  /** Native only: the pending-bit path runs before queueing (the PV build goes straight to the queue). */
  readonly usesPending: boolean;
  /** Value of the node word written at queue entry: locked = 0, next = NULL and pv_init_node's state. */
  readonly initNodeWord: number;
  /** Node initialisation beyond the node word (v13: head = INVALID). */
  initNodeExtra?(t: ThreadApi, w: QspinWorld, n: QNode): Prim<void>;
  /** `queued_spin_trylock` at queue entry; the PV build steals here (section 4.3). */
  trylock(t: ThreadApi, w: QspinWorld, l: QLock): Prim<boolean>;
  /**
   * Replaces "link behind prev, wait for node.locked" wholesale (v13 pv_link_and_wait_node).
   * Returns the optimistic `next` reference (0 = none). Absent: the skeleton links and calls `waitNode`.
   */
  linkAndWait?(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode, old: number): Prim<number>;
  /** pv_wait_node; true = it returned because node.locked was seen set (the MCS wait is then skipped). */
  waitNode?(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode, prev: QNode): Prim<boolean>;
  /** Wait as MCS queue head until the lock can be claimed; returns the lock word to claim with. */
  waitHead(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode): Prim<number>;
  /** Right after the MCS hand-off `next.locked = 1`: pv_kick_node (2016, hash-val) or pv_wait_check (v13). */
  afterHandoff?(t: ThreadApi, w: QspinWorld, l: QLock, n: QNode, next: QNode): Prim<void>;
  /** queued_spin_unlock; calls `t.exitCritical` right after the step that releases the lock. */
  unlock(t: ThreadApi, w: QspinWorld, l: QLock): Prim<void>;
}
