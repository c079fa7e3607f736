import type { Cell } from '../../harness';
import { PHASE_NAMES, type RvState } from './rv-state';

/**
 * Report lines for a hang or violation: the smp_rv_* globals as committed to memory, each
 * call's progress, and where every cpu is (the call it executes and the spin it is in),
 * flagging the I2-strict condition "a cpu still in call j while call k > j rewrote smp_rv_*".
 */
export function describeRvState(s: RvState, peek: (c: Cell) => number): string[] {
  const w = s.waiters.map((c) => peek(c));
  const mtx = peek(s.mtx);
  const lines = [
    `smp_ipi_mtx ${mtx === 0 ? 'free' : `held by cpu${mtx - 1}`}; smp_rv_ncpus = ${peek(s.rvNcpus)}; smp_rv_waiters = [${w.join(', ')}]; smp_rv_generation = ${peek(s.generation)}`,
  ];
  for (const call of s.calls) {
    const phases = call.phaseDone.map((n, p) => `${PHASE_NAMES[p]} ${n}/${s.ncpus}`).join(', ');
    lines.push(`rendezvous #${call.id} by cpu${call.initiator}: ${call.returned ? 'returned (arg_' + call.id + ' may be freed)' : 'in progress'}; ${phases}; handlers done ${call.handlersDone}/${s.ncpus}`);
  }
  const newest = s.calls.length;
  for (let cpu = 0; cpu < s.ncpus; cpu++) {
    const k = s.current[cpu];
    if (k === 0) continue;
    const spin = s.spin[cpu] !== '' ? `, spinning while ${s.spin[cpu]}` : '';
    const stale = newest > k ? `; rendezvous #${newest} has already rewritten smp_rv_* under it (I2-strict)` : '';
    lines.push(`cpu${cpu}: in rendezvous #${k} with irqs off${spin}${stale}`);
  }
  return lines;
}
