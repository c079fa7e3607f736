/**
 * Shared waitUntil predicates. Hoisted so that a spin-wait does not allocate a closure on
 * every lock operation (the step loop is hot: ARCHITECTURE.md habit 7).
 */
export const isZero = (v: number): boolean => v === 0;
export const isOne = (v: number): boolean => v === 1;
export const isNonZero = (v: number): boolean => v !== 0;
export const isEven = (v: number): boolean => (v & 1) === 0;
