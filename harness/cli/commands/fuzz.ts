import { MEMORY_MODELS } from '../../memory/memory-model';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { builtinTargets } from '../../../targets';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { HARNESS_VERSION } from '../main';
import type { CampaignProgress } from '../../fuzz/campaign';
import { createRunner, runSession } from '../../fuzz/campaign-session';
import { parseMemory, resolveTasks } from '../../fuzz/fuzz-tasks';
import { formatFuzzSummary } from '../../fuzz/fuzz-summary';

/**
 * Default wall-clock budget of `lockstep fuzz`. Measured on the 2-core machine (shared, load
 * average ~3): the default campaign (116 cells, ~870 000 executions) takes 46 s of wall time
 * and 88 s of CPU time including shrinking and the report. Under heavier load fewer batches
 * start (results stay deterministic given that count); 45 s is what lets the tso cells of the
 * deep pvqspinlock bugs reach the ~10 000 runs their slower seeds need.
 */
export const DEFAULT_FUZZ_SECONDS = 45;

/** Parsed `lockstep fuzz` options. */
interface FuzzFlags {
  time?: string;
  runs?: string;
  seed?: string;
  workers?: string;
  shard?: string;
  corpus?: string;
  out?: string;
  memory?: string;
  runawayMs?: string;
}

/** A non-negative integer flag value, or a CliError naming the flag. */
export function parseCount(flag: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new CliError(`${flag}: expected an integer >= ${min}, got '${value}'`);
  }
  return Number(value);
}

/** `--shard I/N` with 0 <= I < N. */
export function parseShard(value: string | undefined): { index: number; count: number } {
  if (value === undefined) return { index: 0, count: 1 };
  const m = /^(\d+)\/(\d+)$/.exec(value);
  if (!m || Number(m[2]) < 1 || Number(m[1]) >= Number(m[2])) throw new CliError(`--shard: expected I/N with 0 <= I < N (e.g. 0/4), got '${value}'`);
  return { index: Number(m[1]), count: Number(m[2]) };
}

