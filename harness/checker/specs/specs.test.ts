import { checkHistory } from '../index';
import { opsFromIntervals, type OpTuple } from '../../history/ops-from-intervals';

const verdict = (spec: string, tuples: readonly OpTuple[]): string => checkHistory(spec, opsFromIntervals(tuples)).verdict;

describe('mutex spec', () => {
  it('accepts overlapping acquires that can be ordered', () => {
    expect(verdict('mutex', [[0, 'acquire', null, null, 0, 3], [1, 'acquire', null, null, 1, 10], [0, 'release', null, null, 4, 5], [1, 'release', null, null, 11, 12]])).toBe('linearizable');
  });
  it('rejects two processes holding the lock at once', () => {
    const r = checkHistory('mutex', opsFromIntervals([[0, 'acquire', null, null, 0, 1], [1, 'acquire', null, null, 2, 3], [0, 'release', null, null, 4, 5]]));
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.stuck).toContain(1);
    expect(r.explanation!.reason).toMatch(/process 1 acquired the mutex .*while process 0 held it/);
  });
  it('rejects a release by a non-owner', () => {
    expect(verdict('mutex', [[0, 'acquire', null, null, 0, 1], [1, 'release', null, null, 2, 3]])).toBe('not-linearizable');
  });
  it('judges try-acquire outputs and lets a pending acquire stay out', () => {
    expect(verdict('mutex', [[0, 'acquire', null, null, 0, 1], [1, 'try-acquire', null, false, 2, 3], [2, 'acquire', null, null, 4]])).toBe('linearizable');
    expect(verdict('mutex', [[1, 'try-acquire', null, false, 2, 3]])).toBe('not-linearizable');
    expect(verdict('mutex', [[0, 'acquire', null, null, 0, 1], [1, 'try-acquire', null, true, 2, 3]])).toBe('not-linearizable');
  });
  it('treats a try-acquire with unknown outcome as either result (nondeterministic step)', () => {
    expect(verdict('mutex', [[1, 'try-acquire', null, null, 0], [1, 'release', null, null, 5, 6]])).toBe('linearizable');
    expect(verdict('mutex', [[1, 'try-acquire', null, null, 0], [0, 'acquire', null, null, 5, 6]])).toBe('linearizable');
  });
});

describe('rwlock spec', () => {
  it('allows concurrent readers and rejects a writer among them', () => {
    expect(verdict('rwlock', [[0, 'read-lock', null, null, 0, 1], [1, 'read-lock', null, null, 2, 3], [0, 'read-unlock', null, null, 4, 5], [1, 'read-unlock', null, null, 6, 7]])).toBe('linearizable');
    expect(verdict('rwlock', [[0, 'read-lock', null, null, 0, 1], [1, 'write-lock', null, null, 2, 3]])).toBe('not-linearizable');
    expect(verdict('rwlock', [[0, 'write-lock', null, null, 0, 1], [1, 'try-read-lock', null, false, 2, 3], [0, 'write-unlock', null, null, 4, 5], [1, 'try-write-lock', null, true, 6, 7]])).toBe('linearizable');
    expect(verdict('rwlock', [[0, 'read-lock', null, null, 0, 1], [1, 'read-unlock', null, null, 2, 3]])).toBe('not-linearizable');
  });
});

describe('semaphore spec', () => {
  it('weighs numeric inputs: acquire(2) takes two permits, release(2) gives them back', () => {
    expect(verdict('semaphore:2', [[0, 'acquire', 2, null, 0, 1], [1, 'try-acquire', 1, true, 2, 3]])).toBe('not-linearizable');
    expect(verdict('semaphore:2', [[0, 'acquire', 2, null, 0, 1], [1, 'try-acquire', 1, false, 2, 3], [0, 'release', 2, null, 4, 5], [1, 'acquire', 2, null, 6, 7]])).toBe('linearizable');
    expect(verdict('semaphore:2', [[0, 'acquire', { timeout: 5 }, null, 0, 1], [1, 'acquire', null, null, 2, 3]])).toBe('linearizable');
    expect(() => checkHistory('semaphore:2', [{ id: 0, process: 0, f: 'acquire', input: 0, output: null, call: 0, ret: 1 }])).toThrow(/input 0 is not a weight/);
  });

  it('counts permits from the parameter', () => {
    const three: OpTuple[] = [[0, 'acquire', null, null, 0, 1], [1, 'acquire', null, null, 2, 3], [2, 'acquire', null, null, 4, 5]];
    expect(verdict('semaphore:2', three)).toBe('not-linearizable');
    expect(verdict('semaphore:3', three)).toBe('linearizable');
    expect(verdict('semaphore', [[0, 'acquire', null, null, 0, 1], [1, 'try-acquire', null, false, 2, 3], [0, 'release', null, null, 4, 5], [1, 'try-acquire', null, true, 6, 7]])).toBe('linearizable');
  });
});

