import { STATED_SHARE_DIV, hintedArbitrary, racingShape, sampleRuns } from './run-sample';
import fc from 'fast-check';
import { sameOpCount } from '../target/workload-constraints';
import type { WorkloadShape } from '../target/target';

const shape: WorkloadShape = { threads: { min: 1, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['L', 'M'] };
// a workload the generator cannot produce (kind outside the shape), so it is recognisable
const stated = { ops: [['X'], ['X'], ['Y', 'X']] };
const hint = { workload: stated };
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

describe('sampleRuns', () => {
  it('is a pure function of the seed', () => {
    expect(sampleRuns(5, shape, 50, 16, hint)).toEqual(sampleRuns(5, shape, 50, 16, hint));
    expect(sampleRuns(5, shape, 50, 16)).not.toEqual(sampleRuns(6, shape, 50, 16));
  });
  it("draws one run in STATED_SHARE_DIV near a variant's hinted workload: itself (2/3) or a mutation of it (1/3)", () => {
    const runs = 1800;
    const samples = sampleRuns(3, shape, runs, 16, hint);
    const exact = samples.filter((r) => same(r.workload, stated)).length;
    // a mutation keeps the threads and list lengths and most of the hint's (unshaped) kinds
    const near = samples.filter((r) => !same(r.workload, stated) && same(r.workload.ops.map((x) => x.length), [1, 1, 2]) && r.workload.ops.flat().some((k) => k === 'X' || k === 'Y')).length;
    expect(Math.abs((exact + near) / runs - 1 / STATED_SHARE_DIV)).toBeLessThan(0.04);
    // a mutation that happened to keep every operation counts as exact
    expect(exact / runs).toBeGreaterThan(2 / (3 * STATED_SHARE_DIV) - 0.03);
    expect(near / runs).toBeGreaterThan(1 / (6 * STATED_SHARE_DIV));
  });
  it('a hint of counts only draws workloads of that size, fitted to the constraints', () => {
    const constrained = { ...shape, constraints: [sameOpCount()] };
    for (const w of fc.sample(hintedArbitrary(constrained, { threads: 3, opsPerThread: 2 }), { seed: 1, numRuns: 100 })) {
      expect(w.ops.map((r) => r.length)).toEqual([2, 2, 2]);
    }
    // counts outside the shape are clamped to it
    for (const w of fc.sample(hintedArbitrary(shape, { threads: 9 }), { seed: 1, numRuns: 20 })) expect(w.ops.length).toBe(4);
  });
  it('generates workloads within the shape when no workload is stated', () => {
    for (const r of sampleRuns(3, shape, 300, 16)) {
      expect(r.workload.ops.length).toBeGreaterThanOrEqual(1);
      expect(r.workload.ops.length).toBeLessThanOrEqual(4);
      for (const row of r.workload.ops) for (const k of row) expect(['L', 'M']).toContain(k);
      expect(r.pick).toBeGreaterThanOrEqual(0);
      expect(r.pick).toBeLessThan(1);
    }
  });
});

describe('racingShape', () => {
  it('asks for at least two threads where the target allows two, and leaves other shapes alone', () => {
    expect(racingShape(shape).threads).toEqual({ min: 2, max: 4, default: 3 });
    const solo = { ...shape, threads: { min: 1, max: 1, default: 1 } };
    expect(racingShape(solo)).toBe(solo);
    for (const r of sampleRuns(9, shape, 300, 8)) expect(r.workload.ops.length).toBeGreaterThanOrEqual(2);
  });
});
