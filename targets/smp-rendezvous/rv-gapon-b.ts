import type { Prim, ThreadApi } from '../../harness';
import { beginCall, handlerDone, rvCallback } from './rv-checks';
import { publishParams, resetWaiters, sendAndParticipate } from './rv-initiator';
import { mtxLockSpin, mtxUnlockSpin, waitCounter } from './rv-lock';
import type { RvKinds, RvProtocol } from './rv-protocol';
import { NOBAR, PHASE_ACTION, PHASE_SETUP, PHASE_TEARDOWN, type RvState } from './rv-state';

/**
 * Gapon's proposal, literal reading (seeds-rendezvous-futex-perf.md 1.3 V1b): no entry
 * barrier (the IPI is trusted to publish the parameters), W[0] = setup barrier, W[1] = exit
 * barrier, W[2] = "fully done"; the NEXT initiator waits for W[2] == ncpus before reusing
 * smp_rv_*. The hang is gone, but the initiator still returns before the others ran their
 * teardown with its argument.
 */
export function gaponBProtocol(): RvProtocol {
  function* action(t: ThreadApi, s: RvState): Prim<void> {
    t.at('smp_rendezvous_action: fetch smp_rv_* (no entry barrier)');
    const arg = yield* t.readOnce(s.arg);
    const setup = yield* t.readOnce(s.fn[0]);
    const act = yield* t.readOnce(s.fn[1]);
    const tear = yield* t.readOnce(s.fn[2]);
    if (setup !== NOBAR) {
      yield* rvCallback(t, s, PHASE_SETUP, setup, arg);
      t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[0], 1)');
      yield* t.fetchAdd(s.waiters[0], 1);
      yield* waitCounter(t, s, 0, 'smp_rendezvous_action setup barrier');
    }
    yield* rvCallback(t, s, PHASE_ACTION, act, arg);
    if (tear !== NOBAR) {
      t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[1], 1)');
      yield* t.fetchAdd(s.waiters[1], 1);
      yield* waitCounter(t, s, 1, 'smp_rendezvous_action exit barrier');
      yield* rvCallback(t, s, PHASE_TEARDOWN, tear, arg);
    }
    t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[2], 1) (fully done)');
    yield* t.fetchAdd(s.waiters[2], 1);
    handlerDone(t, s);
  }

  function* rendezvous(t: ThreadApi, s: RvState, kinds: RvKinds): Prim<void> {
    yield* mtxLockSpin(t, s);
    yield* waitCounter(t, s, 2, 'smp_rendezvous_cpus: wait until the previous rendezvous is fully done');
    const call = beginCall(t, s, kinds);
    yield* publishParams(t, s, call);
    yield* resetWaiters(t, s, [0, 1], 2);
    yield* sendAndParticipate(t, s, call, action);
    yield* mtxUnlockSpin(t, s);
    call.returned = true;
  }

  return { action, rendezvous };
}
