/**
 * Fuzzer benchmarks (issue 5 "Performance"): campaign executions per second with 1 and 2
 * pool workers, and the time to find and to shrink each seed bug. Figures, not assertions.
 * Runs from dist/ (`npm run bench`), where the pool loads the compiled worker.
 */
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { runCampaign } from '../harness/fuzz/campaign';
import { createRunner } from '../harness/fuzz/campaign-session';
import { createFuzzHost } from '../harness/fuzz/default-host';
import { batchSeed } from '../harness/fuzz/campaign';
import { DEFAULT_TUNING, type FuzzTask } from '../harness/fuzz/fuzz-types';
import { runBatch } from '../harness/fuzz/run-batch';
import { shrinkRun } from '../harness/fuzz/shrink-run';
import type { MemoryModelName } from '../harness/memory/memory-model';
import type { Target } from '../harness/target/target';
import { builtinTargets } from '../targets';

/** Families whose buggy variants are the seed bugs (the kernel seeds). */
const SEED_FAMILIES = ['qspinlock', 'pvqspinlock', 'smp-rendezvous', 'futex-requeue-pi', 'perf-install'];

/** One campaign throughput measurement. */
interface Throughput {
  readonly workers: number;
  readonly executions: number;
  readonly ms: number;
  /** Sum of the batches' in-worker times over the wall time: how many workers were busy on average. */
  readonly busy: number;
  readonly batchMs: number;
}

/** Executions/s of a fixed campaign (every built-in cell, `runs` runs each, shrinking off). */
async function throughput(workers: number, tasks: readonly FuzzTask[], resolve: (t: FuzzTask) => Target, runs: number): Promise<Throughput> {
  const now = (): number => performance.now();
  const runner = createRunner(workers, now, (ref) => resolve(tasks.find((t) => t.ref === ref) ?? tasks[0]));
  try {
    // warm up the pool (worker start, module load, JIT) on a small campaign first
    await runCampaign({ tasks: tasks.slice(0, workers * 2), seed: 99, runs: 200, tuning: { shrinkBudget: 0 } }, runner);
    const t0 = now();
    const r = await runCampaign({ tasks, seed: 1, runs, now, tuning: { shrinkBudget: 0 } }, runner);
    const ms = now() - t0;
    const inWorkers = r.cells.reduce((sum, c) => sum + c.timeMs, 0);
    return { workers, executions: r.executions, ms, busy: inWorkers / ms, batchMs: inWorkers / Math.max(1, r.batches) };
  } finally {
    await runner.close();
  }
}

/** A seed bug: find it with the portfolio (batches in order), then shrink it. */
interface SeedBugRow {
  readonly cell: string;
  readonly expected: string;
  readonly found?: string;
  readonly executions: number;
  readonly findMs: number;
  readonly shrinkMs: number;
  readonly shrinkExecutions: number;
  readonly before: string;
  readonly after: string;
}

function seedBug(target: Target, variant: string, memory: MemoryModelName, expected: string, capMs: number): SeedBugRow {
  const host = createFuzzHost();
  const task: FuzzTask = { ref: { kind: 'builtin', name: target.name }, target: target.name, variant, memory };
  const t0 = performance.now();
  let executions = 0;
  let other: string | undefined;
  for (let b = 0; performance.now() - t0 < capMs; b++) {
    const r = runBatch({ task, index: b, seed: batchSeed(1, task, b), runs: 200, tuning: DEFAULT_TUNING }, { engine: host.engine, resolveTarget: () => target });
    // time to the EXPECTED kind of finding (others found on the way are noted)
    const f = r.findings.find((x) => x.kind === expected);
    other ??= r.findings[0]?.kind;
    if (!f) { executions += r.executions; continue; }
    executions += f.execution + 1;
    const findMs = performance.now() - t0;
    const s0 = performance.now();
    const s = shrinkRun({ task, finding: f, tuning: DEFAULT_TUNING }, target, host.engine);
    const shape = (ops: readonly (readonly string[])[], pre: number, len: number): string => `${ops.length}x${Math.max(...ops.map((o) => o.length))} ops, ${pre} preempt., ${len} dec.`;
    return {
      cell: `${target.name}:${variant}@${memory}`, expected, found: f.kind, executions, findMs, shrinkMs: performance.now() - s0, shrinkExecutions: s.executions,
      before: shape(f.run.workload.ops, f.run.preemptions, f.run.decisions.length),
      after: shape(s.run.workload.ops, s.run.preemptions, s.run.decisions.length),
    };
  }
  return { cell: `${target.name}:${variant}@${memory}`, expected, ...(other ? { found: `${other} only` } : {}), executions, findMs: performance.now() - t0, shrinkMs: 0, shrinkExecutions: 0, before: '-', after: '-' };
}

