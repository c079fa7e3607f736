import { FutexTable } from './futex-table';
import { IpiController } from './ipi-controller';
import { PvKickTokens } from './pv-kick-tokens';

/**
 * The simulated kernel of one execution: per-cpu irq state and IPI latches, pv kick tokens
 * and futex queues. Which thread is blocked lives in the runtime (it decides schedulability);
 * this holds the kernel-side state those decisions read.
 */
export class KernelState {
  readonly ipi: IpiController;
  readonly kicks: PvKickTokens;
  readonly futex = new FutexTable();

  constructor(readonly cpus: number) {
    this.ipi = new IpiController(cpus);
    this.kicks = new PvKickTokens(cpus);
  }
}
