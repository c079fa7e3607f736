/**
 * Fuzzer benchmarks (issue 5 "Performance"): campaign executions per second with 1 and 2
 * pool workers, and the time to find and to shrink each seed bug. Figures, not assertions.
 * Runs from dist/ (`npm run bench`), where the pool loads the compiled worker.
 */
import { isGeneratorTarget } from '../harness/target/any-target';
import * as os from 'node:os';
import { performance } from 'node:perf_hooks';
import { runCampaign } from '../harness/fuzz/campaign';
import { createRunner } from '../harness/fuzz/campaign-session';
import { createFuzzHost } from '../harness/fuzz/default-host';
import { batchSeed } from '../harness/fuzz/campaign';
import { DEFAULT_TUNING, type FuzzTask, type RawFinding } from '../harness/fuzz/fuzz-types';
import { runBatch } from '../harness/fuzz/run-batch';
import { shrinkRun } from '../harness/fuzz/shrink-run';
import type { MemoryModelName } from '../harness/memory/memory-model';
import type { Target } from '../harness/target/target';
import { builtinTargets } from '../targets';
import { expectationUnder } from '../harness/target/expectation';

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

/** A seed bug: find it with the portfolio from several campaign seeds, then shrink the first find. */
interface SeedBugRow {
  readonly cell: string;
  readonly expected: string;
  /** Executions to the first finding of the expected kind per campaign seed (undefined = not within the cap). */
  readonly executions: readonly (number | undefined)[];
  /** Arm that found it, per seed. */
  readonly arms: readonly (string | undefined)[];
  /** Another kind found when the expected one was not (first seed only). */
  readonly other?: string;
  readonly findMs: number;
  readonly shrinkMs: number;
  readonly shrinkExecutions: number;
  readonly before: string;
  readonly after: string;
}

/** Campaign seeds of the seed-bug section: executions-to-find vary by an order of magnitude between seeds. */
const SEED_BUG_SEEDS = [1, 2, 3, 4, 5];

/** Executions until a finding of `expected` in the cell's batches from `campaignSeed`, in order (batch seeds as in a campaign). */
async function findFrom(target: Target, task: FuzzTask, expected: string, campaignSeed: number, capMs: number, engine: ReturnType<typeof createFuzzHost>['engine']): Promise<{ executions: number; finding?: RawFinding; other?: string }> {
  const t0 = performance.now();
  let executions = 0;
  let other: string | undefined;
  for (let b = 0; performance.now() - t0 < capMs; b++) {
    const r = await runBatch({ task, index: b, seed: batchSeed(campaignSeed, task, b), runs: 200, tuning: DEFAULT_TUNING }, { engine, resolveTarget: () => target });
    // time to the EXPECTED kind of finding (others found on the way are noted)
    const f = r.findings.find((x) => x.kind === expected);
    other ??= r.findings[0]?.kind;
    if (f) return { executions: executions + f.execution + 1, finding: f, other };
    executions += r.executions;
  }
  return { executions, other };
}

async function seedBug(target: Target, variant: string, memory: MemoryModelName, expected: string, capMs: number): Promise<SeedBugRow> {
  const host = createFuzzHost();
  const task: FuzzTask = { ref: { kind: 'builtin', name: target.name }, target: target.name, variant, memory };
  const cell = `${target.name}:${variant}@${memory}`;
  const t0 = performance.now();
  const runs: Awaited<ReturnType<typeof findFrom>>[] = [];
  for (const seed of SEED_BUG_SEEDS) runs.push(await findFrom(target, task, expected, seed, capMs, host.engine));
  const findMs = (performance.now() - t0) / SEED_BUG_SEEDS.length;
  const first = runs.find((r) => r.finding)?.finding;
  const base = { cell, expected, executions: runs.map((r) => (r.finding ? r.executions : undefined)), arms: runs.map((r) => r.finding?.strategy), findMs };
  if (!first) return { ...base, ...(runs[0].other ? { other: runs[0].other } : {}), shrinkMs: 0, shrinkExecutions: 0, before: '-', after: '-' };
  const s0 = performance.now();
  const s = await shrinkRun({ task, finding: first, tuning: DEFAULT_TUNING }, target, host.engine);
  const shape = (ops: readonly (readonly string[])[], pre: number, len: number): string => `${ops.length}x${Math.max(...ops.map((o) => o.length))} ops, ${pre} preempt., ${len} dec.`;
  return {
    ...base, shrinkMs: performance.now() - s0, shrinkExecutions: s.executions,
    before: shape(first.run.workload.ops, first.run.preemptions, first.run.decisions.length),
    after: shape(s.run.workload.ops, s.run.preemptions, s.run.decisions.length),
  };
}

/** Median of the per-seed figures, counting a miss as larger than any find (`>cap` when the median is a miss). */
function medianText(xs: readonly (number | undefined)[]): string {
  const sorted = [...xs].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
  const m = sorted[Math.floor((sorted.length - 1) / 2)];
  return m === undefined ? 'not found' : String(m);
}

/** The fuzz benchmark as markdown (for bench/index.ts). */
export async function runFuzzBench(): Promise<string> {
  const targets = builtinTargets().filter(isGeneratorTarget);
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
  lines.push(`Portfolio batches of 200 runs from campaign seeds ${SEED_BUG_SEEDS.join(', ')} (each cell's batches in order, as a campaign seeds them), until a finding of the expected kind shows (cap 4 s per seed; \`-\` = not found, \`x only\` = only another kind was found); the median counts a miss as the largest. Then the deterministic shrinker on the first find.`, '');
  lines.push('| cell | expected | executions per seed (arm) | median | mean find time | shrink | shrink runs | found run | minimal run |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const t of targets) {
    if (!SEED_FAMILIES.includes(t.name)) continue;
    for (const v of t.variants) {
      for (const memory of ['sc', 'tso'] as const) {
        const expected = expectationUnder(v, memory);
        if (expected === 'clean') continue;
        const r = await seedBug(t, v.name, memory, expected, 4_000);
        const per = r.executions.map((x, i) => (x === undefined ? '-' : `${x} (${r.arms[i]})`)).join(', ') + (r.other ? `; ${r.other} only` : '');
        lines.push(`| ${r.cell} | ${r.expected} | ${per} | ${medianText(r.executions)} | ${(r.findMs / 1000).toFixed(2)} s | ${(r.shrinkMs / 1000).toFixed(2)} s | ${r.shrinkExecutions} | ${r.before} | ${r.after} |`);
      }
    }
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  runFuzzBench().then((md) => process.stdout.write(md), (e: unknown) => { process.stderr.write(`${String(e)}\n`); process.exitCode = 3; });
}
