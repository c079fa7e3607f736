import * as v8 from 'node:v8';

/**
 * V8 flags of a campaign process (issue 12 goal 1: compilation was about a fifth of a
 * campaign's CPU). A campaign runs each cell's target for a few hundred milliseconds, so many
 * functions are hot only briefly, and the engine's generic code meets every target's object
 * shapes: at V8 11's defaults each worker ran 2,500-3,000 TurboFan jobs for the all-cells
 * campaign and threw ~650 of them away on "wrong map" deopts, each time re-optimising a big
 * function with the whole step loop inlined into it.
 * `--interrupt-budget` at twice the default (67,584 bytecode bytes between tier-up checks): only
 * the functions that stay hot reach TurboFan. Measured with `npm run bench -- workers` (README
 * "Work per execution against workers"); a long single-target campaign is not slower (qspinlock
 * + pvqspinlock under tso, 600,000 executions: 35.0-36.2 s CPU against 36.0-38.8 s). A smaller
 * cumulative inlining budget (300) cut compilation further but made that long campaign 8 %
 * slower (38.0-40.0 s): not kept.
 */
export const CAMPAIGN_V8_FLAGS = ['--interrupt-budget=135168'] as const;

/**
 * Tune V8 for a campaign (fuzz, triage): the flags are process-wide, so the pool's worker
 * threads created afterwards inherit them. Only the CLI calls this, never the library (a
 * user's test runner keeps V8 as it is). Ignored where the runtime refuses a flag.
 */
export function tuneJitForCampaign(): void {
  for (const flag of CAMPAIGN_V8_FLAGS) {
    try {
      v8.setFlagsFromString(flag);
    } catch {
      // flags frozen by the runtime: the campaign runs as it is
    }
  }
}
