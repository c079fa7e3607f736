import type { ChoiceOption, OptionKind } from '../strategy/strategy';

/** Threads up to which the option objects are shared constants. */
const SHARED = 64;
/** Flush slots (arm64-lite) up to which the flush options are shared constants. */
const SHARED_SLOTS = 8;

function table(kind: OptionKind, slot = 0): readonly ChoiceOption[] {
  return Object.freeze(Array.from({ length: SHARED }, (_, target) => Object.freeze({ kind, target, slot })));
}

const THREAD = table('thread');
const FLUSH = table('flush');
const IPI = table('ipi');
const TIMEOUT = table('timeout');
const SIGNAL = table('signal');
/** FLUSH_SLOTS[slot][cpu]; slot 0 is FLUSH. */
const FLUSH_SLOTS: readonly (readonly ChoiceOption[])[] = Object.freeze(Array.from({ length: SHARED_SLOTS }, (_, s) => (s === 0 ? FLUSH : table('flush', s))));

/**
 * The immutable option objects of scheduling points, indexed by thread / cpu, shared by all
 * executions (frozen constants, so sharing them is safe): up to 64 threads the shared table
 * itself, so an execution allocates nothing for them. Flush options are those of slot 0.
 */
export function choiceOptions(kind: OptionKind, threads: number): readonly ChoiceOption[] {
  const shared = kind === 'thread' ? THREAD : kind === 'flush' ? FLUSH : kind === 'ipi' ? IPI : kind === 'timeout' ? TIMEOUT : SIGNAL;
  if (threads <= SHARED) return shared;
  const out: ChoiceOption[] = [...shared];
  for (let i = SHARED; i < threads; i++) out.push(Object.freeze({ kind, target: i, slot: 0 }));
  return out;
}

/** The flush option of `cpu`'s committable store `slot` (a shared constant when small, else a new frozen object). */
export function flushSlotOption(cpu: number, slot: number): ChoiceOption {
  if (slot < SHARED_SLOTS && cpu < SHARED) return FLUSH_SLOTS[slot][cpu];
  return Object.freeze({ kind: 'flush', target: cpu, slot });
}
