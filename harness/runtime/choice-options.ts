import type { ChoiceOption, OptionKind } from '../strategy/strategy';

/** Threads up to which the option objects are shared constants. */
const SHARED = 64;

function table(kind: OptionKind): readonly ChoiceOption[] {
  return Object.freeze(Array.from({ length: SHARED }, (_, target) => Object.freeze({ kind, target })));
}

const THREAD = table('thread');
const FLUSH = table('flush');
const IPI = table('ipi');
const TIMEOUT = table('timeout');
const SIGNAL = table('signal');

/**
 * The immutable option objects of scheduling points, indexed by thread / cpu, shared by all
 * executions (frozen constants, so sharing them is safe): up to 64 threads the shared table
 * itself, so an execution allocates nothing for them.
 */
export function choiceOptions(kind: OptionKind, threads: number): readonly ChoiceOption[] {
  const shared = kind === 'thread' ? THREAD : kind === 'flush' ? FLUSH : kind === 'ipi' ? IPI : kind === 'timeout' ? TIMEOUT : SIGNAL;
  if (threads <= SHARED) return shared;
  const out: ChoiceOption[] = [...shared];
  for (let i = SHARED; i < threads; i++) out.push(Object.freeze({ kind, target: i }));
  return out;
}