/** `reports/2026-11-21T06-50-00Z` from an ISO date. */
export function defaultOutDir(date: string): string {
  return path.join('reports', date.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-'));
}

/**
 * `lockstep fuzz`: the campaign (issue 5 "Campaign CLI"). Exit 0 nothing found, 1 a bug
 * found, 2 bad usage, 3 harness error, 130 interrupted (after writing the partial report).
 */
export function registerFuzz(program: Command, io: CliIo): void {
  program
    .command('fuzz')
    .description('fuzz targets (all built-in ones by default) with the strategy portfolio, shrink and save what fails, write a report')
    .argument('[targets...]', 'target[:variant] names, or module files exporting a Target (path/to/lock.js[:variant])')
    .option('--time <seconds>', `wall-clock budget: decides how many batches START (default ${DEFAULT_FUZZ_SECONDS}; results are deterministic given that number)`)
    .option('--runs <n>', 'runs per target/variant/memory cell (deterministic budget; excludes --time)')
    .option('--seed <n>', 'campaign seed (default 1)')
    .option('--workers <n>', 'worker threads (default: available cores; 0 = run in this thread, without runaway detection)')
    .option('--shard <i/n>', 'run shard i of n: batch b of every cell runs on shard b mod n')
    .option('--corpus <dir>', 'save new corpus entries here (default <out>/corpus)')
    .option('--out <dir>', 'report directory (default reports/<timestamp>/)')
    .option('--memory <models>', `${MEMORY_MODELS.join(', ')}, a comma-separated list, or all (default all)`)
    .option('--runaway-ms <ms>', 'kill a run that does not yield for this long and report a runaway (default 10000)')
    .addHelpText('after', [
      '',
      'Budgets: --runs N gives every cell exactly N runs in batches of 200. --time T keeps starting',
      'batches until T seconds have passed, every cell at least one, then in proportion to the',
      "cell's schedulable entities: the target's most threads, doubled under tso (one store buffer",
      "per cpu). PCT's chance per run at a depth-d bug is 1/(n k^(d-1)) for n entities, so equal",
      'runs would shortchange the larger cells; the weight reads only the workload shape and the',
      "memory model, never a variant's expectation or a result. The same --seed and the same",
      'number of batches give the same findings with any --workers or --shard split.',
      '',
      'Portfolio (per run, adaptive): partial-order sampling, random walk, PCT d=1..3, bounded',
      'exhaustive search (dfs k=2, small workload) and fast-check decision arrays; each run goes to',
      'an arm with probability ~ prior x (floor + its rate of new coverage); priors pos 4, random 2,',
      'pct2/pct3/dfs/decisions 1, pct1 0.5. Workloads: generated (at least 2 threads when allowed),',
      "and a variant's own stated workload in one run of three.",
      'Exit codes: 0 nothing found, 1 bug found, 2 usage error, 3 harness error, 130 interrupted.',
    ].join('\n'))
    .action(async (targets: string[], flags: FuzzFlags) => {
      io.exitCode = await fuzzCommand(targets, flags, io);
    });
}

async function fuzzCommand(args: readonly string[], flags: FuzzFlags, io: CliIo): Promise<number> {
  if (flags.time !== undefined && flags.runs !== undefined) throw new CliError('--time and --runs exclude each other: give one budget');
  const runs = parseCount('--runs', flags.runs, 1);
  const timeSec = parseCount('--time', flags.time, 1) ?? (runs === undefined ? DEFAULT_FUZZ_SECONDS : undefined);
  const seed = parseCount('--seed', flags.seed) ?? 1;
  const workers = parseCount('--workers', flags.workers) ?? Math.max(1, os.availableParallelism());
  const runawayMs = parseCount('--runaway-ms', flags.runawayMs, 10);
  const shard = parseShard(flags.shard);
  const memories = parseMemory(flags.memory);
  const resolved = resolveTasks(args, memories, builtinTargets());
  if (resolved.tasks.length === 0) throw new CliError('nothing to fuzz: no target has a variant (see `lockstep list`)');
  const date = new Date().toISOString();
  const outDir = flags.out ?? defaultOutDir(date);
  const corpusDir = flags.corpus ?? path.join(outDir, 'corpus');
  const now = (): number => performance.now();
  const start = now();
  const runner = createRunner(workers, now, (ref) => resolved.resolve(resolved.tasks.find((t) => t.ref === ref) ?? resolved.tasks[0]), runawayMs);

  const interrupt = new AbortController();
  let sigints = 0;
  const onSigint = (): void => {
    sigints++;
    if (sigints > 1) process.exit(130); // a second Ctrl-C: stop now
    io.err('\nlockstep fuzz: interrupted; finishing running batches and writing the partial report (Ctrl-C again to quit at once)\n');
    interrupt.abort();
  };
  process.on('SIGINT', onSigint);
  const budget = timeSec !== undefined ? `${timeSec}s` : `${runs} runs/cell`;
  io.err(`lockstep fuzz: ${resolved.tasks.length} cells, seed ${seed}, budget ${budget}, ${workers === 0 ? 'in process' : `${workers} workers`}${shard.count > 1 ? `, shard ${shard.index}/${shard.count}` : ''}\n`);
  let last: CampaignProgress | undefined;
  let lastDraw = 0;
  const line = (p: CampaignProgress): string => {
    const secs = p.elapsedMs / 1000;
    const rate = secs > 0 ? Math.round(p.executions / secs) : 0;
    const cells = p.cellsDone > 0 ? `cells ${p.cellsDone}/${p.cells}, ` : '';
    return `[${secs.toFixed(0)}s] ${cells}batches ${p.batchesDone}, ${p.executions} executions (${rate}/s), ${p.findings} distinct findings`;
  };
  const heartbeat = io.isTty ? undefined : setInterval(() => { if (last) io.err(`lockstep fuzz: ${line(last)}\n`); }, 30_000);
  try {
    const session = await runSession({
      tasks: resolved.tasks, resolve: resolved.resolve, runner, seed, shard,
      ...(runs !== undefined ? { runs } : {}), ...(timeSec !== undefined ? { timeMs: timeSec * 1000 } : {}),
      now, signal: interrupt.signal, date, harnessVersion: HARNESS_VERSION, outDir, corpusDir,
      ...(process.env.GITHUB_STEP_SUMMARY ? { githubStepSummary: process.env.GITHUB_STEP_SUMMARY } : {}),
      onProgress: (p) => {
        last = p;
        if (io.isTty && p.elapsedMs - lastDraw >= 200) { lastDraw = p.elapsedMs; io.err(`\r\x1b[2K${line(p)}`); }
      },
    });
    if (io.isTty) io.err('\r\x1b[2K');
    io.out(formatFuzzSummary(session, { outDir, corpusDir, elapsedMs: now() - start }));
    for (const e of session.result.errors) io.err(`lockstep fuzz: harness error: ${e}\n`);
    if (session.result.interrupted) return 130;
    if (session.result.errors.length > 0) return 3;
    return session.built.report.findings.length > 0 ? 1 : 0;
  } finally {
    if (heartbeat) clearInterval(heartbeat);
    process.removeListener('SIGINT', onSigint);
    await runner.close();
  }
}
