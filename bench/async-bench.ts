/**
 * `npm run bench -- async` (issue 9 "Performance"): the async front end on real promise code.
 *
 * 1. Executions per CPU second of explore() (history recorded and checked against the mutex
 *    spec, the determinism check on) for async-mutex 0.5.0 and a FIFO mutex written in the
 *    repository, 3 tasks x 3 lock operations, random walk, one thread; repetitions of the two
 *    rows interleaved, median and min-max.
 * 2. The floor: CPU per engine event (one task step: strategy choice, resolve, one macrotask
 *    hop to quiescence, the real-resource poll) against one bare macrotask hop in plain Node
 *    (`await new Promise(r => setImmediate(r))`), interleaved.
 * 3. Time to find each historical npm bug (targets/npm-locks): explore() with the default
 *    strategy and the variant's default workload, 10 seeds, capped; median executions, CPU
 *    and wall time to the first finding, and whether the fixed version stays clean over ten
 *    times as many executions (at least 2,000).
 *
 * Figures are per CPU second of this process (robust under load) with the load average.
 */
import * as os from 'node:os';
import { explore } from '../harness/explore/explore';
import type { AsyncTarget } from '../harness/async/async-target';
import { runAsyncExecution } from '../harness/async/run-async-execution';
import { RandomWalkStrategy } from '../harness/strategy/random-walk';
import { isAsync } from '../harness/target/any-target';
import type { Workload } from '../harness/target/target';
import { TOY_MUTEX } from '../harness/async/testing/toy-locks';
import { builtinTargets } from '../targets';

const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const median = (xs: readonly number[]): number => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2; };
const spread = (xs: readonly number[], f: (x: number) => string): string => `${f(median(xs))} (${f(Math.min(...xs))}-${f(Math.max(...xs))})`;
const int = (x: number): string => Math.round(x).toLocaleString('en-US');
const us = (x: number): string => x.toFixed(1);
const load = (): string => os.loadavg().map((x) => x.toFixed(1)).join(' ');

/** Options (the defaults are what `npm run bench` runs). */
export interface AsyncBenchOptions {
  readonly repetitions?: number;
  readonly executions?: number;
  readonly seeds?: number;
  readonly capMs?: number;
}

const W3x3: Workload = { ops: [['lock', 'lock', 'lock'], ['lock', 'lock', 'lock'], ['lock', 'lock', 'lock']] };

/** Executions per CPU second of explore() on `variant`, one batch. */
async function throughputBatch(target: AsyncTarget, variant: string, runs: number, seed: number): Promise<number> {
  const t0 = cpuMs();
  const r = await explore({ target, variant, memory: 'sc', strategy: 'random', seed, runs, workload: W3x3, traceFindings: false });
  const dt = cpuMs() - t0;
  if (r.findings.length > 0) throw new Error(`bench: ${target.name}:${variant} found ${r.findings[0]!.outcome.finding?.message}`);
  return r.executions / (dt / 1000);
}

/** A target whose one task only steps: every event is a step of the engine. */
function stepper(steps: number): AsyncTarget {
  return {
    kind: 'async', name: 'stepper', summary: 'steps only', variants: [{ name: 'v', summary: '', expect: 'clean' }],
    workload: { threads: { min: 2, max: 2, default: 2 }, opsPerThread: { min: 1, max: 1, default: 1 }, opKinds: ['op'] },
    stepBeforeOps: false, maxSteps: steps * 4, setup: () => ({}),
    ops: { async op(t) { for (let i = 0; i < steps; i++) await t.step(); } },
  };
}

async function floorBatch(n: number): Promise<{ hopUs: number; eventUs: number }> {
  let t0 = cpuMs();
  for (let i = 0; i < n; i++) await new Promise((r) => { setImmediate(r); });
  const hopUs = ((cpuMs() - t0) * 1000) / n;
  const target = stepper(n / 2);
  const strategy = new RandomWalkStrategy({ seed: 1 });
  strategy.beginExecution(0);
  t0 = cpuMs();
  const o = await runAsyncExecution({ target, variant: 'v', workload: { ops: [['op'], ['op']] }, strategy });
  const eventUs = ((cpuMs() - t0) * 1000) / o.steps;
  return { hopUs, eventUs };
}

/** One row of the historical-bug table. */
interface HistoryRow {
  readonly id: string;
  readonly expected: string;
  found: number;
  readonly executions: number[];
  readonly cpu: number[];
  readonly wall: number[];
  readonly kinds: Map<string, number>;
  readonly fixed: string;
  fixedClean: string;
}

