import fc from 'fast-check';
import { jsonProblem, jsonWeight } from './json-value';
import type { WorkloadShape } from './target';
import { argsProblem, copyWorkload, defaultArg, formatWorkload, normalizeArgs, opArg, withDefaultArgs, withOp, withoutOp, withoutThread } from './workload-args';
import { defaultWorkload, smallWorkload, workloadArbitrary } from '../fuzz/workload-arbitrary';

const w = { ops: [['acq', 'rel'], ['acq']], args: [[5, null], [['a', 'b']]] };
const shape: WorkloadShape = {
  threads: { min: 1, max: 3, default: 2 }, opsPerThread: { min: 1, max: 3, default: 2 }, opKinds: ['acq', 'rel'],
  opArgs: { acq: fc.integer({ min: 1, max: 9 }) },
};

describe('workload arguments', () => {
  it('edits keep the arguments parallel to the operations', () => {
    expect(withoutThread(w, 0)).toEqual({ ops: [['acq']], args: [[['a', 'b']]] });
    expect(withoutOp(w, 0, 0)).toEqual({ ops: [['rel'], ['acq']], args: [[null], [['a', 'b']]] });
    expect(withOp(w, 1, 0, 'rel', null)).toEqual({ ops: [['acq', 'rel'], ['rel']], args: [[5, null], [null]] });
    // no argument left: the field disappears, so argument-free workloads are unchanged
    expect(withoutThread(withOp(w, 0, 0, 'rel', null), 1)).toEqual({ ops: [['rel', 'rel']] });
    expect(normalizeArgs({ ops: [['x']], args: [[null]] })).toEqual({ ops: [['x']] });
    expect(opArg({ ops: [['x']] }, 0, 0)).toBeNull();
    expect(copyWorkload(w)).toEqual(w);
    expect(copyWorkload(w).args).not.toBe(w.args);
  });

  it('names what does not fit', () => {
    expect(argsProblem(w)).toBeUndefined();
    expect(argsProblem({ ops: w.ops })).toBeUndefined();
    expect(argsProblem({ ops: w.ops, args: [[1, 2]] })).toMatch(/one list per thread \(2\)/);
    expect(argsProblem({ ops: w.ops, args: [[1, 2], [new Date(0)]] })).toMatch(/args\[1\]\[0\]: a Date is not a JSON value/);
    expect(jsonProblem({ a: [1, NaN] })).toMatch(/NaN/);
    // what fc.record draws: an object without a prototype
    expect(jsonProblem(Object.assign(Object.create(null) as object, { key: 'a', timeout: 3 }))).toBeUndefined();
  });

  it('prints arguments beside their operation', () => {
    expect(formatWorkload(w)).toBe('acq(5) rel | acq(["a","b"])');
    expect(formatWorkload({ ops: [['lock'], ['lock', 'trylock']] })).toBe('lock | lock trylock');
  });

  it('weighs arguments for the shrinker: smaller values, shorter lists weigh less', () => {
    expect(jsonWeight(0)).toBeLessThan(jsonWeight(3));
    expect(jsonWeight(['a'])).toBeLessThan(jsonWeight(['a', 'b']));
    expect(jsonWeight(null)).toBe(0);
    expect(jsonWeight({ t: 2 })).toBe(3);
  });

  it('generated and default workloads carry arguments from the shape, deterministically', () => {
    const samples = fc.sample(workloadArbitrary(shape), { seed: 4, numRuns: 50 });
    expect(samples).toEqual(fc.sample(workloadArbitrary(shape), { seed: 4, numRuns: 50 }));
    let withAny = 0;
    for (const s of samples) {
      expect(argsProblem(s)).toBeUndefined();
      s.ops.forEach((row, i) => row.forEach((k, j) => {
        const a = opArg(s, i, j);
        if (k === 'rel') expect(a).toBeNull();
        else { expect(Number.isInteger(a) && (a as number) >= 1 && (a as number) <= 9).toBe(true); withAny++; }
      }));
    }
    expect(withAny).toBeGreaterThan(0);
    const d = defaultWorkload(shape);
    expect(d.ops).toEqual([['acq', 'acq'], ['acq', 'acq']]);
    expect(d.args?.flat().every((a) => typeof a === 'number')).toBe(true);
    expect(smallWorkload(shape, 0)).toEqual(smallWorkload(shape, 0));
    expect(defaultArg(shape, 'rel', 3)).toBeNull();
    expect(withDefaultArgs({ ...shape, opArgs: undefined }, [['acq']])).toEqual({ ops: [['acq']] });
    // a shape without arguments generates workloads without the field
    expect(fc.sample(workloadArbitrary({ ...shape, opArgs: undefined }), { seed: 4, numRuns: 20 }).every((s) => !('args' in s))).toBe(true);
  });
});
