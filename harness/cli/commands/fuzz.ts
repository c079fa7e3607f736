import { MEMORY_MODELS } from '../../memory/memory-model';
import { REAL } from '../../async/real-globals';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { HARNESS_VERSION } from '../main';
import { createRunner, runSession } from '../../fuzz/campaign-session';
import { tuneJitForCampaign } from '../campaign-jit';
import { parseMemory, resolveTasks } from '../../fuzz/fuzz-tasks';
import { formatFuzzSummary } from '../../fuzz/fuzz-summary';
import { configFlag, projectContext } from '../project-context';
import { configuredTargets, withProjectDefaults, type FlagValues } from '../../project/command-defaults';
import { builtinTargets } from '../../target/builtin-targets';
import { guardedPreflight } from '../../target/preflight';
import { checkOutputLocation } from '../../output/output-location';
import { handleInterrupts } from '../interrupt-signals';
import { resolveShard, shardLabel } from '../shard-option';
import { parseProgress, progressReporter } from '../progress';
import { collect, emitReports, parseReporters, REPORTER_NAMES, reporterDir } from '../reporter-option';
import { renderCampaignHtml } from '../../report/campaign-html';
import { renderGithubAnnotations } from '../../report/github-annotations';
import { campaignJunitCases, renderJunitXml } from '../../report/junit-xml';
import { encodeReport } from '../../report/report-codec';
import type { CampaignReport } from '../../report/campaign-report';
import { cellVerdict, partialReason } from '../../report/cell-verdict';

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
  expect?: boolean;
  progress?: string;
  reporter?: string[];
}

/** A non-negative integer flag value, or a CliError naming the flag. */
export function parseCount(flag: string, value: string | undefined, min = 0): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || !Number.isSafeInteger(Number(value))) {
    throw new CliError(`${flag}: expected an integer >= ${min}, got '${value}'`);
  }
  return Number(value);
}

/** `reports/2026-11-21T06-50-00Z` from an ISO date. */
export function defaultOutDir(date: string): string {
  return path.join('reports', date.replace(/\.\d+Z$/, 'Z').replace(/:/g, '-'));
}

/**
 * `lockstep fuzz`: the campaign (issue 5 "Campaign CLI"). Exit 0 nothing found, 1 a bug
 * found, 2 bad usage, unusable output location or a mistake in a target (found by the preflight
 * or by a batch), 3 harness error or failed write, 130/143/129
 * interrupted by SIGINT/SIGTERM/SIGHUP (after writing the partial report).
 */
export function registerFuzz(program: Command, io: CliIo): void {
  program
    .command('fuzz')
    .description('fuzz targets (all built-in ones by default) with the strategy portfolio, shrink and save what fails, write a report')
    .argument('[targets...]', 'target[:variant] names, target files exporting a Target (path/to/lock.ts[:variant]) or globs (\'src/**/*.lock.ts\')')
    .option('--time <seconds>', `wall-clock budget: decides how many batches START (default ${DEFAULT_FUZZ_SECONDS}; results are deterministic given that number)`)
    .option('--runs <n>', 'runs per target/variant/memory cell (deterministic budget; excludes --time)')
    .option('--seed <n>', 'campaign seed (default 1)')
    .option('--workers <n>', 'worker threads (default: available cores; 0 = run in this thread)')
    .option('--shard <i/n>', 'run shard i of n, 1-based like jest/vitest/Playwright (1/4 .. 4/4); also LOCKSTEP_SHARD=i/n, or JOB_COMPLETION_INDEX (0-based) with LOCKSTEP_SHARD_COUNT=n')
    .option('--corpus <dir>', 'save new corpus entries here (default <out>/corpus)')
    .option('--out <dir>', 'report directory (default reports/<timestamp>/)')
    .option('--memory <models>', `${MEMORY_MODELS.join(', ')}, a comma-separated list, or all (default all)`)
    .option('--reporter <name[:file]>', 'default | json (report.json) | junit | github (annotations) | html (the campaign page); repeatable; :file writes it there instead of stdout; naming any replaces default unless default is named too', collect)
    .option('--progress <mode>', 'tty (a live status line; default on a terminal), plain (a line every 30 s; default elsewhere) or off')
    .option('--expect', 'exit 0 when every cell behaves as `lockstep list` expects (no unexpected finding, no expected bug missed), else 1')
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
      'Saving: each finding\'s corpus entry and findings/ folder are written as soon as it is shrunk,',
      'report.json is kept current as batches finish (marked interrupted until the end), so a killed',
      'campaign leaves a valid corpus and a report.json that `lockstep merge` accepts.',
      'junit.xml has one test case per cell, meaning "this cell behaved as expected": an unexpected',
      'finding or an expected bug not found fails; an expected bug found passes and carries it.',
      'Exit codes: 0 nothing found, 1 bug found (with --expect: 0 every cell as expected, 1 some',
      'cell not), 2 usage error, unusable --out/--corpus or a mistake in a target, 3 harness error or failed write,',
      '130 SIGINT, 143 SIGTERM, 129 SIGHUP (after writing the partial report).',
    ].join('\n'))
    .action(async (targets: string[], flags: FuzzFlags, cmd: Command) => {
      io.exitCode = await fuzzCommand(targets, flags, io, configFlag(cmd));
    });
}

