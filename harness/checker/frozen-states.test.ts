import fc from 'fast-check';
import { checkWithSpec } from './check-with-spec';
import { resolveSpec, specNames } from './index';
import { Choices, type SequentialSpec } from './spec';
import { arbLinearizable, arbMutation, mutate } from './testing/random-histories';
import type { Operation } from '../history/operation';

function deepFreeze<T>(v: T): T {
  if (v !== null && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v as object)) deepFreeze(x);
  }
  return v;
}

/** The same spec, but every state it hands out is deep-frozen: a mutating step throws. */
function frozen<S>(spec: SequentialSpec<S>): SequentialSpec<S> {
  return {
    ...spec,
    fastCheck: undefined, // the search must step through the states
    initialState: () => deepFreeze(spec.initialState()),
    step(s, op) {
      const r = spec.step(s, op);
      if (r instanceof Choices) { for (const x of r.states) deepFreeze(x); return r; }
      return deepFreeze(r as S);
    },
  };
}

const P = (id: number, process: number, f: string, input: unknown, output: unknown, call: number, ret?: number, key?: string): Operation =>
  ({ id, process, f, input, output, call, ret, ...(key !== undefined ? { key } : {}) });

// hand-made histories touching every op of the object-state specs
const EXTRA: Record<string, Operation[]> = {
  rwlock: [P(0, 0, 'read-lock', null, null, 0, 1), P(1, 1, 'read-lock', null, null, 0, 1), P(2, 0, 'read-unlock', null, null, 2, 3), P(3, 1, 'read-unlock', null, null, 2, 3),
    P(4, 2, 'try-write-lock', null, null, 4), P(5, 1, 'try-read-lock', null, false, 4, 9)],
  'barrier:2': [P(0, 0, 'await', null, 0, 0, 5), P(1, 1, 'await', null, 1, 1, 6), P(2, 0, 'await', null, null, 7, 10), P(3, 1, 'await', null, null, 8, 11), P(4, 0, 'await', null, null, 12)],
  rendezvous: [P(0, 0, 'rendezvous', { id: 1, cpus: [0, 1, 2] }, null, 0, 10), P(1, 1, 'action', 1, null, 1, 2), P(2, 2, 'action', 1, null, 1, 3), P(3, 0, 'action', 1, null, 4, 5)],
  'mutex-condvar': [P(0, 0, 'lock', null, null, 0, 1), P(1, 0, 'wait', null, null, 2, 20), P(2, 1, 'lock', null, null, 3, 4), P(3, 1, 'wait', null, null, 5, 21),
    P(4, 2, 'broadcast', null, null, 6, 7), P(5, 2, 'try-lock', null, null, 8), P(6, 2, 'signal', null, null, 9, 10)],
  stack: [P(0, 0, 'push', 1, null, 0, 3), P(1, 1, 'push', 2, null, 1, 4), P(2, 2, 'pop', null, 2, 5, 6), P(3, 0, 'pop', null, 1, 5, 8), P(4, 1, 'pop', null, null, 9, 10), P(5, 2, 'pop', null, null, 11)],
  'kv-nopartition': [P(0, 0, 'put', 'a', null, 0, 3, 'x'), P(1, 1, 'append', 'b', null, 1, 4, 'x'), P(2, 2, 'get', null, 'ab', 5, 6, 'x'), P(3, 2, 'append', 'c', null, 5, 6, 'y')],
  queue: [P(0, 0, 'enqueue', 1, null, 0, 3), P(1, 1, 'enqueue', 2, null, 1, 4), P(2, 2, 'dequeue', null, 2, 5, 6), P(3, 2, 'dequeue', null, null, 7)],
};

describe('specs never mutate states (deep-frozen states)', () => {
  it('a mutating spec is caught by the frozen wrapper (the test can fail)', () => {
    const bad: SequentialSpec<{ n: number }> = {
      name: 'bad', summary: '', initialState: () => ({ n: 0 }), describeState: (s) => String(s.n),
      hash: (s) => s.n, equal: (a, b) => a.n === b.n,
      step: (s) => { s.n++; return s; },
    };
    expect(() => checkWithSpec(frozen(bad), [P(0, 0, 'x', null, null, 0, 1)])).toThrow(TypeError);
  });

  it.each(Object.entries(EXTRA))('%s steps through hand-made histories on frozen states', (name, ops) => {
    const plain = checkWithSpec(resolveSpec(name), ops);
    expect(checkWithSpec(frozen(resolveSpec(name)), ops).verdict).toBe(plain.verdict);
  });

  it('every executable spec steps on frozen states through random and mutated histories', () => {
    fc.assert(fc.property(arbLinearizable(12, 0.2), fc.array(arbMutation, { maxLength: 2 }), ({ spec, ops }, muts) => {
      const h = muts.reduce(mutate, ops);
      expect(checkWithSpec(frozen(resolveSpec(spec)), h).verdict).toBe(checkWithSpec(resolveSpec(spec), h).verdict);
    }), { numRuns: 300, seed: 21 });
  });

  it('covers every registered spec', () => {
    const covered = new Set([...Object.keys(EXTRA), 'register', 'cas-register', 'mutex', 'semaphore:2', 'kv'].map((n) => n.split(':')[0]));
    expect(specNames().filter((n) => !covered.has(n))).toEqual([]);
  });
});
