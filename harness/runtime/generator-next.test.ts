import { runExecution } from './execute';
import { asNativeGenerator, GENERATOR_NEXT, type FrameGenerator } from './generator-next';
import type { ThreadApi } from './thread-api';
import { ListStrategy, options, testTarget } from './test-support/test-target';

/** A hand-written iterator over a generator (not a native generator itself). */
function handWritten(g: FrameGenerator): FrameGenerator {
  const it = {
    next: (v?: unknown) => g.next(v),
    return: (v: void) => g.return(v),
    throw: (e: unknown) => g.throw(e),
    [Symbol.iterator]: () => it,
  };
  return it as unknown as FrameGenerator;
}

describe('generator-next', () => {
  it('keeps native generators and wraps anything else in one', () => {
    const g = (function* (): FrameGenerator { yield 1; })();
    expect(asNativeGenerator(g)).toBe(g);
    const h = handWritten((function* (): FrameGenerator { yield 2; })());
    const w = asNativeGenerator(h);
    expect(w).not.toBe(h);
    expect(GENERATOR_NEXT.call(w)).toEqual({ value: 2, done: false });
    expect(GENERATOR_NEXT.call(w)).toEqual({ value: undefined, done: true });
  });

  it('runs a thread body that returns a hand-written iterator like a generator body', () => {
    const run = (wrap: boolean) => {
      const target = testTarget((env) => {
        const x = env.mem.cell('x');
        const inner = function* (t: ThreadApi): FrameGenerator {
          const v = yield* t.readOnce(x);
          yield* t.writeOnce(x, v + 1);
        };
        const body = (t: ThreadApi) => (wrap ? handWritten(inner(t)) : inner(t));
        return { threads: [{ name: 'cpu0', body }, { name: 'cpu1', body }] };
      });
      return runExecution(options(target, new ListStrategy([0, 1, 1], 0), 'sc', { recordTrace: true }));
    };
    const plain = run(false);
    const wrapped = run(true);
    expect(wrapped.verdict).toBe('ok');
    expect(wrapped.steps).toBe(4);
    expect(wrapped.trace).toEqual(plain.trace);
    expect(wrapped.decisions).toEqual(plain.decisions);
  });
});
