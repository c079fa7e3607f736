import type { Cell } from '../memory/cell';
import { BLOCK_FUTEX, BLOCK_NONE, BLOCK_PV, blockStateName } from '../kernel/block-kind';
import { stuckThread } from '../oracle/stuck-report';
import type { Execution } from './execution';
import { OP_NAMES, OP_RELAX, OP_WAIT, OP_WAIT_ALL } from './op-code';
import type { StuckThread } from './outcome';

/**
 * Where every unfinished thread is and what it waits for (deadlock and hang reports): the
 * kernel wait it is blocked in, the waitUntil condition it spins on with the value it reads
 * now (formatted with the cell's formatter), or the next primitive of a running thread.
 */
export function collectStuckThreads(ex: Execution): StuckThread[] {
  const out: StuckThread[] = [];
  for (const th of ex.threads) {
    if (th.gen === null) continue;
    let state: string;
    let waitingFor: string;
    const c = th.cell;
    const valueOf = (cell: Cell): string => ex.formatValue(cell, ex.mem.load(th.id, cell));
    if (th.block !== BLOCK_NONE) {
      state = blockStateName(th.block);
      if (th.block === BLOCK_PV) {
        waitingFor = c === null ? 'pv_kick' : `pv_kick (pv_wait on ${c.name} == ${ex.formatValue(c, th.waitValue)}, now ${valueOf(c)})`;
      } else if (th.block === BLOCK_FUTEX) {
        waitingFor = `futex_wake on ${c!.name} (waited while == ${ex.formatValue(c!, th.waitValue)}, now ${valueOf(c!)})`;
      } else {
        waitingFor = `wake (${th.what || 'sleep'})`;
      }
    } else if (th.op === OP_WAIT && !ex.runnable(th.id)) {
      state = 'spinning';
      waitingFor = `${c!.name}: ${th.what || 'condition'} (value ${valueOf(c!)})`;
    } else if (th.op === OP_WAIT_ALL && !ex.runnable(th.id)) {
      state = 'spinning';
      waitingFor = `${th.what || 'condition'} (${th.waitAll!.cells.map((x) => `${x.name} = ${valueOf(x)}`).join(', ')})`;
    } else {
      const spinning = th.op === OP_RELAX || ex.relaxesSinceQuiet(th.id) > 0;
      state = spinning ? 'spinning' : 'running';
      waitingFor = `next ${OP_NAMES[th.op]}${c === null ? '' : ` ${c.name} (value ${valueOf(c)})`}`;
    }
    out.push(stuckThread({
      thread: th.id,
      name: th.name,
      location: th.location,
      state,
      waitingFor,
      irqsOff: ex.kernel.ipi.irqsOn[th.id] === 0,
      inIpiHandler: th.frames.length > 0,
      pendingIpis: ex.kernel.ipi.pendingVectors(th.id),
    }));
  }
  return out;
}
