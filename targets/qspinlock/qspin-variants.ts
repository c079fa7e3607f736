import type { VariantSpec, Workload } from '../../harness';
import { HASH_VAL_HOOKS, hashValStateName } from './hash-val-hooks';
import { NATIVE_HOOKS } from './native-hooks';
import { PV_HOOKS, pvStateName } from './pv-hooks';
import type { QspinConfig } from './qspin-config';
import { BASE_CONFIG, VCPU_HALTED, VCPU_HASHED } from './qspin-config';
import type { SlowpathHooks } from './slowpath-hooks';
import { V13_HOOKS, v13StateName } from './v13-hooks';

/** A variant: what `lockstep list` shows, plus the model configuration behind it. */
export interface QspinVariant {
  readonly spec: VariantSpec;
  readonly config: QspinConfig;
  readonly hooks: SlowpathHooks;
  readonly stateName: (s: number) => string;
}

/**
 * The two-lock program of seeds-qspinlock.md 5.2 item 4, with cpu2 nesting instead of taking M
 * alone (so that every operation kind takes L): cpu0 [L; M{L}], cpu1 [L; L], cpu2 [L; M{L}].
 */
/** Owner, pending waiter, queue head and one queued cpu behind it: the smallest native program with a prev->next link. */
export const FOUR_CPU_WORKLOAD: Workload = Object.freeze({
  ops: Object.freeze([Object.freeze(['L']), Object.freeze(['L']), Object.freeze(['L']), Object.freeze(['L'])]),
});

export const TWO_LOCK_WORKLOAD: Workload = Object.freeze({
  ops: Object.freeze([Object.freeze(['L', 'ML']), Object.freeze(['L', 'L']), Object.freeze(['L', 'ML'])]),
});

function variant(spec: VariantSpec, over: Partial<QspinConfig>, hooks: SlowpathHooks, stateName: (s: number) => string): QspinVariant {
  return Object.freeze({ spec: Object.freeze(spec), config: Object.freeze({ ...BASE_CONFIG, ...over }), hooks, stateName });
}

const nativeState = (s: number): string => String(s);

/** Variants of target `qspinlock`. */
export const NATIVE_VARIANTS: readonly QspinVariant[] = Object.freeze([
  variant(
    { name: 'native', summary: 'native qspinlock v4.2-v4.8: pending bit, MCS queue, byte-store unlock', expect: { sc: 'clean', tso: 'clean' } },
    { flavour: 'native' },
    NATIVE_HOOKS,
    nativeState,
  ),
  variant(
    {
      name: 'native-relaxed-tail',
      summary: "native with v4.18's node publication (Will Deacon's 2018 arm64 series): xchg_tail relaxed, an smp_wmb before it orders the node's initialisation",
      expect: { sc: 'clean', tso: 'clean' },
    },
    { flavour: 'native', tailOrder: 'relaxed', nodeInitWmb: true },
    NATIVE_HOOKS,
    nativeState,
  ),
  variant(
    {
      name: 'native-relaxed-tail-no-wmb',
      summary:
        "BUG on weakly ordered cpus (the node-init vs prev->next ordering of 95bcade33a8a): v4.18's relaxed xchg_tail without its smp_wmb; the node's initialising store lands after prev->next is linked, wiping the predecessor's hand-off (locked) or the successor's link (next), and a cpu waits forever. Needs a queue behind a queue head: 4 cpus",
      expect: { sc: 'clean', tso: 'clean', 'arm64-lite': 'hang' },
      defaultMemory: 'arm64-lite',
      defaultWorkload: FOUR_CPU_WORKLOAD,
    },
    { flavour: 'native', tailOrder: 'relaxed', nodeInitWmb: false },
    NATIVE_HOOKS,
    nativeState,
  ),
]);

