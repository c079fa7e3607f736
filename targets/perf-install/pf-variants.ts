import type { VariantSpec } from '../../harness';
import { dec7Protocol, landedProtocol, v49Protocol, type InstallProtocol } from './pf-install';

/** perf_install_in_context versions (notes 3.4). */
export const PF_VARIANTS: readonly VariantSpec[] = [
  {
    name: 'v4.9',
    summary: 'v4.9: IPI task_cpu(T) unconditionally and retry; T blocked on an offline cpu: -ENXIO forever while get_online_cpus() is held, cpu_up waits forever (livelock / hang)',
    expect: { sc: 'hang', tso: 'hang' },
  },
  {
    name: 'dec7-hack',
    summary: "Peter's Dec-7 hack: decide from T->state under pi_lock; T INTERRUPTIBLE but still current, sleep cancelled: event added but never programmed while T runs",
    expect: { sc: 'violation', tso: 'violation' },
  },
  {
    name: 'landed',
    summary: '63cae12bce98 (v4.10): smp_mb, task_function_call, task_curr() under ctx->lock: clean',
    expect: { sc: 'clean', tso: 'clean' },
  },
  {
    name: 'landed-no-mb',
    summary: "landed without the smp_mb() (Will's question), locks acquire-only: the T->perf_event_ctxp store sits in the store buffer while the scheduler misses it and task_curr() misses T: event lost under tso",
    expect: { sc: 'clean', tso: 'violation' },
    knobs: { lockAcquireIsFence: false },
    defaultMemory: 'tso',
  },
  {
    name: 'landed-wmb-before-spinlock',
    summary:
      "landed, with __schedule's smp_mb__before_spinlock() as the generic smp_wmb() of that era and acquire-only locks: still clean on arm64-lite, because ARMv8 orders the wake-up's unlock (STLR) before the switch-in's lock (LDAXR), which keeps the task_cpu store before the ctxp load",
    expect: { sc: 'clean', tso: 'clean' },
    defaultMemory: 'arm64-lite',
  },
];

/** `smp_mb__before_spinlock()` of a variant's scheduler (pf-state.ts). */
export function pfSchedBarrierFor(variant: string): 'mb' | 'wmb' {
  return variant === 'landed-wmb-before-spinlock' ? 'wmb' : 'mb';
}

/**
 * The protocols, built once per module: they are stateless, and a generator function created
 * per execution would get its own hidden class (targets/classic/README.md "Code shape (speed)").
 */
const PF_PROTOCOLS: ReadonlyMap<string, InstallProtocol> = new Map<string, InstallProtocol>([
  ['v4.9', v49Protocol()],
  ['dec7-hack', dec7Protocol()],
  ['landed', landedProtocol(true)],
  ['landed-no-mb', landedProtocol(false)],
  ['landed-wmb-before-spinlock', landedProtocol(true)],
]);

/** Protocol of a variant, or undefined. */
export function pfProtocolFor(variant: string): InstallProtocol | undefined {
  return PF_PROTOCOLS.get(variant);
}