async function fuzzCommand(givenArgs: readonly string[], givenFlags: FuzzFlags, io: CliIo, config: string | undefined): Promise<number> {
  const date = new Date().toISOString();
  const ctx = projectContext(builtinTargets, config);
  // flags > LOCKSTEP_* > lockstep.config.* > defaults; no target named: the project's targets
  const flags = withProjectDefaults('fuzz', givenFlags as FlagValues, ctx.project, process.env, date) as FuzzFlags;
  const args = givenArgs.length > 0 ? givenArgs : configuredTargets(ctx.project, process.env) ?? [];
  if (flags.time !== undefined && flags.runs !== undefined) throw new CliError('--time and --runs exclude each other: give one budget');
  const runs = parseCount('--runs', flags.runs, 1);
  const timeSec = parseCount('--time', flags.time, 1) ?? (runs === undefined ? DEFAULT_FUZZ_SECONDS : undefined);
  const seed = parseCount('--seed', flags.seed) ?? 1;
  const workers = parseCount('--workers', flags.workers) ?? Math.max(1, os.availableParallelism());
  const runawayMs = parseCount('--runaway-ms', flags.runawayMs, 10);
  const shard = resolveShard(flags.shard, process.env);
  const memories = parseMemory(flags.memory);
  const progressMode = parseProgress(flags.progress, io);
  const reporters = parseReporters(flags.reporter, REPORTER_NAMES);
  const resolved = resolveTasks(args, memories, ctx);
  if (resolved.tasks.length === 0) throw new CliError('nothing to fuzz: no target has a variant (see `lockstep list`)');
  // a mistake in a target is exit 2 naming its file and export, before any batch runs
  // (guarded: a thread that never yields is the campaign's runaway finding, not a hang here)
  guardedPreflight(resolved.tasks.map((t) => ({ target: resolved.resolve(t), variant: t.variant, memory: t.memory, ...(resolved.origin(t) !== undefined ? { origin: resolved.origin(t) } : {}) })), runawayMs);
  const outDir = flags.out ?? defaultOutDir(date);
  const corpusDir = flags.corpus ?? path.join(outDir, 'corpus');
  // refuse an unusable --out/--corpus now, not after the whole campaign (issue 10)
  checkOutputLocation(outDir, '--out');
  checkOutputLocation(corpusDir, flags.corpus !== undefined ? '--corpus' : '--out');
  // the real clock: with --workers 0 an async execution patches performance.now while the campaign runs
  const now = (): number => REAL.performanceNow.call(performance);
  const start = now();
  tuneJitForCampaign();
  const runner = createRunner(workers, now, (ref) => resolved.resolve(resolved.tasks.find((t) => t.ref === ref) ?? resolved.tasks[0]), runawayMs);
  const interrupts = handleInterrupts(io, 'lockstep fuzz', 'finishing running batches and writing the partial report');
  const budget = timeSec !== undefined ? `${timeSec}s` : `${runs} runs/cell`;
  if (progressMode !== 'off') io.err(`lockstep fuzz: ${resolved.tasks.length} cells, seed ${seed}, budget ${budget}, ${workers === 0 ? 'in process' : `${workers} workers`}${shard.count > 1 ? `, shard ${shardLabel(shard)}${shard.source === '--shard' ? '' : ` (from ${shard.source})`}` : ''}\n`);
  const progress = progressReporter(progressMode, io, { label: 'lockstep fuzz' });
  try {
    const session = await runSession({
      tasks: resolved.tasks, resolve: resolved.resolve, runner, seed, shard: { index: shard.index, count: shard.count },
      ...(runs !== undefined ? { runs } : {}), ...(timeSec !== undefined ? { timeMs: timeSec * 1000 } : {}),
      now, signal: interrupts.signal, date, harnessVersion: HARNESS_VERSION, outDir, corpusDir,
      ...(process.env.GITHUB_STEP_SUMMARY ? { githubStepSummary: process.env.GITHUB_STEP_SUMMARY } : {}),
      onProgress: (p) => progress.update(p),
    });
    progress.stop();
    const report = session.built.report;
    emitReports(reporters, (spec) => {
      switch (spec.name) {
        case 'default': return formatFuzzSummary(session, { outDir, corpusDir, elapsedMs: now() - start });
        case 'json': return encodeReport(report);
        case 'junit': return renderJunitXml(report, outDir);
        case 'github': return renderGithubAnnotations(campaignJunitCases(report, outDir));
        case 'html': return renderCampaignHtml(report, { outDir, pageDir: reporterDir(spec), hasPages: (f) => fs.existsSync(path.join(outDir, f.dir, 'finding.html')) });
      }
    }, io);
    // as the preflight words it: where the target is declared, then the mistake
    for (const e of session.result.targetErrors) { const at = resolved.origin(e.task); io.err(`lockstep: ${at !== undefined ? `${at}: ` : ''}${e.message}\n`); }
    for (const e of session.result.errors) io.err(`lockstep fuzz: harness error: ${e}\n`);
    // a mistake in a target outranks everything else (the worst-code order of DECISIONS.md item 12)
    if (session.result.targetErrors.length > 0) return 2;
    if (session.writeFailure) {
      io.err(`lockstep fuzz: ${session.writeFailure.message}; the campaign stopped, what was saved before is intact\n`);
      return 3;
    }
    if (session.result.interrupted) return interrupts.exitCode() ?? 130;
    if (session.result.errors.length > 0) return 3;
    return exitCode(session.built.report, flags.expect === true);
  } finally {
    progress.stop();
    interrupts.dispose();
    await runner.close();
  }
}

/**
 * Exit code of a finished campaign (DECISIONS.md item 5): without --expect 1 when anything was
 * found; with it 1 when some cell did not behave as expected (the junit.xml rule), else 0.
 */
export function exitCode(report: CampaignReport, expect: boolean): number {
  if (!expect) return report.findings.length > 0 ? 1 : 0;
  const partial = partialReason(report);
  return report.cells.every((c) => cellVerdict(c, partial).pass) ? 0 : 1;
}