/** Variants of target `pvqspinlock`. */
export const PV_VARIANTS: readonly QspinVariant[] = Object.freeze([
  variant(
    {
      name: 'v4.7',
      summary: 'PV qspinlock before 229ce631: the head publishes vcpu_halted, so pv_kick_node can hash it a second time (I-H1; BUG in pv_hash when the table is tight)',
      expect: { sc: 'violation', tso: 'violation' },
    },
    { flavour: 'pv', headWaitState: VCPU_HALTED },
    PV_HOOKS,
    pvStateName,
  ),
  variant(
    {
      name: 'v4.7-two-locks',
      summary: 'v4.7 with two locks in one hash bucket and the stale-entry checks as diagnostics: the stale entry misdirects a kick and a queue head halts forever',
      expect: { sc: 'hang', tso: 'hang' },
      defaultWorkload: TWO_LOCK_WORKLOAD,
    },
    { flavour: 'pv', headWaitState: VCPU_HALTED, hashSize: 4, strictHash: false },
    PV_HOOKS,
    pvStateName,
  ),
  variant(
    { name: 'v4.8', summary: 'the landed fix 229ce631: the head publishes vcpu_hashed; after a steal the head busy-polls (no hang)', expect: { sc: 'clean', tso: 'clean' } },
    { flavour: 'pv', headWaitState: VCPU_HASHED },
    PV_HOOKS,
    pvStateName,
  ),
  variant(
    {
      name: 'v4.8-blind-wait',
      summary: 'v4.8 with a pv_wait that does not re-check *ptr: head kicked, lock stolen, head halts with nobody to kick it',
      expect: { sc: 'hang', tso: 'hang' },
    },
    { flavour: 'pv', headWaitState: VCPU_HASHED, blindWait: true },
    PV_HOOKS,
    pvStateName,
  ),
  variant(
    {
      name: 'v4.8-no-node-mb',
      summary: 'v4.8 with the full barrier after `state = halted` in pv_wait_node dropped: under tso the owner misses the halted waiter and never kicks it (section 9 mutation)',
      expect: { sc: 'clean', tso: 'hang' },
      defaultMemory: 'tso',
    },
    { flavour: 'pv', headWaitState: VCPU_HASHED, nodeStoreNoMb: true },
    PV_HOOKS,
    pvStateName,
  ),
  variant(
    {
      name: 'v4.8-no-unlock-rmb',
      summary:
        "BUG on weakly ordered cpus: v4.8 without the smp_rmb of the unlock slowpath (\"a failed cmpxchg doesn't provide any memory-ordering guarantees\"): the unlocker reads the hash entry as it was before the head hashed itself (no entry, or a NULL node) and BUGs",
      expect: { sc: 'clean', tso: 'clean', 'arm64-lite': 'violation' },
      defaultMemory: 'arm64-lite',
    },
    { flavour: 'pv', headWaitState: VCPU_HASHED, unlockRmb: false },
    PV_HOOKS,
    pvStateName,
  ),
  variant(
    { name: 'hash-val', summary: "Peter Zijlstra's _Q_HASH_VAL proposal (seed 000): hashing serialised through the lock byte, re-hash after a steal", expect: { sc: 'clean', tso: 'clean' } },
    { flavour: 'hash-val' },
    HASH_VAL_HOOKS,
    hashValStateName,
  ),
  variant(
    {
      name: 'v13-2014',
      summary:
        "Waiman Long's v13 design (seed 001): correct under sc; under tso the barrier-less mayhalt check loses the kick. With 4 acquisitions of L a WARN in pv_get_qhead may show first: a stale queue-head pointer copied past a buffered store in pv_set_head_in_tail (6.3 iv). On arm64-lite a WARN shows at once: the unlock slowpath reads the queue head's node after a failed cmpxchg, which orders nothing there (no smp_rmb, as the 2016 code has)",
      expect: { sc: 'clean', tso: 'hang', 'arm64-lite': 'violation' },
      defaultMemory: 'tso',
    },
    { flavour: 'v13' },
    V13_HOOKS,
    v13StateName,
  ),
  variant(
    {
      name: 'v13-2014-plain-unlock',
      summary: 'v13 with a plain byte-store unlock: it overwrites the head\'s _Q_LOCKED_SLOWPATH, no kick (the race seed 001 names)',
      expect: { sc: 'hang', tso: 'hang' },
    },
    { flavour: 'v13', plainUnlock: true },
    V13_HOOKS,
    v13StateName,
  ),
]);