describe('register and cas-register specs', () => {
  it('explains a stale read with the spec reason', () => {
    const r = checkHistory('register', opsFromIntervals([[0, 'write', 1, null, 0, 1], [1, 'read', null, 3, 2, 3]]));
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.reason).toBe('read returned 3 but the register holds 1');
    expect(r.explanation!.longestPrefix).toEqual([0]);
  });
  it('follows etcd semantics for cas', () => {
    expect(verdict('cas-register', [[0, 'write', 1, null, 0, 1], [1, 'cas', [1, 2], true, 2, 3], [2, 'cas', [1, 3], false, 4, 5], [0, 'read', null, 2, 6, 7]])).toBe('linearizable');
    expect(verdict('cas-register', [[0, 'write', 1, null, 0, 1], [2, 'cas', [1, 3], false, 4, 5]])).toBe('not-linearizable');
    expect(verdict('cas-register', [[0, 'write', 1, null, 0], [1, 'read', null, null, 2, 3], [1, 'read', null, 1, 4, 5]])).toBe('linearizable');
  });
  it('compares structured values by content', () => {
    expect(verdict('register', [[0, 'write', { a: [1, 2] }, null, 0, 1], [1, 'read', null, { a: [1, 2] }, 2, 3]])).toBe('linearizable');
  });
});

describe('queue spec', () => {
  it('is FIFO and returns null when empty', () => {
    expect(verdict('queue', [[0, 'enqueue', 1, null, 0, 1], [0, 'enqueue', 2, null, 2, 3], [1, 'dequeue', null, 1, 4, 5], [1, 'dequeue', null, 2, 6, 7], [1, 'dequeue', null, null, 8, 9]])).toBe('linearizable');
    expect(verdict('queue', [[0, 'enqueue', 1, null, 0, 1], [0, 'enqueue', 2, null, 2, 3], [1, 'dequeue', null, 2, 4, 5]])).toBe('not-linearizable');
  });
});

describe('kv spec', () => {
  it('partitions by key and names the failing partition', () => {
    const ops: OpTuple[] = [[0, 'put', 'a', null, 0, 1, 'x'], [1, 'append', 'b', null, 2, 3, 'x'], [2, 'get', null, 'ab', 4, 5, 'x'], [2, 'get', null, 'zz', 6, 7, 'y']];
    const r = checkHistory('kv', opsFromIntervals(ops));
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.partition).toBe('y');
    expect(checkHistory('kv-nopartition', opsFromIntervals(ops)).verdict).toBe('not-linearizable');
    expect(verdict('kv', ops.slice(0, 3))).toBe('linearizable');
  });
});

describe('barrier spec', () => {
  it('lets awaits return only once all parties arrived', () => {
    expect(verdict('barrier:2', [[0, 'await', null, null, 0, 5], [1, 'await', null, null, 3, 4]])).toBe('linearizable');
    const early = checkHistory('barrier:2', opsFromIntervals([[0, 'await', null, null, 0, 2], [1, 'await', null, null, 3, 4]]));
    expect(early.verdict).toBe('not-linearizable');
    expect(early.explanation!.reason).toMatch(/returned while only 1\/2 parties/);
  });
  it('is cyclic and allows a blocked last generation', () => {
    expect(verdict('barrier:2', [[0, 'await', null, null, 0, 5], [1, 'await', null, null, 3, 4], [1, 'await', null, null, 6, 9], [0, 'await', null, null, 7, 8], [0, 'await', null, null, 10]])).toBe('linearizable');
    expect(verdict('barrier:3', [[0, 'await', null, null, 0, 5], [1, 'await', null, null, 3, 4]])).toBe('not-linearizable');
  });
  it('checks arrival indices when given', () => {
    expect(verdict('barrier:2', [[0, 'await', null, 0, 0, 5], [1, 'await', null, 1, 3, 4]])).toBe('linearizable');
    expect(verdict('barrier:2', [[0, 'await', null, 1, 0, 5], [1, 'await', null, 0, 3, 4]])).toBe('not-linearizable');
  });
});

describe('rendezvous spec', () => {
  const rv = (id: number, cpus: number[]) => ({ id, cpus });
  it('accepts actions of every cpu inside the rendezvous call', () => {
    expect(verdict('rendezvous', [[0, 'rendezvous', rv(1, [0, 1]), null, 0, 10], [1, 'action', 1, null, 2, 3], [0, 'action', 1, null, 4, 5]])).toBe('linearizable');
  });
  it('rejects a return before a cpu ran the action, and an action after the return', () => {
    const r = checkHistory('rendezvous', opsFromIntervals([[0, 'rendezvous', rv(1, [0, 1]), null, 0, 6], [0, 'action', 1, null, 1, 2], [1, 'action', 1, null, 7, 8]]));
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.reason).toMatch(/returned before cpus \[1\] ran the action/);
    expect(verdict('rendezvous', [[0, 'rendezvous', rv(1, [1]), null, 0], [1, 'action', 1, null, 1, 2], [1, 'action', 1, null, 3, 4]])).toBe('not-linearizable');
    expect(verdict('rendezvous', [[1, 'action', 1, null, 0, 1], [0, 'rendezvous', rv(1, [1]), null, 2]])).toBe('not-linearizable');
  });
  it('allows a rendezvous still in progress at the end', () => {
    expect(verdict('rendezvous', [[0, 'rendezvous', rv(7, [1, 2]), null, 0], [1, 'action', 7, null, 1, 2]])).toBe('linearizable');
  });
});

