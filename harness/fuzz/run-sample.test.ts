import { STATED_SHARE_DIV, racingShape, sampleRuns } from './run-sample';
import type { WorkloadShape } from '../target/target';

const shape: WorkloadShape = { threads: { min: 1, max: 4, default: 3 }, opsPerThread: { min: 1, max: 3, default: 1 }, opKinds: ['L', 'M'] };
// a workload the generator cannot produce (kind outside the shape), so it is recognisable
const stated = { ops: [['X'], ['X'], ['Y', 'X']] };

describe('sampleRuns', () => {
  it('is a pure function of the seed', () => {
    expect(sampleRuns(5, shape, 50, 16, stated)).toEqual(sampleRuns(5, shape, 50, 16, stated));
    expect(sampleRuns(5, shape, 50, 16)).not.toEqual(sampleRuns(6, shape, 50, 16));
  });
  it("runs a variant's stated workload in about one run in STATED_SHARE_DIV", () => {
    const runs = 1200;
    const hits = sampleRuns(3, shape, runs, 16, stated).filter((r) => r.workload === stated || JSON.stringify(r.workload) === JSON.stringify(stated)).length;
    expect(Math.abs(hits / runs - 1 / STATED_SHARE_DIV)).toBeLessThan(0.05);
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
