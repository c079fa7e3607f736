import { promises as fsp } from 'node:fs';
import { createStrategy } from '../strategy/create-strategy';
import { TargetError } from '../target/target-error';
import type { AsyncTarget } from './async-target';
import { firstRealResource, realResourceText } from './resource-hook';
import { runAsyncExecution } from './run-async-execution';

const site = (event: number) => () => ({ event, during: `event ${event}` });

function probe(op: AsyncTarget['ops'][string]): AsyncTarget {
  return {
    kind: 'async', name: 'probe', summary: '', variants: [{ name: 'v', summary: '', expect: 'clean' }],
    workload: { threads: { min: 1, max: 1, default: 1 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
    setup: () => ({}), ops: { op },
  };
}

async function once(target: AsyncTarget): Promise<unknown> {
  const s = createStrategy({ kind: 'replay', log: [] });
  s.beginExecution(0);
  return runAsyncExecution({ target, variant: 'v', workload: { ops: [['op']] }, strategy: s });
}

describe('real resources seen by the async_hooks init hook (no timing involved)', () => {
  it('sees a real request created inside the scope, synchronously, with the site it was created at', async () => {
    const seen = await firstRealResource(async () => { await fsp.stat(__filename); }, site(3));
    expect(seen).toEqual({ type: 'FSREQPROMISE', what: 'real file-system I/O', event: 3, during: 'event 3' });
    const timer = await firstRealResource(async () => { clearTimeout(setTimeout(() => undefined, 10)); }, site(1));
    expect(timer?.type).toBe('Timeout');
  });

  it('ignores what the host creates meanwhile, promises and ticks, and what the site excludes', async () => {
    // the host's I/O goes on beside the scope (its next requests are created outside it)
    let hostDone = false;
    const host = (async () => {
      for (let i = 0; i < 5; i++) await fsp.readFile(__filename);
      hostDone = true;
    })();
    const notHops = (type: string) => (type === 'Immediate' ? undefined : { event: 1, during: 'event 1' });
    const seen = await firstRealResource(async () => {
      await new Promise<void>((r) => process.nextTick(r));
      await Promise.resolve();
      queueMicrotask(() => undefined);
      while (!hostDone) await new Promise((r) => setImmediate(r));
    }, notHops);
    await host;
    expect(seen).toBeUndefined();
    // the site callback excludes the harness's own resources (its macrotask hop)
    expect(await firstRealResource(async () => { await new Promise((r) => setImmediate(r)); }, () => undefined)).toBeUndefined();
    expect(realResourceText('PROMISE')).toBeUndefined();
    expect(realResourceText('WRITEWRAP')).toBeUndefined();
  });

  it('makes real I/O a TargetError of the target, not a hang of the lock, inside jest as well', async () => {
    // the task waits on a real read at quiescence: the first run ends in a hang or a poll hint,
    // either way the re-run with the hook decides
    const e = await once(probe(async () => { await fsp.readFile(__filename); })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TargetError);
    expect((e as Error).message).toMatch(/^target 'probe' \(variant 'v'\) uses real file-system I\/O that lockstep cannot control \(async_hooks type FSREQPROMISE, created during event 1: task0 steps\)/);
  });

  it('leaves a clean execution of virtual timers alone', async () => {
    await expect(once(probe(async () => { await new Promise((r) => setTimeout(r, 5)); }))).resolves.toMatchObject({ verdict: 'ok' });
  });
});