/** The fuzz benchmark as markdown (for bench/index.ts). */
export async function runFuzzBench(): Promise<string> {
  const targets = builtinTargets();
  const tasks: FuzzTask[] = [];
  const byName = new Map<string, Target>();
  for (const t of targets) {
    byName.set(t.name, t);
    for (const v of t.variants) for (const memory of ['sc', 'tso'] as const) tasks.push({ ref: { kind: 'builtin', name: t.name }, target: t.name, variant: v.name, memory });
  }
  const resolve = (t: FuzzTask): Target => byName.get(t.target)!;
  const lines: string[] = ['## Fuzz campaigns', ''];
  lines.push(`Machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), load average ${os.loadavg()[0].toFixed(1)} at start.`, '');
  const runs = 400;
  const one = await throughput(1, tasks, resolve, runs);
  const two = await throughput(2, tasks, resolve, runs);
  const rate = (t: Throughput): number => (t.executions * 1000) / t.ms;
  lines.push(`Campaign over all ${tasks.length} built-in cells, ${runs} runs each, shrinking off (${one.executions} executions):`, '');
  lines.push('| workers | executions/s | wall time | busy workers (in-worker time / wall) | mean batch time in a worker |', '| --- | --- | --- | --- | --- |');
  for (const t of [one, two]) lines.push(`| ${t.workers} | ${rate(t).toFixed(0)} | ${(t.ms / 1000).toFixed(1)} s | ${t.busy.toFixed(2)} | ${t.batchMs.toFixed(0)} ms |`);
  lines.push('', `Speed-up with 2 workers: ${(rate(two) / rate(one)).toFixed(2)}x (goal >= 1.8x). If the busy-workers column is near 2 but the batch time`);
  lines.push('grows, the workers ran in parallel but the cores were shared with other load (the load average is printed above).', '');
  lines.push('## Seed bugs: time to find and to shrink', '');
  lines.push('Portfolio batches of 200 runs from campaign seed 1, in order, until a finding of the expected kind shows (cap 10 s; `x only` = only another kind was found); then the deterministic shrinker.', '');
  lines.push('| cell | expected | found | executions | find | shrink | shrink runs | found run | minimal run |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const t of targets) {
    if (!SEED_FAMILIES.includes(t.name)) continue;
    for (const v of t.variants) {
      for (const memory of ['sc', 'tso'] as const) {
        const expected = v.expect[memory];
        if (expected === 'clean') continue;
        if (memory === 'tso' && v.expect.sc !== 'clean') continue; // a bug present under sc is measured there
        const r = seedBug(t, v.name, memory, expected, 10_000);
        lines.push(`| ${r.cell} | ${r.expected} | ${r.found ?? 'not found'} | ${r.executions} | ${(r.findMs / 1000).toFixed(2)} s | ${(r.shrinkMs / 1000).toFixed(2)} s | ${r.shrinkExecutions} | ${r.before} | ${r.after} |`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  runFuzzBench().then((md) => process.stdout.write(md), (e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exitCode = 3; });
}
