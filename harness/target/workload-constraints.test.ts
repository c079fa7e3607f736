import fc from 'fast-check';
import { workloadArbitrary } from '../fuzz/workload-arbitrary';
import { defaultWorkload } from '../explore/default-workload';
import type { Target, Workload, WorkloadShape } from './target';
import { constrain, constraintProblem } from './workload-constraint';
import { needsPrior, opsOfKind, sameOpCount, threadsDoing } from './workload-constraints';
import { workloadProblem } from './workload-problem';
import { argsProblem, opArg } from './workload-args';

const shape = (constraints: WorkloadShape['constraints']): WorkloadShape => ({
  threads: { min: 1, max: 4, default: 3 },
  opsPerThread: { min: 1, max: 4, default: 2 },
  opKinds: ['take', 'put', 'lock', 'unlock'],
  constraints,
});
const w = (...rows: string[][]): Workload => ({ ops: rows });

describe('ready-made workload constraints', () => {
  it('threadsDoing: exactly one producer, fixed by moving puts and adding one', () => {
    const one = shape([threadsDoing('put', { min: 1, max: 1 }, 'one producer')]);
    expect(constraintProblem(one, w(['put'], ['take']))).toBeUndefined();
    expect(constraintProblem(one, w(['put'], ['take', 'put']))).toBe("constraint 'one producer': threads 0, 1 do put, at most 1 may");
    expect(constraintProblem(one, w(['take'], ['take']))).toBe("constraint 'one producer': 0 thread(s) do put, at least 1 must");
    expect(constrain(one, w(['put'], ['take', 'put'], ['put']))?.ops).toEqual([['put'], ['take', 'take'], ['take']]);
    expect(constrain(one, w(['take'], ['take']))?.ops).toEqual([['put'], ['take']]);
  });

  it('threadsDoing with only: the producer does nothing else', () => {
    const role = shape([threadsDoing('put', { min: 1, max: 1, only: true })]);
    expect(constraintProblem(role, w(['take', 'put'], ['take']))).toBe("constraint 'threads doing put: exactly 1, only put': thread 0 does put and other operations");
    expect(constrain(role, w(['take', 'put'], ['put', 'take']))?.ops).toEqual([['put', 'put'], ['take', 'take']]);
  });

  it('opsOfKind bounds the total count of one kind', () => {
    const atMostOne = shape([opsOfKind('lock', { max: 1 })]);
    expect(constraintProblem(atMostOne, w(['lock', 'lock']))).toBe("constraint 'lock operations: at most 1': 2 lock operations, at most 1 allowed");
    expect(constrain(atMostOne, w(['lock', 'lock'], ['lock']))?.ops).toEqual([['lock', 'take'], ['take']]);
    const two = shape([opsOfKind('put', { min: 2 })]);
    expect(constrain(two, w(['take'], ['take', 'take']))?.ops).toEqual([['put'], ['put', 'take']]);
  });

  it('sameOpCount pads shorter threads with their last operation', () => {
    const rounds = shape([sameOpCount()]);
    expect(constraintProblem(rounds, w(['take'], ['take', 'put']))).toBe("constraint 'every thread performs the same number of operations': operations per thread are 1, 2");
    expect(constrain(rounds, w(['put'], ['take', 'put', 'put']))?.ops).toEqual([['put', 'put', 'put'], ['take', 'put', 'put']]);
  });

  it('needsPrior: an unlock needs an earlier lock of the same thread', () => {
    const paired = shape([needsPrior('unlock', 'lock')]);
    expect(constraintProblem(paired, w(['lock', 'unlock', 'unlock']))).toBe("constraint 'unlock needs an earlier lock': thread 0's operation 2 (unlock) has no earlier lock");
    expect(constraintProblem(paired, w(['lock', 'lock', 'unlock', 'unlock']))).toBeUndefined();
    expect(constrain(paired, w(['unlock', 'lock', 'unlock', 'unlock']))?.ops).toEqual([['lock', 'lock', 'unlock', 'unlock']]);
  });

  it('constrain gives up (undefined) on a workload no fix can bring into the constraints', () => {
    const impossible = shape([{ name: 'never', check: () => 'no workload is good enough' }]);
    expect(constrain(impossible, w(['take']))).toBeUndefined();
  });
});

describe('generation and defaults within the constraints', () => {
  const constrained = shape([threadsDoing('put', { min: 1, max: 1 }), needsPrior('unlock', 'lock'), sameOpCount()]);
  it('every generated workload satisfies every constraint', () => {
    const samples = fc.sample(workloadArbitrary(constrained), { seed: 7, numRuns: 300 });
    for (const s of samples) expect(constraintProblem(constrained, s)).toBeUndefined();
    // and the constraints do not collapse the search: many distinct workloads
    expect(new Set(samples.map((s) => JSON.stringify(s.ops))).size).toBeGreaterThan(100);
  });

  it('lockstep run fits its default workload to the constraints', () => {
    const target = { name: 't', workload: constrained } as unknown as Target;
    const d = defaultWorkload(target, 3, 2);
    expect(constraintProblem(constrained, d)).toBeUndefined();
    expect(d.ops.filter((r) => r.includes('put')).length).toBe(1);
  });
});

describe('constraints with operation arguments (Workload.args)', () => {
  it('fixes keep arguments parallel to the operations, and give a changed operation its kind\'s default argument', () => {
    const withArgs: WorkloadShape = { ...shape([threadsDoing('put', { min: 1, max: 1, only: true }), sameOpCount()]), opArgs: { put: fc.integer({ min: 1, max: 9 }) } };
    const samples = fc.sample(workloadArbitrary(withArgs), { seed: 3, numRuns: 200 });
    for (const s of samples) {
      expect(constraintProblem(withArgs, s)).toBeUndefined();
      expect(argsProblem(s)).toBeUndefined();
      s.ops.forEach((row, i) => row.forEach((k, j) => expect(typeof opArg(s, i, j) === 'number').toBe(k === 'put')));
    }
    const fixed = constrain(withArgs, { ops: [['take', 'put'], ['put']], args: [[null, 5], [7]] })!;
    expect(fixed.ops).toEqual([['put', 'put'], ['take', 'take']]);
    expect(fixed.args![0]![1]).toBe(5);
    expect(typeof fixed.args![0]![0]).toBe('number');
    expect(fixed.args![1]).toEqual([null, null]);
  });
});

describe('workloadProblem: the one check of a given workload', () => {
  const target = { name: 'pc', workload: shape([threadsDoing('put', { min: 1, max: 1 }, 'one producer')]) } as unknown as Target;
  it('names the bound, the kind or the constraint that is violated', () => {
    expect(workloadProblem(target, w(['put'], ['take']))).toBeUndefined();
    expect(workloadProblem(target, w())).toBe("0 threads, target 'pc' supports 1..4");
    expect(workloadProblem(target, w(['put'], ['grab']))).toBe("thread 1 performs 'grab', which target 'pc' does not have (expected one of: take, put, lock, unlock)");
    expect(workloadProblem(target, w(['put', 'take', 'take', 'take', 'take']))).toBe("thread 0 performs 5 operations, target 'pc' supports 1..4 per thread");
    expect(workloadProblem(target, w(['put'], ['put']))).toBe("target 'pc': workload violates constraint 'one producer': threads 0, 1 do put, at most 1 may");
  });
});
