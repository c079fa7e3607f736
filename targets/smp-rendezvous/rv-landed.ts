import type { Prim, ThreadApi } from '../../harness';
import { beginCall, handlerDone, rvCallback } from './rv-checks';
import { publishParams, resetWaiters, sendAndParticipate } from './rv-initiator';
import { mtxLockSpin, mtxUnlockSpin, waitCounter } from './rv-lock';
import type { RvKinds, RvProtocol } from './rv-protocol';
import { NOBAR, NULLFN, PHASE_ACTION, PHASE_SETUP, PHASE_TEARDOWN, type RvState } from './rv-state';

/**
 * The landed fix (releng/9.x, seeds-rendezvous-futex-perf.md 1.3 V3): four counters,
 * parameters fetched AFTER the entry barrier's acquire, every participant increments W[3] as
 * its last smp_rv_* access, and the initiator waits for W[3] == ncpus before it releases
 * smp_ipi_mtx. No cpu can be in an exit spin when the next initiator resets W[2].
 * `waitAllDone` false = mutant M3 (no final wait): behaves like the original.
 */
export function landedProtocol(waitAllDone = true): RvProtocol {
  function* action(t: ThreadApi, s: RvState): Prim<void> {
    t.at('smp_rendezvous_action: atomic_add_acq(&smp_rv_waiters[0], 1)');
    yield* t.fetchAdd(s.waiters[0], 1);
    yield* waitCounter(t, s, 0, 'smp_rendezvous_action entry barrier');
    t.at('smp_rendezvous_action: fetch smp_rv_* (after the entry barrier)');
    const arg = yield* t.readOnce(s.arg);
    const setup = yield* t.readOnce(s.fn[0]);
    const act = yield* t.readOnce(s.fn[1]);
    const tear = yield* t.readOnce(s.fn[2]);
    if (setup !== NOBAR) {
      t.at('smp_rendezvous_action: re-read smp_rv_setup_func');
      const sf = yield* t.readOnce(s.fn[0]);
      const sa = sf === NULLFN ? arg : yield* t.readOnce(s.arg);
      yield* rvCallback(t, s, PHASE_SETUP, sf, sa);
      t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[1], 1)');
      yield* t.fetchAdd(s.waiters[1], 1);
      yield* waitCounter(t, s, 1, 'smp_rendezvous_action setup barrier');
    }
    yield* rvCallback(t, s, PHASE_ACTION, act, arg);
    if (tear !== NOBAR) {
      t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[2], 1)');
      yield* t.fetchAdd(s.waiters[2], 1);
      yield* waitCounter(t, s, 2, 'smp_rendezvous_action exit barrier');
      yield* rvCallback(t, s, PHASE_TEARDOWN, tear, arg);
    }
    t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[3], 1) (last smp_rv_* access)');
    yield* t.fetchAdd(s.waiters[3], 1);
    handlerDone(t, s);
  }

  function* rendezvous(t: ThreadApi, s: RvState, kinds: RvKinds): Prim<void> {
    yield* mtxLockSpin(t, s);
    const call = beginCall(t, s, kinds);
    yield* publishParams(t, s, call);
    yield* resetWaiters(t, s, [1, 2, 3], 0);
    yield* sendAndParticipate(t, s, call, action);
    if (waitAllDone) {
      t.at(`smp_rendezvous_cpus #${call.id}: spin while atomic_load_acq(&smp_rv_waiters[3]) < ${s.ncpus}`);
      s.spin[t.id] = `smp_rv_waiters[3] < ${s.ncpus}`;
      yield* t.waitUntil(s.waiters[3], (v) => v >= s.ncpus, `smp_rv_waiters[3] >= ${s.ncpus}`);
      s.spin[t.id] = '';
    }
    yield* mtxUnlockSpin(t, s);
    call.returned = true;
  }

  return { action, rendezvous };
}
