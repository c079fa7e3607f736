import { MODE_READ, MODE_WRITE, type StepLog } from '../strategy/step-log';
import * as K from './op-code';
import type { ThreadContext } from './thread-context';

/**
 * Log the step a live thread would take next, from its pending request alone (the free code
 * after it is unknown until it runs): what its primitive reads or writes. Partial-order
 * reduction treats it as a last step of the execution, so a race between a step that ran and
 * one a thread never got to run (it was still waiting, or the run stopped at a finding) is
 * reversed too (Flanagan & Godefroid's lookahead at the final state).
 */
export function recordPending(log: StepLog, th: ThreadContext): void {
  const t = th.id;
  log.beginPending(t, th.op === K.OP_WAIT || th.op === K.OP_WAIT_ALL);
  log.access(log.contextObject(t), MODE_WRITE);
  const c = th.cell;
  switch (th.op) {
    case K.OP_READ_ONCE:
    case K.OP_LOAD:
    case K.OP_LOAD_ACQUIRE:
    case K.OP_WAIT:
      if (c !== null) log.access(c.addr, MODE_READ);
      break;
    case K.OP_WAIT_ALL:
      if (th.waitAll !== null) for (const w of th.waitAll.cells) log.access(w.addr, MODE_READ);
      break;
    case K.OP_HEAP:
      // alloc / free: RMW-like on the allocator word; which node a free or alloc touches is
      // not known before it runs, so it is taken to touch every word (conservative)
      if (c !== null) log.access(c.addr, MODE_WRITE);
      log.access(log.bufferObject(t), MODE_WRITE);
      for (let w = 0; w < log.words; w++) log.access(w, MODE_WRITE);
      break;
    case K.OP_PV_WAIT:
    case K.OP_FUTEX_WAIT:
    case K.OP_SLEEP:
    case K.OP_RESUME:
      if (c !== null) log.access(c.addr, MODE_READ);
      log.access(log.waitObject(t), MODE_WRITE);
      break;
    case K.OP_PV_KICK:
    case K.OP_WAKE:
      log.access(log.waitObject(th.prim.a), MODE_WRITE);
      break;
    case K.OP_IPI_SEND:
      log.access(log.ipiObject(th.prim.a), MODE_WRITE);
      break;
    case K.OP_FUTEX_WAKE:
      if (c !== null) log.access(log.futexObject(c.addr), MODE_WRITE);
      break;
    case K.OP_MB:
    case K.OP_RMB:
    case K.OP_WMB:
    case K.OP_RELAX:
    case K.OP_NONE:
      log.access(log.bufferObject(t), MODE_WRITE);
      break;
    default:
      // stores and read-modify-writes
      if (c !== null) log.access(c.addr, MODE_WRITE);
      log.access(log.bufferObject(t), MODE_WRITE);
  }
  log.endPending();
}
