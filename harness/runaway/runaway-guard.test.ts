import { RunawayGuard, guardSupported } from './runaway-guard';
import { GuardInterrupted, RunawayError } from './runaway-error';

const describeIf = guardSupported() ? describe : describe.skip;

describeIf('RunawayGuard', () => {
  let guard: RunawayGuard;
  // 1 s, not less: on a loaded shared machine a thread that does make progress can be
  // descheduled for a few hundred ms, and the watchdog would rightly call that a runaway.
  beforeAll(() => { guard = new RunawayGuard({ timeoutMs: 1000 }); });
  afterAll(() => guard.dispose());

  it('returns what the section returns; errors pass through; sections nest', async () => {
    expect(guard.runSync(() => 41 + 1)).toBe(42);
    expect(() => guard.runSync(() => { throw new TypeError('boom'); })).toThrow('boom');
    expect(guard.runSync(() => guard.inSection() && guard.runSync(() => guard.inSection()))).toBe(true);
    expect(guard.inSection()).toBe(false);
    expect(await guard.run(async () => 'async')).toBe('async');
  });

  it('stops a loop that never yields within a bounded time, and the process carries on', () => {
    const t0 = performance.now();
    let err: unknown;
    try { guard.runSync(() => { guard.beat(); for (;;) { /* never yields */ } }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(RunawayError);
    expect((err as RunawayError).beats).toBe(1);
    // not a speed check: a guard that never fired would loop forever; this says it fired at all
    expect(performance.now() - t0).toBeLessThan(120_000);
    expect(guard.kills()).toBe(1);
    expect(guard.runSync(() => 'alive')).toBe('alive');
  });

  it('wrapExecute guards each execution of a driver that awaits between them', async () => {
    let calls = 0;
    const execute = guard.wrapExecute((n: number): number => { calls++; if (n === 7) for (;;) { /* stuck */ } return n; });
    const driver = async (): Promise<number> => { let s = 0; for (let i = 0; i < 10; i++) s += await Promise.resolve(execute(i)); return s; };
    await expect(driver()).rejects.toBeInstanceOf(RunawayError);
    expect(calls).toBe(8);
    // timers and promises still work, and so do later sections
    await new Promise((r) => setTimeout(r, 5));
    expect(await Promise.resolve(execute(3))).toBe(3);
  });

  it('keeps a long section that makes progress (the heartbeat moves)', () => {
    const work = (): number => { let n = 0; const end = performance.now() + 500; while (performance.now() < end) { guard.beat(); n++; } return n; };
    expect(guard.runSync(work)).toBeGreaterThan(0);
    expect(guard.kills()).toBe(2);
  });

  it("passes the user's SIGINT on and throws GuardInterrupted", async () => {
    const seen: string[] = [];
    const listener = (): void => { seen.push('SIGINT'); };
    process.on('SIGINT', listener);
    try {
      let err: unknown;
      try { guard.runSync(() => { process.kill(process.pid, 'SIGINT'); for (;;) { guard.beat(); } }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(GuardInterrupted);
      await new Promise((r) => setImmediate(r));
      expect(seen).toEqual(['SIGINT']);
    } finally {
      process.removeListener('SIGINT', listener);
    }
  });
});
