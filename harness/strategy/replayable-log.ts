import { HAND_OVER } from '../strategy/strategy';

/**
 * The decision log as the decisions strategy replays it: the runtime logs HAND_OVER (-1)
 * where the strategy's prefix ended (and nothing after it: the fair continuation is a
 * function of the state), while the decisions strategy would read -1 as an index (d mod n).
 * Ending the array there means the same thing to it: "out of decisions, hand over".
 */
export function replayableLog(decisions: readonly number[]): number[] {
  const end = decisions.indexOf(HAND_OVER);
  return end < 0 ? [...decisions] : decisions.slice(0, end);
}
