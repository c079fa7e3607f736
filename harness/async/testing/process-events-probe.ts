/**
 * Run with `node -r esbuild-register` by async-execution.test.ts: the process-level oracles
 * (an unhandled rejection, an exception thrown by a process.nextTick callback) can only be seen
 * on the real `process`, which jest replaces by a copy inside its test context, and jest's own
 * timers and I/O would blur the real-resource check. Prints one JSON line per probe: the
 * verdict and message of one execution, or the TargetError it raised.
 */
import { promises as fsp } from 'node:fs';
import { createStrategy } from '../../strategy/create-strategy';
import type { AsyncTarget } from '../async-target';
import { runAsyncExecution } from '../run-async-execution';

function probe(name: string, op: AsyncTarget['ops'][string]): AsyncTarget {
  return {
    kind: 'async', name, summary: '', variants: [{ name: 'v', summary: '', expect: 'crash' }],
    workload: { threads: { min: 1, max: 1, default: 1 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
    setup: () => ({}), ops: { op },
  };
}

const probes: AsyncTarget[] = [
  probe('unhandled', async () => { void Promise.reject(new Error('lost')); await new Promise((r) => setTimeout(r, 1)); }),
  probe('handled-late', async () => {
    const p = Promise.reject(new Error('late'));
    await new Promise((r) => setTimeout(r, 1));
    await p.catch(() => undefined);
  }),
  probe('handled', async () => { await Promise.reject(new Error('caught')).catch(() => undefined); }),
  probe('next-tick', async () => { process.nextTick(() => { throw new RangeError('tick'); }); await new Promise((r) => setTimeout(r, 1)); }),
  // nothing waits on it: the execution ends clean, the timer left behind is the hint
  probe('real-timer-left', async () => { REAL_TIMEOUT(() => undefined, 5_000); }),
  probe('real-io', async () => { await fsp.readFile(__filename); }),
  probe('real-timer', async () => { await new Promise((r) => REAL_TIMEOUT(r, 5_000)); }),
];

/** A setTimeout captured before any execution (as a module that keeps `const st = setTimeout` would). */
const REAL_TIMEOUT = setTimeout;

async function main(): Promise<void> {
  for (const target of probes) {
    const s = createStrategy({ kind: 'replay', log: [] });
    s.beginExecution(0);
    try {
      const o = await runAsyncExecution({ target, variant: 'v', workload: { ops: [['op']] }, strategy: s });
      process.stdout.write(`${JSON.stringify({ probe: target.name, verdict: o.verdict, message: o.finding?.message })}\n`);
    } catch (e) {
      process.stdout.write(`${JSON.stringify({ probe: target.name, error: (e as Error).name, message: (e as Error).message })}\n`);
    }
  }
  // the host's own listeners are back after the executions
  process.stdout.write(`${JSON.stringify({ probe: 'listeners', count: process.listenerCount('unhandledRejection') })}\n`);
  process.exit(0); // the real timer of the probe would keep the process alive
}

void main();
