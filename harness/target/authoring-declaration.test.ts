import { builtinTargets } from './builtin-targets';
import type { Target } from './target';
import { targetDeclarationProblem } from './target-shape';
import { sameOpCount } from './workload-constraints';

const base: Target = {
  name: 'mine',
  summary: 's',
  variants: [{ name: 'v', summary: 'v', expect: { sc: 'clean', tso: 'clean' } }],
  workload: { threads: { min: 2, max: 3, default: 2 }, opsPerThread: { min: 1, max: 2, default: 1 }, opKinds: ['await'] },
  setup: () => ({ threads: [] }),
};
const problem = (over: Partial<Target>): string | undefined => targetDeclarationProblem({ ...base, ...over } as Target);

describe('declaration checks of the authoring fields (exit 2 before anything runs)', () => {
  it('accepts a spec that is a function of the workload, and checks what it returns for the default workload', () => {
    expect(problem({ spec: (w) => `barrier:${w.ops.length}` })).toBeUndefined();
    expect(problem({ spec: () => undefined })).toBeUndefined();
    expect(problem({ spec: () => 'barier:2' })).toMatch(/^target 'mine': 'spec' for the default workload: unknown spec "barier:2" \(expected one of: mutex, /);
    expect(problem({ spec: () => { throw new Error('boom'); } })).toBe("target 'mine': 'spec' threw for the default workload: boom");
    expect(problem({ spec: 'semaphore:0' })).toBeUndefined();
  });

  it('checks constraints, the progress rule and variant hints', () => {
    const shape = (constraints: unknown) => ({ workload: { ...base.workload, constraints } }) as Partial<Target>;
    expect(problem(shape([sameOpCount()]))).toBeUndefined();
    expect(problem(shape([{ name: 'x' }]))).toBe("target 'mine': workload.constraints[0] must be { name: string, check(w), fix?(w, shape) } (see threadsDoing, sameOpCount, ...)");
    expect(problem(shape([{ name: 'never', check: () => 'no' }]))).toBe("target 'mine': workload: the shape's default workload cannot be brought into its constraints (constraint 'never': no)");
    expect(problem({ progress: 'sometimes' as never })).toBe("target 'mine': 'progress' must be 'returns' or 'explicit', got \"sometimes\"");
    const hinted = (hint: object) => ({ variants: [{ ...base.variants[0]!, hint }] }) as Partial<Target>;
    expect(problem(hinted({ threads: 3, opsPerThread: 2 }))).toBeUndefined();
    expect(problem(hinted({ threads: 9 }))).toBe("target 'mine': variant 'v': hint.threads must be an integer in 2..3, got 9");
    expect(problem(hinted({ workload: { ops: [['await'], ['wait']] } }))).toBe("target 'mine': variant 'v': hint.workload does not fit: thread 1 performs 'wait', which target 'mine' does not have (expected one of: await)");
  });

  it('every built-in target passes', () => {
    for (const t of builtinTargets()) expect(targetDeclarationProblem(t)).toBeUndefined();
  });
});
