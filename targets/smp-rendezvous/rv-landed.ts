import type { Prim, ThreadApi } from '../../harness';
import { beginCall, handlerDone, rvCallback } from './rv-checks';
import { publishParams, resetWaiters, sendAndParticipate } from './rv-initiator';
import { mtxLockSpin, mtxUnlockSpin, waitCounter } from './rv-lock';
import type { RvKinds, RvProtocol } from './rv-protocol';
import { NOBAR, NULLFN, PHASE_ACTION, PHASE_SETUP, PHASE_TEARDOWN, type RvCall, type RvState } from './rv-state';

/** How a reading of the landed fix differs from releng/9.x (all optional). */
export interface LandedOptions {
  /** The initiator waits for smp_rv_waiters[3] == ncpus (default true; false = mutant M3). */
  readonly waitAllDone?: boolean;
  /**
   * Each action stores a per-cpu result into the memory `arg_k` points to, and the caller
   * reads every result when smp_rendezvous returns (as FreeBSD's tsc.c and other callers do).
   */
  readonly results?: boolean;
  /**
   * Order of the final `smp_rv_waiters[3]` increment: 'full' (the default: x86's LOCK add,
   * what releng/9.x's `atomic_add_int` is there), 'release' (head's `atomic_add_rel_int`),
   * 'relaxed' (`atomic_add_int` on a weakly ordered cpu: no barrier at all).
   */
  readonly doneOrder?: 'full' | 'release' | 'relaxed';
  /**
   * Order of the `atomic_add_int` increments of smp_rv_waiters[1] and [2]: 'full' (default,
   * x86's LOCK add) or 'relaxed' (FreeBSD's atomic_add_int on arm64: no barrier). With 'full'
   * the exit barrier's increment would publish the action's stores by itself.
   */
  readonly addOrder?: 'full' | 'relaxed';
}

/**
 * The landed fix (releng/9.x, seeds-rendezvous-futex-perf.md 1.3 V3): four counters,
 * parameters fetched AFTER the entry barrier's acquire, every participant increments W[3] as
 * its last smp_rv_* access, and the initiator waits for W[3] == ncpus (`atomic_load_acq`)
 * before it releases smp_ipi_mtx. No cpu can be in an exit spin when the next initiator resets
 * W[2]. Options: see LandedOptions.
 */
export function landedProtocol(opts: LandedOptions = {}): RvProtocol {
  const waitAllDone = opts.waitAllDone ?? true;
  const results = opts.results ?? false;
  const doneOrder = opts.doneOrder ?? 'full';
  const addOrder = opts.addOrder ?? 'full';

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
      yield* (addOrder === 'full' ? t.fetchAdd(s.waiters[1], 1) : t.fetchAdd(s.waiters[1], 1, 'relaxed'));
      yield* waitCounter(t, s, 1, 'smp_rendezvous_action setup barrier');
    }
    yield* rvCallback(t, s, PHASE_ACTION, act, arg);
    const row = s.results[arg - 1];
    if (results && act !== NULLFN && act !== NOBAR && row !== undefined) {
      t.at(`A_${act}(arg_${arg}): arg_${arg}->result[cpu${t.id}] = ${arg}`);
      yield* t.writeOnce(row[t.id], arg);
    }
    if (tear !== NOBAR) {
      t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[2], 1)');
      yield* (addOrder === 'full' ? t.fetchAdd(s.waiters[2], 1) : t.fetchAdd(s.waiters[2], 1, 'relaxed'));
      yield* waitCounter(t, s, 2, 'smp_rendezvous_action exit barrier');
      yield* rvCallback(t, s, PHASE_TEARDOWN, tear, arg);
    }
    if (doneOrder === 'full') {
      t.at('smp_rendezvous_action: atomic_add(&smp_rv_waiters[3], 1) (last smp_rv_* access)');
      yield* t.fetchAdd(s.waiters[3], 1);
    } else {
      t.at(`smp_rendezvous_action: atomic_add${doneOrder === 'release' ? '_rel' : ''}_int(&smp_rv_waiters[3], 1) (last smp_rv_* access${doneOrder === 'relaxed' ? '; no barrier on a weakly ordered cpu' : ''})`);
      yield* t.fetchAdd(s.waiters[3], 1, doneOrder);
    }
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
      yield* t.waitUntil(s.waiters[3], (v) => v >= s.ncpus, `smp_rv_waiters[3] >= ${s.ncpus}`, 'acquire');
      s.spin[t.id] = '';
    }
    // the caller's reads of *arg, taken here with irqs still off (an IPI taken after the unlock
    // would nest an `action` op in this `rendezvous` op); the acquire above orders them the same
    if (results) yield* readResults(t, s, call);
    yield* mtxUnlockSpin(t, s);
    call.returned = true;
  }

  return { action, rendezvous, results };
}

/**
 * The caller of call k reads every cpu's result from arg_k once every cpu is done
 * (I5, result visibility): each cpu stored it before its `smp_rv_waiters[3]` increment, and the
 * initiator saw every increment.
 */
function* readResults(t: ThreadApi, s: RvState, call: RvCall): Prim<void> {
  const act = call.fields[PHASE_ACTION];
  if (act === NULLFN || act === NOBAR) return;
  const row = s.results[call.id - 1];
  for (let c = 0; c < s.ncpus; c++) {
    t.at(`caller of smp_rendezvous #${call.id}: read arg_${call.id}->result[cpu${c}]`);
    const v = yield* t.readOnce(row[c]);
    if (v !== call.id) {
      t.assert(false, `result visibility (I5): smp_rendezvous #${call.id} saw every cpu done (smp_rv_waiters[3] == ${s.ncpus}), but cpu${c}'s result in arg_${call.id} reads ${v}: A_${call.id}'s store on cpu${c} became visible after its smp_rv_waiters[3] increment`);
    }
  }
}