describe('mutex-condvar spec', () => {
  it('accepts wait / signal with reacquisition', () => {
    expect(verdict('mutex-condvar', [
      [0, 'lock', null, null, 0, 1], [0, 'wait', null, null, 2, 9], [1, 'lock', null, null, 3, 4], [1, 'signal', null, null, 5, 6], [1, 'unlock', null, null, 7, 8], [0, 'unlock', null, null, 10, 11],
    ])).toBe('linearizable');
  });
  it('rejects a wait that returns without a signal, unless spurious wake-ups are allowed', () => {
    const ops: OpTuple[] = [[0, 'lock', null, null, 0, 1], [0, 'wait', null, null, 2, 5], [0, 'unlock', null, null, 6, 7]];
    expect(verdict('mutex-condvar', ops)).toBe('not-linearizable');
    expect(verdict('mutex-condvar:spurious', ops)).toBe('linearizable');
  });
  it('signal wakes one of several waiters (nondeterministic choice)', () => {
    expect(verdict('mutex-condvar', [
      [0, 'lock', null, null, 0, 1], [0, 'wait', null, null, 2], [1, 'lock', null, null, 3, 4], [1, 'wait', null, null, 5, 20],
      [2, 'signal', null, null, 10, 11], [1, 'unlock', null, null, 21, 22],
    ])).toBe('linearizable');
    expect(verdict('mutex-condvar', [
      [0, 'lock', null, null, 0, 1], [0, 'wait', null, null, 2, 30], [1, 'lock', null, null, 3, 4], [1, 'wait', null, null, 5, 20],
      [2, 'signal', null, null, 10, 11], [1, 'unlock', null, null, 21, 22], [0, 'unlock', null, null, 31, 32],
    ])).toBe('not-linearizable');
  });
  it('rejects waiting without holding the mutex', () => {
    expect(verdict('mutex-condvar', [[0, 'wait', null, null, 0, 5], [1, 'broadcast', null, null, 1, 2]])).toBe('not-linearizable');
  });
});

describe('spec registry', () => {
  it('rejects unknown names, bad parameters and unknown operations', () => {
    expect(() => checkHistory('nope', [])).toThrow(/unknown spec "nope"/);
    expect(() => checkHistory('semaphore:x', [])).toThrow(/non-negative integer/);
    expect(() => checkHistory('barrier:0', [])).toThrow(/positive integer/);
    expect(() => checkHistory('mutex', opsFromIntervals([[0, 'grab', null, null, 0, 1]]))).toThrow(/no operation "grab"/);
  });
});

describe('semaphore:0', () => {
  it('starts without a permit: a release must come before the first acquire', () => {
    expect(verdict('semaphore:0', [[0, 'release', null, null, 0, 1], [1, 'acquire', null, null, 2, 3]])).toBe('linearizable');
    expect(verdict('semaphore:0', [[1, 'acquire', null, null, 0, 1], [0, 'release', null, null, 2, 3]])).toBe('not-linearizable');
    expect(verdict('semaphore', [[1, 'acquire', null, null, 0, 1], [0, 'release', null, null, 2, 3]])).toBe('linearizable');
  });
});

describe('history validation', () => {
  it('rejects duplicate ids and returns before calls', () => {
    const dup = opsFromIntervals([[0, 'acquire', null, null, 0, 1], [0, 'release', null, null, 2, 3]]).map((o) => ({ ...o, id: 0 }));
    expect(() => checkHistory('mutex', dup)).toThrow(/duplicate operation id/);
    expect(() => checkHistory('mutex', opsFromIntervals([[0, 'acquire', null, null, 5, 1]]))).toThrow(/return time >= call/);
  });
});

describe('several objects by key', () => {
  it('checks locks with different keys independently', () => {
    const two: OpTuple[] = [[0, 'acquire', null, null, 0, 1, 'L'], [1, 'acquire', null, null, 2, 3, 'M'], [0, 'release', null, null, 4, 5, 'L'], [1, 'release', null, null, 6, 7, 'M']];
    expect(verdict('mutex', two)).toBe('linearizable');
    expect(verdict('mutex', two.map(([p, f, i, o, c, r]) => [p, f, i, o, c, r] as OpTuple))).toBe('not-linearizable');
    const r = checkHistory('mutex', opsFromIntervals([...two, [2, 'acquire', null, null, 2, 3, 'L']]));
    expect(r.verdict).toBe('not-linearizable');
    expect(r.explanation!.partition).toBe('L');
  });
});
