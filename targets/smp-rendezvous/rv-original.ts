import type { Prim, ThreadApi } from '../../harness';
import { beginCall, handlerDone, rvCallback } from './rv-checks';
import { publishParams, resetWaiters, sendAndParticipate } from './rv-initiator';
import { mtxLockSpin, mtxUnlockSpin, waitCounter } from './rv-lock';
import type { RvKinds, RvProtocol } from './rv-protocol';
import { NOBAR, NULLFN, PHASE_ACTION, PHASE_SETUP, PHASE_TEARDOWN, type RvState } from './rv-state';

/** Which historical reading on top of the original three-counter protocol. */
export interface OriginalFlavour {
  /** V1a (Baldwin's reading of Gapon's patch): wait for W[2] == ncpus at entry. */
  readonly entryWaitOnExitCounter: boolean;
  /** V2 (NetApp): generation count bumped per call; the exit spin also leaves on a new generation. */
  readonly generation: boolean;
  /** Mutant M1: the generation snapshot is taken AFTER the W[2] increment (the V0 hang returns). */
  readonly lateSnapshot?: boolean;
}

/**
 * FreeBSD subr_smp.c rev 1.223 smp_rendezvous (seeds-rendezvous-futex-perf.md 1.3 V0) and the
 * two patches that keep its structure (V1a, V2). Parameters are fetched BEFORE the entry
 * barrier; the exit counter W[2] is reset by the next initiator, which does not wait for the
 * others to leave the exit spin: the bug.
 */
export function originalProtocol(fl: OriginalFlavour): RvProtocol {
  function* action(t: ThreadApi, s: RvState): Prim<void> {
    t.at('smp_rendezvous_action: fetch smp_rv_* (before the entry barrier)');
    const arg = yield* t.readOnce(s.arg);
    const setup = yield* t.readOnce(s.fn[0]);
    const act = yield* t.readOnce(s.fn[1]);
    const tear = yield* t.readOnce(s.fn[2]);
    t.at('smp_rendezvous_action: atomic_add_acq(&smp_rv_waiters[0], 1)');
    yield* t.fetchAdd(s.waiters[0], 1);
    yield* waitCounter(t, s, 0, 'smp_rendezvous_action entry barrier');
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
    let g = 0;
    if (fl.generation && fl.lateSnapshot !== true) {
      t.at('smp_rendezvous_action: g = atomic_load_acq(&smp_rv_generation)');
      g = yield* t.smp_load_acquire(s.generation);
    }
    t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[2], 1)');
    yield* t.fetchAdd(s.waiters[2], 1);
    if (fl.generation && fl.lateSnapshot === true) {
      t.at('smp_rendezvous_action: g = atomic_load_acq(&smp_rv_generation) (after the increment: M1)');
      g = yield* t.smp_load_acquire(s.generation);
    }
    if (tear === NOBAR) {
      handlerDone(t, s);
      return;
    }
    if (fl.generation) {
      // Two-variable spin: a real loop (cpu_spinwait) rather than a single-cell await.
      for (;;) {
        t.at('smp_rendezvous_action exit barrier: spin while smp_rv_waiters[2] < smp_rv_ncpus && g == smp_rv_generation');
        const w = yield* t.readOnce(s.waiters[2]);
        const n = yield* t.readOnce(s.rvNcpus);
        if (w >= n) break;
        const gen = yield* t.readOnce(s.generation);
        if (gen !== g) break;
        s.spin[t.id] = `smp_rv_waiters[2] (${w}) < smp_rv_ncpus (${n}) && generation == ${g}`;
        yield* t.cpuRelax();
      }
      s.spin[t.id] = '';
    } else {
      yield* waitCounter(t, s, 2, 'smp_rendezvous_action exit barrier');
    }
    yield* rvCallback(t, s, PHASE_TEARDOWN, tear, arg);
    handlerDone(t, s);
  }

  function* rendezvous(t: ThreadApi, s: RvState, kinds: RvKinds): Prim<void> {
    yield* mtxLockSpin(t, s);
    const call = beginCall(t, s, kinds);
    if (fl.entryWaitOnExitCounter) {
      t.at(`smp_rendezvous_cpus #${call.id}: wait for the previous rendezvous (V1a)`);
      yield* waitCounter(t, s, 2, `smp_rendezvous_cpus #${call.id} (V1a entry wait)`);
    }
    if (fl.generation) {
      t.at(`smp_rendezvous_cpus #${call.id}: atomic_add_acq(&smp_rv_generation, 1)`);
      yield* t.fetchAdd(s.generation, 1);
    }
    yield* publishParams(t, s, call);
    yield* resetWaiters(t, s, [1, 2], 0);
    yield* sendAndParticipate(t, s, call, action);
    if (call.fields[PHASE_TEARDOWN] === NOBAR) {
      t.at(`smp_rendezvous_cpus #${call.id}: wait for smp_rv_waiters[2] == ${s.ncpus} (no exit barrier)`);
      yield* t.waitUntil(s.waiters[2], (v) => v >= s.ncpus, `smp_rv_waiters[2] >= ${s.ncpus}`);
    }
    yield* mtxUnlockSpin(t, s);
    call.returned = true;
  }

  return { action, rendezvous };
}
