import type { ChoiceOption, OptionKind } from '../strategy/strategy';

/** Threads up to which the option objects are shared constants. */
const SHARED = 64;

function table(kind: OptionKind): readonly ChoiceOption[] {
  return Object.freeze(Array.from({ length: SHARED }, (_, target) => Object.freeze({ kind, target })));
}

const THREAD = table('thread');
const FLUSH = table('flush');
const IPI = table('ipi');

/**
 * The immutable option objects of scheduling points, shared by all executions (they are
 * frozen constants, so sharing them is safe and saves 3n allocations per execution).
 */
export function choiceOptions(kind: OptionKind, threads: number): ChoiceOption[] {
  const shared = kind === 'thread' ? THREAD : kind === 'flush' ? FLUSH : IPI;
  const out: ChoiceOption[] = [];
  for (let i = 0; i < threads; i++) out.push(i < SHARED ? shared[i] : Object.freeze({ kind, target: i }));
  return out;
}
