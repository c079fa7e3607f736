import { HAND_OVER } from '../strategy/strategy';

/**
 * A decision log cut at the logged HAND_OVER (-1): the runtime logs it where the strategy's
 * prefix ended, and nothing after it counts (the fair continuation is a function of the
 * state). Both the decisions and the replay strategy already stop there; this form is what
 * the fuzzer stores and compares (log lengths, corpus hashes) and what corpus replay counts
 * decisions against.
 */
export function replayableLog(decisions: readonly number[]): number[] {
  const end = decisions.indexOf(HAND_OVER);
  return end < 0 ? [...decisions] : decisions.slice(0, end);
}
