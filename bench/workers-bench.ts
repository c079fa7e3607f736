/**
 * Work per execution against the number of workers (issue 12 goal 1): the all-cells campaign
 * (`lockstep fuzz --runs N`, every built-in cell) run through the CLI as a separate process
 * with --workers 1, 2 and 4, interleaved, several repetitions. Per run: CPU time of the whole
 * process (its rusage as a waited-for child: every thread, pool workers and V8's helpers
 * included) per 1,000 executions, the share of V8's platform threads (background compilation
 * plus concurrent/parallel GC; /proc/<pid>/task sampled every 50 ms), and V8's count of
 * TurboFan optimisations and deoptimisations (--trace-opt --trace-deopt).
 *
 * Set LOCKSTEP_BENCH_BASELINE to another built checkout (e.g. a clone of main before a
 * change, `npm run build` done) to measure it side by side, interleaved with this one.
 * LOCKSTEP_BENCH_WORKERS_RUNS (default 1000) and LOCKSTEP_BENCH_WORKERS_REPS (default 3).
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as readline from 'node:readline';
import { childrenCpuMs, ThreadSampler } from './thread-cpu';

const WORKERS = [1, 2, 4] as const;
/** Goal: CPU per execution with 2 workers within 5 % of 1 worker; compilation under 10 % of CPU. */
const GOAL_RATIO = 1.05;
const GOAL_COMPILE_SHARE = 0.1;

interface Variant {
  readonly name: string;
  /** Root of a built checkout (bin/lockstep.js, dist/). */
  readonly root: string;
}

export interface Run {
  readonly variant: string;
  readonly workers: number;
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly executions: number;
  readonly cells: number;
  readonly mainMs: number;
  readonly helperMs: number;
  readonly laterMs: number;
  readonly optimisations: number;
  readonly deopts: number;
  readonly load: number;
}

async function once(v: Variant, workers: number, runs: number, dir: string): Promise<Run> {
  const load = os.loadavg()[0];
  const report = path.join(dir, 'report.json');
  // LOCKSTEP_BENCH_NODE_FLAGS: extra node/V8 flags for experiments (e.g. --single-threaded-gc)
  const extra = (process.env.LOCKSTEP_BENCH_NODE_FLAGS ?? '').split(' ').filter((x) => x !== '');
  const args = [...extra, '--trace-opt', '--trace-deopt', path.join(v.root, 'bin', 'lockstep.js'), 'fuzz', '--runs', String(runs), '--workers', String(workers), '--seed', '1', '--out', dir, '--progress', 'off', '--reporter', `json:${path.join(dir, 'run.json')}`];
  const cpu0 = childrenCpuMs();
  const t0 = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const sampler = new ThreadSampler(child.pid!);
  let optimisations = 0;
  let deopts = 0;
  // LOCKSTEP_BENCH_WORKERS_TRACE=DIR keeps each run's V8 trace (which functions, why)
  const traceDir = process.env.LOCKSTEP_BENCH_WORKERS_TRACE;
  const trace = traceDir ? fs.createWriteStream(path.join(traceDir, `${path.basename(v.root)}-w${workers}-${path.basename(dir)}.log`)) : undefined;
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    trace?.write(`${line}\n`);
    if (line.startsWith('[completed compiling')) optimisations++;
    else if (line.startsWith('[bailout (kind: deopt')) deopts++;
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => { if (stderr.length < 4000) stderr += d.toString(); });
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  const wallMs = performance.now() - t0;
  const threads = sampler.stop();
  const cpuMs = childrenCpuMs() - cpu0;
  // exit 1 = findings (the campaign holds buggy variants): expected
  if (code !== 0 && code !== 1) throw new Error(`${v.name} --workers ${workers} exited ${code}: ${stderr.trim()}`);
  const r = JSON.parse(fs.readFileSync(report, 'utf8')) as { cells: { executions: number }[] };
  const executions = r.cells.reduce((n, c) => n + c.executions, 0);
  trace?.end();
  return { variant: v.name, workers, wallMs, cpuMs, executions, cells: r.cells.length, ...threads, optimisations, deopts, load };
}

function quartiles(xs: readonly number[]): { med: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return { med: s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2, min: s[0]!, max: s[s.length - 1]! };
}

function fmt(xs: readonly number[], digits: number, unit = ''): string {
  const q = quartiles(xs);
  return `${q.med.toFixed(digits)}${unit} (${q.min.toFixed(digits)}-${q.max.toFixed(digits)})`;
}

