import { cellWeight } from './cell-weight';
import type { WorkloadShape } from '../target/target';

const shape = (max: number): WorkloadShape => ({ threads: { min: 1, max, default: 2 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['lock'] });

describe('cellWeight', () => {
  it('counts the most threads, and each cpu store buffer under tso', () => {
    expect(cellWeight(shape(2), 'sc')).toBe(2);
    expect(cellWeight(shape(4), 'sc')).toBe(4);
    expect(cellWeight(shape(4), 'tso')).toBe(8);
    expect(cellWeight(shape(3), 'tso')).toBe(6);
  });
  it('is a positive integer even for a degenerate shape', () => {
    expect(cellWeight(shape(0), 'sc')).toBe(1);
  });
});
