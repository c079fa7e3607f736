/**
 * What distinguishes one qspinlock variant from another: the hook family (seeds-qspinlock.md
 * section 9) plus the knobs of the historical patches and mutations.
 */

/** Hook families: native (section 3), the 2015-2016 PV layer (section 4), Peter's _Q_HASH_VAL (5.4), Waiman's v13 (6.2). */
export type QspinFlavour = 'native' | 'pv' | 'hash-val' | 'v13';

/** 2016 PV node states (section 4.1). */
export const VCPU_RUNNING = 0;
export const VCPU_HALTED = 1;
export const VCPU_HASHED = 2;

export interface QspinConfig {
  readonly flavour: QspinFlavour;
  /** PV 2016: the state the queue head writes before pv_wait (v4.7: halted, v4.8: hashed, 229ce631). */
  readonly headWaitState: number;
  /** Mutation: pv_wait halts without re-checking *ptr (section 5.1). */
  readonly blindWait: boolean;
  /** Mutation (section 9): pv_wait_node publishes `halted` with a plain store, no full barrier. */
  readonly nodeStoreNoMb: boolean;
  /** v13 mutation: unlock by a plain byte store instead of cmpxchg (section 6.3 i). */
  readonly plainUnlock: boolean;
  /** Hash slots; 'tight' = one per lock, which turns any duplicate entry into BUG() (section 4.2). */
  readonly hashSize: 'tight' | number;
  /**
   * true: the stale-entry checks (I-H1, I-H2, I-K, I-Q) fail the run. false: they are recorded as
   * diagnostics so that the run reaches the consequence the seed describes (the v4.7 hang).
   */
  readonly strictHash: boolean;
  /** SPIN_THRESHOLD: 1 is enough for every bug of the notes (section 7). */
  readonly spinThreshold: number;
  /** v13 QSPIN_THRESHOLD and MAYHALT_THRESHOLD (section 7: 2 and 1). */
  readonly qspinThreshold: number;
  readonly mayhaltThreshold: number;
  /**
   * Order of xchg_tail: 'release' (v4.5-v4.17, xchg_release), 'relaxed' (v4.18 on, after
   * Will Deacon's 2018 series, with an smp_wmb before it instead).
   */
  readonly tailOrder: 'release' | 'relaxed';
  /** smp_wmb between the node's initialisation and xchg_tail (v4.18 on; only with a relaxed xchg_tail). */
  readonly nodeInitWmb: boolean;
  /**
   * PV unlock slowpath: smp_rmb between the failed cmpxchg that saw _Q_SLOW_VAL and the
   * hash lookup ("a failed cmpxchg doesn't provide any memory-ordering guarantees"). A no-op
   * under sc and tso, where the step is left out.
   */
  readonly unlockRmb: boolean;
}

/** Defaults every variant starts from. */
export const BASE_CONFIG: QspinConfig = Object.freeze({
  flavour: 'native',
  headWaitState: VCPU_HASHED,
  blindWait: false,
  nodeStoreNoMb: false,
  plainUnlock: false,
  hashSize: 'tight',
  strictHash: true,
  spinThreshold: 1,
  qspinThreshold: 2,
  mayhaltThreshold: 1,
  tailOrder: 'release',
  nodeInitWmb: false,
  unlockRmb: true,
});

const NATIVE_BYTES: readonly number[] = Object.freeze([0, 1]);
const HASH_VAL_BYTES: readonly number[] = Object.freeze([0, 1, 3, 7]);
const SLOW_BYTES: readonly number[] = Object.freeze([0, 1, 3]);

/** Legal values of the locked byte per flavour (I-LW); shared constants, checked every step. */
export function legalLockedBytes(flavour: QspinFlavour): readonly number[] {
  return flavour === 'native' ? NATIVE_BYTES : flavour === 'hash-val' ? HASH_VAL_BYTES : SLOW_BYTES;
}
