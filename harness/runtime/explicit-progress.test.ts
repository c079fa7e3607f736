import type { Target } from '../target/target';
import { runExecution } from './execute';
import type { ThreadApi } from './thread-api';
import { ListStrategy, options, testTarget } from './test-support/test-target';

/**
 * Two threads that each record a failed `trylock` per attempt of a retry loop and never get
 * anywhere: flag[i] = 1, see the other's flag, back off, retry (the "polite" livelock).
 */
function retryLoop(progress: Target['progress']): Target {
  const base = testTarget((env) => {
    const flag = env.mem.array('flag', 2);
    const body = (i: number) => function* (t: ThreadApi) {
      for (;;) {
        t.at('attempt');
        t.invoke('trylock');
        yield* t.writeOnce(flag[i], 1);
        const other = yield* t.readOnce(flag[1 - i]);
        if (other === 0) {
          t.ok(true);
          t.progress('acquired');
          yield* t.writeOnce(flag[i], 0); // unlock
          return;
        }
        t.at('back off');
        yield* t.writeOnce(flag[i], 0);
        t.ok(false);
      }
    };
    return { threads: [{ body: body(0) }, { body: body(1) }] };
  }, 300);
  return { ...base, progress };
}

describe("Target.progress 'explicit': history returns do not hide a livelock", () => {
  // lockstep from the first step: the fair round-robin runs the two loops in lockstep forever
  const hand = () => new ListStrategy([], -1);

  it('by default every failed attempt returns, so the lockstep livelock is never judged a hang', () => {
    const o = runExecution(options(retryLoop(undefined), hand(), 'sc', { fairWindow: 200 }));
    expect(o.verdict).toBe('inconclusive');
  });

  it('with explicit progress the same run is a hang (livelock)', () => {
    const o = runExecution(options(retryLoop('explicit'), hand(), 'sc', { fairWindow: 200 }));
    expect(o.verdict).toBe('hang');
    expect(o.finding!.message).toMatch(/^livelock \(shared memory keeps changing\)/);
    expect([...o.finding!.locations]).toEqual(['attempt', 'back off']);
  });

  it('t.progress() still counts: a loop that succeeds is no hang', () => {
    const o = runExecution(options(retryLoop('explicit'), new ListStrategy([0, 0, 0], 0), 'sc', { fairWindow: 200 }));
    expect(o.verdict).toBe('ok');
  });
});
