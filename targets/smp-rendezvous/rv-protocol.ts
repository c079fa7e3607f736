import type { Prim, ThreadApi } from '../../harness';
import type { RvState } from './rv-state';

/** Function-pointer kinds of one call before the call id is known: NOBAR, NULL or "a real function" (1). */
export type RvKinds = readonly [number, number, number];

/** One reading of smp_rendezvous: the per-cpu rv_action and the initiator's smp_rendezvous_cpus. */
export interface RvProtocol {
  /** smp_rendezvous_action(): run by every participant (IPI handler, or the initiator itself). */
  action(t: ThreadApi, s: RvState): Prim<void>;
  /** smp_rendezvous_cpus(all cpus, ...): the initiator's side; returns when the call returns. */
  rendezvous(t: ThreadApi, s: RvState, kinds: RvKinds): Prim<void>;
  /** The actions store per-cpu results into arg_k that the caller reads (RvState.results is allocated). */
  readonly results?: boolean;
}
