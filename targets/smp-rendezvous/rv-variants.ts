import type { VariantSpec } from '../../harness';
import { gaponBProtocol } from './rv-gapon-b';
import { landedProtocol } from './rv-landed';
import { originalProtocol } from './rv-original';
import type { RvProtocol } from './rv-protocol';

/** The smp_rendezvous variants side by side (seeds-rendezvous-futex-perf.md 1.3, 1.7 matrix). */
export const RV_VARIANTS: readonly VariantSpec[] = [
  {
    name: 'original',
    summary: 'subr_smp.c rev 1.223 (3 counters, params fetched before the entry barrier): exit counter reset under a cpu still spinning on it (hang, irqs off); teardown after the call returned (arg use-after-free)',
    expect: { sc: 'hang', tso: 'hang' },
  },
  {
    name: 'gapon-a',
    summary: "Gapon's proposal, Baldwin's reading: V0 plus an entry wait for smp_rv_waiters[2] == ncpus; W[2] == ncpus does not mean everyone saw it: same hang, same use-after-free",
    expect: { sc: 'hang', tso: 'hang' },
  },
  {
    name: 'gapon-b',
    summary: "Gapon's proposal, literal reading: no entry barrier, W[2] = 'fully done', the next initiator waits for it: no hang, but the initiator returns before the teardowns ran (arg use-after-free)",
    expect: { sc: 'violation', tso: 'violation' },
  },
  {
    name: 'generation',
    summary: 'NetApp generation count (r222032): the exit spin also ends on a new generation: no hang, but a teardown of call k runs after k returned, during call k+1 (isolation / arg lifetime)',
    expect: { sc: 'violation', tso: 'violation' },
  },
  {
    name: 'generation-late-snapshot',
    summary: 'mutant M1 of the generation patch: the generation is sampled after the W[2] increment, so a late cpu can sample the NEXT generation and the V0 hang returns',
    expect: { sc: 'hang', tso: 'hang' },
  },
  {
    name: 'landed',
    summary: 'landed fix (r222254, releng/9.x): 4 counters, params fetched after the entry barrier, initiator waits for smp_rv_waiters[3] == ncpus: clean',
    expect: { sc: 'clean', tso: 'clean' },
  },
  {
    name: 'landed-no-final-wait',
    summary: 'mutant M3 of the landed fix: the initiator does not wait for smp_rv_waiters[3] == ncpus: the original hang and use-after-free return',
    expect: { sc: 'hang', tso: 'hang' },
  },
  {
    name: 'landed-unfenced-ipi',
    summary: 'landed fix with an IPI send that does not drain the store buffer (arm64 before D25798): the initiator\'s W[0] = 0 lands after a target\'s increment: hang at ncpus-1 under tso',
    expect: { sc: 'clean', tso: 'hang' },
    knobs: { ipiSendIsFence: false },
    defaultMemory: 'tso',
  },
  {
    name: 'landed-results',
    summary: "landed fix as in FreeBSD head (atomic_add_rel_int on smp_rv_waiters[3]) with actions that store per-cpu results into *arg, read by the caller when smp_rendezvous returns (tsc.c style): clean",
    expect: { sc: 'clean', tso: 'clean' },
  },
  {
    name: 'landed-results-relaxed-done',
    summary: "the same with releng/9.x's barrier-free atomic_add_int on smp_rv_waiters[3] (a LOCK add on x86, no order on arm64): a result store becomes visible after the increment and the caller reads it stale (arm64-lite only)",
    expect: { sc: 'clean', tso: 'clean', 'arm64-lite': 'violation' },
    defaultMemory: 'arm64-lite',
  },
];

/**
 * The protocols, built once per module: they are stateless, and a generator function created
 * per execution would get its own hidden class (targets/classic/README.md "Code shape (speed)").
 */
const RV_PROTOCOLS: ReadonlyMap<string, RvProtocol> = (() => {
  const landed = landedProtocol();
  return new Map<string, RvProtocol>([
    ['original', originalProtocol({ entryWaitOnExitCounter: false, generation: false })],
    ['gapon-a', originalProtocol({ entryWaitOnExitCounter: true, generation: false })],
    ['gapon-b', gaponBProtocol()],
    ['generation', originalProtocol({ entryWaitOnExitCounter: false, generation: true })],
    ['generation-late-snapshot', originalProtocol({ entryWaitOnExitCounter: false, generation: true, lateSnapshot: true })],
    ['landed', landed],
    ['landed-unfenced-ipi', landed],
    ['landed-no-final-wait', landedProtocol({ waitAllDone: false })],
    ['landed-results', landedProtocol({ results: true, addOrder: 'relaxed', doneOrder: 'release' })],
    ['landed-results-relaxed-done', landedProtocol({ results: true, addOrder: 'relaxed', doneOrder: 'relaxed' })],
  ]);
})();

/** The protocol of a variant name, or undefined. */
export function rvProtocolFor(variant: string): RvProtocol | undefined {
  return RV_PROTOCOLS.get(variant);
}
