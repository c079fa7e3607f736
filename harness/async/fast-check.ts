import fastCheck from 'fast-check';

/**
 * fast-check, the copy lockstep itself uses: draw operation arguments with it
 * (`WorkloadShape.opArgs`, e.g. `fc.integer({ min: 1, max: 30 })` for a timeout). Arbitraries
 * from this copy are the ones the shrinker can shrink (`canShrinkWithoutContext`); a second copy
 * of fast-check in a project would work for generation but is not guaranteed to shrink.
 */
export const fc: typeof fastCheck = fastCheck;
