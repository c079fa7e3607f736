import { cellWeight, GENERATOR_BATCH_FACTOR } from './cell-weight';
import type { WorkloadShape } from '../target/target';

const shape = (max: number): WorkloadShape => ({ threads: { min: 1, max, default: 2 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['lock'] });
const F = GENERATOR_BATCH_FACTOR;

describe('cellWeight', () => {
  it('counts the most threads, and each cpu store buffer under tso', () => {
    expect(cellWeight(shape(2), 'sc')).toBe(2 * F);
    expect(cellWeight(shape(4), 'sc')).toBe(4 * F);
    expect(cellWeight(shape(4), 'tso')).toBe(8 * F);
    expect(cellWeight(shape(3), 'tso')).toBe(6 * F);
  });
  it('gives an async cell (dearer executions) one batch per GENERATOR_BATCH_FACTOR of a generator cell', () => {
    expect(cellWeight(shape(3), 'sc', 'async')).toBe(3);
    expect(cellWeight(shape(3), 'sc', 'generator') / cellWeight(shape(3), 'sc', 'async')).toBe(F);
  });
  it('is a positive integer even for a degenerate shape', () => {
    expect(cellWeight(shape(0), 'sc')).toBe(F);
    expect(cellWeight(shape(0), 'sc', 'async')).toBe(1);
  });
});
