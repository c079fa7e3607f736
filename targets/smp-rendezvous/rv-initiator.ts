import type { Prim, ThreadApi } from '../../harness';
import { IPI_RENDEZVOUS, type RvCall, type RvState } from './rv-state';

/** Initiator: WRITE smp_rv_ncpus, the three function pointers and the argument of call k. */
export function* publishParams(t: ThreadApi, s: RvState, call: RvCall): Prim<void> {
  t.at(`smp_rendezvous_cpus #${call.id}: write smp_rv_* parameters`);
  yield* t.writeOnce(s.rvNcpus, s.ncpus);
  yield* t.writeOnce(s.fn[0], call.fields[0]);
  yield* t.writeOnce(s.fn[1], call.fields[1]);
  yield* t.writeOnce(s.fn[2], call.fields[2]);
  yield* t.writeOnce(s.arg, call.id);
}

/** Initiator: reset the listed counters with plain stores, then `atomic_store_rel(W[last], 0)`. */
export function* resetWaiters(t: ThreadApi, s: RvState, plain: readonly number[], release: number): Prim<void> {
  t.at('smp_rendezvous_cpus: reset smp_rv_waiters');
  for (const i of plain) yield* t.writeOnce(s.waiters[i], 0);
  yield* t.smp_store_release(s.waiters[release], 0);
}

/** Initiator: ipi_selected(all but self, IPI_RENDEZVOUS), then run rv_action itself. */
export function* sendAndParticipate(t: ThreadApi, s: RvState, call: RvCall, action: (t: ThreadApi, s: RvState) => Prim<void>): Prim<void> {
  for (let c = 0; c < s.ncpus; c++) {
    if (c === t.id) continue;
    t.at(`smp_rendezvous_cpus #${call.id}: ipi_send(cpu${c}, IPI_RENDEZVOUS)`);
    yield* t.ipiSend(c, IPI_RENDEZVOUS, call.id);
    s.lastSent[c] = call.id;
  }
  s.current[t.id] = call.id;
  yield* action(t, s);
}
