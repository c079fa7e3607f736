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
  private kickTokens: PvKickTokens | null = null;
  private futexTable: FutexTable | null = null;

  constructor(readonly cpus: number) {
    this.ipi = new IpiController(cpus);
  }

  /** pv kick tokens (created on first use: most targets never pv_wait). */
  get kicks(): PvKickTokens {
    return (this.kickTokens ??= new PvKickTokens(this.cpus));
  }

  /** Futex queues (created on first use). */
  get futex(): FutexTable {
    return (this.futexTable ??= new FutexTable());
  }
}
