import { runExecution } from '../runtime/execute';
import type { ThreadApi } from '../runtime/thread-api';
import { ListStrategy, options, testTarget } from '../runtime/test-support/test-target';
import type { ChoicePoint } from '../strategy/strategy';
import { shrinkFound } from './shrink-finding';

/**
 * task0 sleeps in a timed futex wait; task1 and task2 race on a counter (a lost update, caught
 * at the end). The race does not need the timeout: the shrinker must drop an early timeout.
 */
const target = testTarget((env) => {
  const f = env.mem.cell('f');
  const x = env.mem.cell('x');
  const done = { n: 0 };
  const sleeper = function* (t: ThreadApi) {
    t.at('timed wait');
    yield* t.futexWait(f, 0, { timeout: true });
  };
  const inc = function* (t: ThreadApi) {
    t.at('inc');
    const v = yield* t.readOnce(x);
    yield* t.writeOnce(x, v + 1);
    done.n++;
  };
  let peek: ((c: typeof x) => number) | undefined;
  const spy = function* (t: ThreadApi) {
    peek = (c) => t.peek(c);
    yield* inc(t);
  };
  return {
    threads: [{ name: 'task0', body: sleeper }, { name: 'task1', body: spy }, { name: 'task2', body: inc }],
    atEnd: () => (peek !== undefined && peek(x) !== done.n ? `lost update: x = ${peek(x)} after ${done.n} increments` : undefined),
  };
});

describe('shrinking removes a timeout the bug does not need', () => {
  it('a run that chose an early timeout shrinks to one where the timer only expires when nothing else can run', async () => {
    // task0 blocks; task1 reads; task0's timer expires while task1 could go on (a preemption);
    // then task2 reads and writes and task1 writes: the lost update
    let k = 0;
    const script = (p: ChoicePoint): number => {
      if (p.type !== 'schedule') return 0;
      const want = ['thread0', 'thread1', 'timeout0', 'thread2', 'thread2', 'thread1'][k++];
      const i = p.options.findIndex((o) => `${o.kind}${o.target}` === want);
      return i < 0 ? 0 : i;
    };
    const found = runExecution(options(target, new ListStrategy([], script), 'sc', { recordTrace: true }));
    expect(found.verdict).toBe('violation');
    const early = found.trace!.findIndex((r) => r.op === 'timeout');
    const lastWrite = found.trace!.map((r) => r.op).lastIndexOf('writeOnce');
    expect(early).toBeLessThan(lastWrite);
    const s = await shrinkFound({ target, variant: 'v', memory: 'sc', workload: { ops: [] }, outcome: found, maxSteps: 2000, strategy: 'test', seed: 0, execution: 0 });
    expect(s.reproduced).toBe(true);
    const rows = s.outcome.trace!;
    // the timer still expires (task0 must finish), but only after the race, when nothing else can run
    const timeout = rows.findIndex((r) => r.op === 'timeout');
    expect(timeout).toBeGreaterThan(rows.map((r) => r.op).lastIndexOf('writeOnce'));
    expect(s.run.preemptions).toBeLessThan(found.preemptions);
  });
});
