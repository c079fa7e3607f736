import type { Prim, ThreadApi } from '../../harness';
import { NOBAR, NULLFN, PHASE_ACTION, PHASE_NAMES, PHASE_SETUP, PHASE_TEARDOWN, fnName, type RvCall, type RvState } from './rv-state';

/**
 * Start call k (ghost, right after the initiator took smp_ipi_mtx): its id, its true
 * parameters, the participants' progress counters (seeds-rendezvous-futex-perf.md 1.6).
 */
export function beginCall(t: ThreadApi, s: RvState, kinds: readonly [number, number, number]): RvCall {
  const initiator = t.id;
  const id = s.calls.length + 1;
  // History (rendezvous spec): the call is recorded from the moment smp_ipi_mtx is held, when
  // irqs are off, so no IPI handler with its own 'action' op can nest in it; the initiator's
  // own action is not an op (it lies inside its call), the other cpus' actions are.
  t.invoke('rendezvous', { id, cpus: Array.from({ length: s.ncpus }, (_, c) => c).filter((c) => c !== initiator) });
  const fields = kinds.map((v) => (v === NOBAR || v === NULLFN ? v : id)) as unknown as [number, number, number];
  const call: RvCall = { id, initiator, fields, phaseDone: [0, 0, 0], ran: new Uint8Array(s.ncpus * 3), handlersDone: 0, returned: false };
  s.calls.push(call);
  return call;
}

/**
 * One phase of rv_action on cpu `t.id` for the call it is executing: `fnVal`/`argVal` are the
 * values this cpu fetched (maybe stale). NULL = barrier without a function: only recorded.
 * A real callback dereferences its argument (one step) and is checked for
 * I1 (phase ordering, exactly once), I2 (isolation: only functions and arg of its own call;
 * no callback of call k while an earlier call is unfinished) and I3 (argument lifetime).
 */
export function* rvCallback(t: ThreadApi, s: RvState, phase: number, fnVal: number, argVal: number): Prim<void> {
  const k = s.current[t.id];
  const call = s.calls[k - 1];
  if (fnVal === NULLFN || fnVal === NOBAR) {
    if (call !== undefined) call.phaseDone[phase]++;
    return;
  }
  t.at(`${fnName(phase, fnVal)}(arg_${argVal}) [${PHASE_NAMES[phase]} callback]`);
  const argCell = s.argData[argVal - 1];
  if (argCell === undefined) {
    t.assert(false, `isolation (I2): ${t.name} calls ${fnName(phase, fnVal)} with smp_rv_func_arg = ${argVal === 0 ? 'NULL' : argVal}: the initiator's parameters are not visible yet`);
    return;
  }
  const recordAction = phase === PHASE_ACTION && call !== undefined && call.initiator !== t.id;
  if (recordAction) t.invoke('action', fnVal);
  yield* t.readOnce(argCell);
  if (recordAction) t.ok();
  // Checks run in the same atomic step as the dereference.
  if (fnVal !== k || argVal !== k) {
    t.assert(false, `isolation (I2): ${t.name}, executing rendezvous #${k}, calls ${fnName(phase, fnVal)}(arg_${argVal}): it read stale smp_rv_* (the parameters of another rendezvous)`);
  }
  const owner = s.calls[argVal - 1];
  if (owner !== undefined && owner.returned) {
    t.assert(false, `use-after-free (I3): ${t.name} runs ${fnName(phase, fnVal)}(arg_${argVal}) after smp_rendezvous #${argVal} returned on cpu${owner.initiator} (its caller may have freed arg_${argVal})`);
  }
  if (call === undefined) return;
  for (let j = 1; j < k; j++) {
    const prev = s.calls[j - 1];
    if (prev.handlersDone < s.ncpus) {
      const who = [...s.current].map((c, cpu) => (c === j ? `cpu${cpu}` : '')).filter((x) => x !== '');
      t.assert(false, `isolation (I2): ${t.name} starts ${fnName(phase, k)} while rendezvous #${j} is unfinished${who.length ? ` on ${who.join(', ')}` : ''}`);
    }
  }
  if (phase === PHASE_ACTION && call.fields[PHASE_SETUP] !== NOBAR && call.phaseDone[PHASE_SETUP] < s.ncpus) {
    t.assert(false, `phase order (I1): ${t.name} starts A_${k} before every cpu finished the setup phase of rendezvous #${k} (${call.phaseDone[PHASE_SETUP]}/${s.ncpus})`);
  }
  if (phase === PHASE_TEARDOWN && call.fields[PHASE_TEARDOWN] !== NOBAR && call.phaseDone[PHASE_ACTION] < s.ncpus) {
    t.assert(false, `phase order (I1): ${t.name} starts T_${k} before every cpu finished A_${k} (${call.phaseDone[PHASE_ACTION]}/${s.ncpus})`);
  }
  const slot = t.id * 3 + phase;
  if (call.ran[slot] !== 0) t.assert(false, `phase order (I1): ${t.name} runs ${fnName(phase, k)} twice`);
  call.ran[slot] = 1;
  call.phaseDone[phase]++;
}

/** Ghost: this cpu's rv_action for its current call returned (its last smp_rv_* access is behind it). */
export function handlerDone(t: ThreadApi, s: RvState): void {
  const call = s.calls[s.current[t.id] - 1];
  if (call !== undefined) call.handlersDone++;
  s.current[t.id] = 0;
  s.spin[t.id] = '';
}

/** End-of-run check: every participant ran every phase of every call exactly once (I1, I4). */
export function rvAtEnd(s: RvState): string | undefined {
  for (const call of s.calls) {
    for (let p = PHASE_SETUP; p <= PHASE_TEARDOWN; p++) {
      if (call.fields[p] === NOBAR) continue;
      if (call.phaseDone[p] !== s.ncpus) {
        return `rendezvous #${call.id}: ${PHASE_NAMES[p]} phase completed by ${call.phaseDone[p]} of ${s.ncpus} cpus`;
      }
    }
    if (!call.returned) return `rendezvous #${call.id} never returned on cpu${call.initiator}`;
  }
  return undefined;
}