/** The workers benchmark as markdown. */
export async function runWorkersBench(): Promise<string> {
  const runs = Number(process.env.LOCKSTEP_BENCH_WORKERS_RUNS ?? 1000);
  const reps = Number(process.env.LOCKSTEP_BENCH_WORKERS_REPS ?? 3);
  const here: Variant = { name: 'this checkout', root: path.resolve(__dirname, '..', '..') };
  const variants: Variant[] = [here];
  const base = process.env.LOCKSTEP_BENCH_BASELINE;
  if (base) {
    if (!fs.existsSync(path.join(base, 'dist', 'harness', 'cli', 'main.js'))) throw new Error(`LOCKSTEP_BENCH_BASELINE=${base}: not a built checkout (run npm run build there)`);
    variants.unshift({ name: `baseline (${path.basename(base)})`, root: base });
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-bench-workers-'));
  const all: Run[] = [];
  try {
    // LOCKSTEP_BENCH_WORKERS_LIST=1,2 measures only those counts (experiments)
    const counts = process.env.LOCKSTEP_BENCH_WORKERS_LIST?.split(',').map(Number) ?? WORKERS;
    // the goal's pair (1 and 2 workers) of every variant first, so a cut-short bench has it
    const configs = [...counts].sort((a, b) => (a <= 2 ? a : 10 + a) - (b <= 2 ? b : 10 + b)).flatMap((w) => variants.map((v) => ({ v, w })));
    for (let rep = 0; rep < reps; rep++) {
      // interleaved, and rotated each repetition so no configuration always runs first
      for (let i = 0; i < configs.length; i++) {
        const { v, w } = configs[(i + rep) % configs.length]!;
        const dir = path.join(root, `${all.length}`);
        fs.mkdirSync(dir);
        const r = await once(v, w, runs, dir);
        // one JSON line per run: a cut-short bench still leaves its figures (workersTable reads them)
        process.stderr.write(`bench workers: ${JSON.stringify(r)}\n`);
        all.push(r);
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
  return workersTable(all, runs, reps);
}

/** Markdown of the runs: one row per (variant, workers), medians (min-max) over repetitions. */
export function workersTable(all: readonly Run[], runs: number, reps: number): string {
  const per1k = (r: Run): number => r.cpuMs / (r.executions / 1000);
  const lines = [`## Work per execution against workers (issue 12 goal 1): \`lockstep fuzz --runs ${runs} --seed 1\`, every built-in cell`, ''];
  const loads = all.map((r) => r.load);
  lines.push(`Machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), node ${process.version}; ${all[0]?.cells ?? '?'} cells, ${all[0]?.executions.toLocaleString('en-US') ?? '?'} executions per run; ${reps} repetitions, configurations interleaved; load average ${fmt(loads, 1)} at the start of the runs. CPU = the child process's rusage (all threads). Ratio = CPU per execution over the same repetition's --workers 1 of the same code (goal: 2 workers <= ${GOAL_RATIO.toFixed(2)}). V8 helpers = CPU of V8's platform threads (background TurboFan jobs, concurrent marking, parallel scavenges; the compilation figure of the goal, < ${GOAL_COMPILE_SHARE * 100} % of CPU, GC included); main and workers = the JavaScript threads (the CLI, the pool); optimisations and deopts = TurboFan jobs finished and deoptimisations, counted by V8 (--trace-opt --trace-deopt, all runs). Wall-clock speed-up is meaningful only on a quiet machine (load average below 1 on ${os.availableParallelism()} cores).`, '');
  lines.push('| code | workers | CPU per 1,000 executions | ratio to 1 worker | V8 helper threads | main thread | worker threads | optimisations | deopts | wall | wall speed-up |', '|---|---:|---|---|---|---|---|---|---|---|---|');
  const variants = [...new Set(all.map((r) => r.variant))];
  for (const v of variants) {
    for (const w of WORKERS) {
      const rs = all.filter((r) => r.variant === v && r.workers === w);
      if (rs.length === 0) continue;
      // ratio per repetition: the k-th run of w against the k-th run of 1 worker
      const ones = all.filter((r) => r.variant === v && r.workers === 1);
      const paired = rs.filter((_, k) => k < ones.length);
      const ratios = paired.map((r, k) => per1k(r) / per1k(ones[k]!));
      const speed = paired.map((r, k) => ones[k]!.wallMs / r.wallMs);
      lines.push(`| ${v} | ${w} | ${fmt(rs.map(per1k), 0, ' ms')} | ${w === 1 ? '1' : fmt(ratios, 3)} | ${fmt(rs.map((r) => 100 * r.helperMs / r.cpuMs), 1, ' %')} | ${fmt(rs.map((r) => 100 * r.mainMs / r.cpuMs), 1, ' %')} | ${fmt(rs.map((r) => 100 * r.laterMs / r.cpuMs), 1, ' %')} | ${fmt(rs.map((r) => r.optimisations), 0)} | ${fmt(rs.map((r) => r.deopts), 0)} | ${fmt(rs.map((r) => r.wallMs / 1000), 1, ' s')} | ${w === 1 ? '1' : fmt(speed, 2)} |`);
    }
  }
  lines.push('');
  return `${lines.join('\n')}\n`;
}