async function historicalBugs(seeds: number, capMs: number): Promise<HistoryRow[]> {
  const rows: HistoryRow[] = [];
  for (const t of builtinTargets()) {
    if (!isAsync(t) || t.variants.length < 2) continue;
    const buggy = t.variants.filter((v) => v.expect !== 'clean');
    const fixed = t.variants.find((v) => v.expect === 'clean');
    for (const v of buggy) {
      const row: HistoryRow = { id: `${t.name}:${v.name}`, expected: v.expect, found: 0, executions: [], cpu: [], wall: [], kinds: new Map(), fixed: fixed?.name ?? '-', fixedClean: '-' };
      for (let seed = 1; seed <= seeds; seed++) {
        const c0 = cpuMs();
        const w0 = performance.now();
        const r = await explore({ target: t, variant: v.name, memory: 'sc', strategy: 'default', seed, runs: 1_000_000, timeMs: capMs, now: () => performance.now(), traceFindings: false });
        const f = r.findings[0];
        row.executions.push(r.executions);
        row.cpu.push(cpuMs() - c0);
        row.wall.push(performance.now() - w0);
        if (f !== undefined) {
          row.found++;
          row.kinds.set(f.outcome.verdict, (row.kinds.get(f.outcome.verdict) ?? 0) + 1);
        }
      }
      if (fixed !== undefined) {
        // the fixed version over ten times the executions the slowest seed needed on the bug (at least 2,000)
        const runs = Math.max(2000, 10 * Math.max(...row.executions));
        const r = await explore({ target: t, variant: fixed.name, memory: 'sc', strategy: 'default', seed: 1, runs, traceFindings: false });
        row.fixedClean = r.findings.length === 0 ? `clean (${int(r.executions)} executions)` : `FOUND ${r.findings[0]!.outcome.verdict}`;
      }
      rows.push(row);
    }
  }
  return rows;
}

/** The markdown section. */
export async function runAsyncBench(o: AsyncBenchOptions = {}): Promise<string> {
  const reps = o.repetitions ?? 7;
  const runs = o.executions ?? 1000;
  const asyncMutex = builtinTargets().find((t) => t.name === 'async-mutex');
  const out: string[] = ['## Async front end (issue 9): real promise code on the deterministic scheduler', ''];
  out.push(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), load average at start ${load()}.`, '');

  // 1. throughput, rows interleaved (warm-up batch first)
  const rows: [string, AsyncTarget, string][] = [['FIFO mutex (harness/async/testing/toy-locks.ts)', TOY_MUTEX, 'fifo']];
  if (asyncMutex !== undefined && isAsync(asyncMutex)) rows.unshift(['async-mutex 0.5.0 (npm)', asyncMutex, '0.5.0']);
  const rates = new Map<string, number[]>(rows.map(([n]) => [n, []]));
  for (const [, t, v] of rows) await throughputBatch(t, v, 1000, 99);
  for (let i = 0; i < reps; i++) for (const [n, t, v] of rows) rates.get(n)!.push(await throughputBatch(t, v, runs, i + 1));
  out.push(`### Executions per CPU second (explore(): random walk, 3 tasks x 3 lock operations, history recorded and checked, determinism check on; ${reps} interleaved repetitions of ${runs} executions, one thread)`, '');
  out.push('| lock | executions/s, median (min-max) | goal |', '|---|---:|---:|');
  for (const [n] of rows) out.push(`| ${n} | ${spread(rates.get(n)!, int)} | 5,000 |`);
  out.push('');

  // 2. the floor
  const hops: number[] = [];
  const events: number[] = [];
  await floorBatch(2000);
  for (let i = 0; i < reps; i++) {
    const f = await floorBatch(4000);
    hops.push(f.hopUs);
    events.push(f.eventUs);
  }
  out.push(`### One event against one macrotask hop (CPU µs, ${reps} interleaved repetitions of 4,000)`, '');
  out.push('| what | µs per event, median (min-max) |', '|---|---:|');
  out.push(`| plain Node: \`await new Promise(r => setImmediate(r))\` | ${spread(hops, us)} |`);
  out.push(`| lockstep: one task step (choice, resolve, hop to quiescence, resource poll) | ${spread(events, us)} |`);
  out.push(`| ratio | ${(median(events) / median(hops)).toFixed(2)}x |`, '');

  // 3. historical bugs
  const seeds = o.seeds ?? 10;
  const capMs = o.capMs ?? 20_000;
  const hist = await historicalBugs(seeds, capMs);
  out.push(`### Time to find each historical npm bug (default strategy, the variant's default workload, ${seeds} seeds, cap ${capMs / 1000} s each; a miss counts as the cap)`, '');
  out.push('| buggy version | expected | found (seeds) | first finding | median executions | median CPU ms | median wall ms | fixed version, same budget |', '|---|---|---:|---|---:|---:|---:|---|');
  for (const r of hist) {
    const kinds = [...r.kinds].map(([k, n]) => `${k} x${n}`).join(', ') || '-';
    const fixedCell = r.fixed === '-' ? 'no clean version (docs/npm-locks.md)' : `${r.fixed}: ${r.fixedClean}`;
    out.push(`| ${r.id} | ${r.expected} | ${r.found}/${seeds} | ${kinds} | ${int(median(r.executions))} | ${int(median(r.cpu))} | ${int(median(r.wall))} | ${fixedCell} |`);
  }
  out.push('', `load average at end ${load()}.`);
  return out.join('\n');
}
