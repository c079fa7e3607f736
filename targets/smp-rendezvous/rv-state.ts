import type { Cell, CellAllocator } from '../../harness';

/** `smp_rv_setup/action/teardown` value meaning "no barrier at this phase" (smp_no_rendevous_barrier). */
export const NOBAR = 0xffff;
/** Function-pointer value NULL: barrier, but no function. */
export const NULLFN = 0;
/** IPI vector of IPI_RENDEZVOUS. */
export const IPI_RENDEZVOUS = 1;

/** Phase indices of a rendezvous (seeds-rendezvous-futex-perf.md 1.6). */
export const PHASE_SETUP = 0;
export const PHASE_ACTION = 1;
export const PHASE_TEARDOWN = 2;
export const PHASE_NAMES = ['setup', 'action', 'teardown'] as const;
const PHASE_LETTER = ['S', 'A', 'T'] as const;

/** Ghost record of one rendezvous call (id k, 1-based in call order). */
export interface RvCall {
  readonly id: number;
  readonly initiator: number;
  /** Parameters as the initiator wrote them (for the ordering checks). */
  readonly fields: readonly [number, number, number];
  /** Participants that finished each phase (callback returned or NULL passed). */
  readonly phaseDone: [number, number, number];
  /** Per cpu and phase: ran it already (exactly-once check). */
  readonly ran: Uint8Array;
  /** Participants whose rv_action for this call returned. */
  handlersDone: number;
  /** The initiator's smp_rendezvous() returned: arg_k may be freed by the caller. */
  returned: boolean;
}

/** Shared memory and ghost state of one smp_rendezvous execution. */
export interface RvState {
  readonly ncpus: number;
  readonly mtx: Cell;
  readonly rvNcpus: Cell;
  /** smp_rv_setup_func, smp_rv_action_func, smp_rv_teardown_func. */
  readonly fn: readonly [Cell, Cell, Cell];
  readonly arg: Cell;
  /** smp_rv_waiters[0..3]. */
  readonly waiters: readonly Cell[];
  readonly generation: Cell;
  /** Memory pointed to by arg_k (index k-1): what a callback dereferences. */
  readonly argData: readonly Cell[];
  /** `arg_k->result[cpu]` (index k-1, then cpu), written by A_k; empty unless the protocol has results. */
  readonly results: readonly (readonly Cell[])[];
  /** Initiators that finished all their calls (idle cpus wait for all of them). */
  readonly finished: Cell;
  readonly initiators: number;
  /** Ghost: calls by id (index k-1). */
  readonly calls: RvCall[];
  /** Ghost: id of the rendezvous each cpu is executing (0 = none). */
  readonly current: Int32Array;
  /** Ghost: id carried by the last IPI_RENDEZVOUS sent to each cpu. */
  readonly lastSent: Int32Array;
  /** Ghost: location of each cpu's current exit spin (for hang reports). */
  readonly spin: string[];
}

function fnFormatter(letter: string): (v: number) => string {
  return (v) => (v === NOBAR ? 'NOBAR' : v === NULLFN ? 'NULL' : `${letter}_${v}`);
}

/**
 * Allocate the smp_rv_* globals for `ncpus` cpus and `totalCalls` rendezvous (with `results`,
 * also each call's per-cpu result slots, allocated last so the other cells keep their words).
 */
export function createRvState(mem: CellAllocator, ncpus: number, totalCalls: number, initiators: number, results = false): RvState {
  const argFmt = (v: number): string => (v === 0 ? 'NULL' : `&arg_${v}`);
  return {
    ncpus,
    mtx: mem.cell('smp_ipi_mtx', 0, (v) => (v === 0 ? 'free' : `held by cpu${v - 1}`)),
    rvNcpus: mem.cell('smp_rv_ncpus', 0),
    fn: [
      mem.cell('smp_rv_setup_func', NULLFN, fnFormatter(PHASE_LETTER[0])),
      mem.cell('smp_rv_action_func', NULLFN, fnFormatter(PHASE_LETTER[1])),
      mem.cell('smp_rv_teardown_func', NULLFN, fnFormatter(PHASE_LETTER[2])),
    ],
    arg: mem.cell('smp_rv_func_arg', 0, argFmt),
    waiters: mem.array('smp_rv_waiters', 4, 0),
    generation: mem.cell('smp_rv_generation', 0),
    argData: Array.from({ length: totalCalls }, (_, i) => mem.cell(`arg_${i + 1}`, i + 1)),
    finished: mem.cell('initiators_done', 0),
    results: results ? Array.from({ length: totalCalls }, (_, k) => Array.from({ length: ncpus }, (_, c) => mem.cell(`arg_${k + 1}.result[cpu${c}]`, 0))) : [],
    initiators,
    calls: [],
    current: new Int32Array(ncpus),
    lastSent: new Int32Array(ncpus),
    spin: new Array<string>(ncpus).fill(''),
  };
}

/** `A_3`-style name of the phase-`p` function of call `k`. */
export function fnName(p: number, k: number): string {
  return `${PHASE_LETTER[p]}_${k}`;
}
