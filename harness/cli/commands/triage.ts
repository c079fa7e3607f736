import { MEMORY_MODELS } from '../../memory/memory-model';
import * as fs from 'node:fs';
import { findingText } from '../../report/report-format';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Command } from 'commander';
import { loadCorpus, targetDirName } from '../../corpus/corpus-store';
import { selectTargets } from '../../project/select-targets';
import { configFlag, projectContext } from '../project-context';
import { withProjectDefaults, type FlagValues } from '../../project/command-defaults';
import { builtinTargets } from '../../target/builtin-targets';
import { guardedPreflight } from '../../target/preflight';
import { createRunner } from '../../fuzz/campaign-session';
import { tuneJitForCampaign } from '../campaign-jit';
import { parseMemory } from '../../fuzz/fuzz-tasks';
import type { TargetRef } from '../../fuzz/fuzz-types';
import { formatInterleaving } from '../../report/interleaving-table';
import { runTriage, type TriageReplaySide, type TriageRow } from '../../fuzz/triage';
import { targetMemories, type AnyTarget } from '../../target/any-target';
import { CliError } from '../cli-error';
import type { CliIo } from '../cli-io';
import { parseCount } from './fuzz';
import { handleInterrupts } from '../interrupt-signals';
import { commandGuard } from '../runaway-option';
import { executeTarget, withDeterminismCheck } from '../../async/execute-target';
import { parseProgress, progressReporter } from '../progress';
import { minimalityText } from '../../report/minimality-text';

/** Default runs per side and memory model of a triage without a budget. */
export const DEFAULT_TRIAGE_RUNS = 2000;

interface TriageFlags {
  runawayMs?: string;
  base?: string;
  patch?: string;
  time?: string;
  runs?: string;
  seed?: string;
  workers?: string;
  memory?: string;
  corpus?: string;
  progress?: string;
}

/**
 * `lockstep triage <target> --base <variant> --patch <variant>` (issue 5 "Patch triage"):
 * exit 1 when the patch introduces a finding, 0 otherwise (2 usage, 3 harness error, 130 interrupted).
 */
export function registerTriage(program: Command, io: CliIo): void {
  program
    .command('triage')
    .description('compare a patched variant with its base: corpus replay + the same seeded campaign on both')
    .argument('<target>', 'a built-in target name, or a target file (path.ts, path.ts:target) holding both variants')
    .option('--base <variant>', 'variant before the patch (required)')
    .option('--patch <variant>', 'variant after the patch (required)')
    .option('--time <seconds>', 'wall-clock budget deciding how many batch rounds start (both sides get the same runs)')
    .option('--runs <n>', `runs per side and memory model (default ${DEFAULT_TRIAGE_RUNS})`)
    .option('--seed <n>', 'campaign seed (default 1)')
    .option('--workers <n>', 'worker threads (default: available cores; 0 = in this thread)')
    .option('--memory <models>', `${MEMORY_MODELS.join(', ')}, a comma-separated list, or all (default all)`)
    .option('--corpus <dir>', 'corpus to replay (default corpus/)')
    .option('--runaway-ms <ms>', 'stop a run that does not yield for this long and report a runaway (default 10000)')
    .option('--progress <mode>', 'tty (a live status line; default on a terminal), plain (a line every 30 s; default elsewhere) or off')
    .action(async (targetArg: string, flags: TriageFlags, cmd: Command) => {
      io.exitCode = await triageCommand(targetArg, flags, io, configFlag(cmd));
    });
}

async function triageCommand(targetArg: string, givenFlags: TriageFlags, io: CliIo, config: string | undefined): Promise<number> {
  const ctx = projectContext(builtinTargets, config);
  // flags > LOCKSTEP_* > lockstep.config.* > defaults
  const flags = withProjectDefaults('triage', givenFlags as FlagValues, ctx.project, process.env, new Date().toISOString()) as TriageFlags;
  if (!flags.base) throw new CliError('triage: --base <variant> is required');
  if (!flags.patch) throw new CliError('triage: --patch <variant> is required');
  if (flags.time !== undefined && flags.runs !== undefined) throw new CliError('--time and --runs exclude each other: give one budget');
  const timeSec = parseCount('--time', flags.time, 1);
  const runs = parseCount('--runs', flags.runs, 1) ?? (timeSec === undefined ? DEFAULT_TRIAGE_RUNS : undefined);
  const seed = parseCount('--seed', flags.seed) ?? 1;
  const workers = parseCount('--workers', flags.workers) ?? Math.max(1, os.availableParallelism());
  const asked = parseMemory(flags.memory);
  const progressMode = parseProgress(flags.progress, io);
  const picked = selectTargets([targetArg], ctx);
  if (picked.length !== 1) {
    throw new CliError(`triage: '${targetArg}' selects ${picked.length} targets (${picked.map((s) => s.target.name).join(', ')}); name one, e.g. ${targetArg}:${picked[0]?.target.name ?? '<target>'}`);
  }
  const target: AnyTarget = picked[0]!.target;
  const ref: TargetRef = picked[0]!.ref;
  const origin = picked[0]!.origin;
  // async targets run JavaScript, sequentially consistent: sc only
  const memories = targetMemories(target, asked);
  if (memories.length === 0) throw new CliError(`--memory: target '${target.name}' is an async target and runs under sc only (asked: ${asked.join(', ')})`);
  for (const v of [flags.base, flags.patch]) {
    if (!target.variants.some((x) => x.name === v)) {
      throw new CliError(`target '${target.name}' has no variant '${v}' (variants: ${target.variants.map((x) => x.name).join(', ')})`);
    }
  }
  guardedPreflight([flags.base, flags.patch].flatMap((variant) => memories.map((memory) => ({ target, variant, memory, ...(origin !== undefined ? { origin } : {}) }))), parseCount('--runaway-ms', flags.runawayMs, 10));
  const corpusRoot = flags.corpus ?? 'corpus';
  const dir = path.join(corpusRoot, targetDirName(target.name));
  let corpus: { path: string; entry: import('../../corpus/corpus-entry').CorpusEntry }[] = [];
  if (fs.existsSync(dir)) {
    try {
      corpus = loadCorpus(dir).filter((e) => e.entry.target === target.name).map((e) => ({ path: e.path, entry: e.entry }));
    } catch (e) {
      throw new CliError(`triage: ${(e as Error).message}`);
    }
  } else if (flags.corpus !== undefined && !fs.existsSync(corpusRoot)) {
    throw new CliError(`--corpus: directory '${corpusRoot}' does not exist`);
  }
  const now = (): number => performance.now();
  const runawayMs = parseCount('--runaway-ms', flags.runawayMs, 10);
  tuneJitForCampaign();
  const runner = createRunner(workers, now, () => target, runawayMs);
  // the corpus replays run in this thread: guarded like the in-process batches
  const guard = commandGuard(runawayMs);
  const interrupts = handleInterrupts(io, 'lockstep triage', 'finishing running batches and writing the verdict');
  const progress = progressReporter(progressMode, io, { label: 'lockstep triage' });
  if (progressMode !== 'off') io.err(`lockstep triage: ${target.name}: base ${flags.base} vs patch ${flags.patch}, ${corpus.length} corpus entries, seed ${seed}, ${runs !== undefined ? `${runs} runs` : `${timeSec}s`} per side and memory model\n`);
  try {
    const r = await runTriage({
      target, ref, base: flags.base, patch: flags.patch, memories, seed, corpus,
      ...(runs !== undefined ? { runs } : {}), ...(timeSec !== undefined ? { timeMs: timeSec * 1000 } : {}), now, signal: interrupts.signal,
      ...(guard ? { replay: { execute: withDeterminismCheck(guard.wrapExecute(executeTarget)) } } : {}),
      onProgress: (p) => progress.update(p),
    }, runner);
    progress.stop();
    io.out(formatTriage(r.rows, flags.base, flags.patch, r.campaign.cells.map((c) => `${c.task.variant}@${c.task.memory}: ${c.executions} runs`), r.skipped));
    for (const e of r.campaign.targetErrors) io.err(`lockstep: ${e.message}\n`);
    for (const e of r.campaign.errors) io.err(`lockstep triage: harness error: ${e}\n`);
    if (r.campaign.targetErrors.length > 0) return 2;
    if (r.campaign.interrupted) return interrupts.exitCode() ?? 130;
    if (r.campaign.errors.length > 0) return 3;
    return r.rows.some((x) => x.verdict === 'introduced') ? 1 : 0;
  } finally {
    progress.stop();
    interrupts.dispose();
    await guard?.dispose();
    await runner.close();
  }
}

/** Verdict column: stale rows say which side could not be judged. */
function verdictCell(r: TriageRow): string {
  if (r.verdict !== 'stale') return r.verdict.toUpperCase();
  const b = r.base?.status === 'stale';
  const p = r.patch?.status === 'stale';
  return `STALE ON ${b && p ? 'BASE AND PATCH' : b ? 'BASE' : 'PATCH'}`;
}

/** A side's cell: failing executions (campaign), or what the corpus replay showed there. */
function sideCell(count: number, s: TriageReplaySide | undefined): string {
  if (s === undefined || s.status === 'reproduces' || s.status === 'fixed') return count > 0 ? `x${count}` : '-';
  return s.status; // changed | stale
}

/**
 * The verdict table, then the shrunk interleaving of every regression, then why each stale
 * or changed corpus entry is so (where the replay diverged, what it shows now).
 */
export function formatTriage(rows: readonly TriageRow[], base: string, patch: string, budget: readonly string[], skipped: readonly string[] = []): string {
  const lines: string[] = [];
  const count = (v: string): number => rows.filter((r) => r.verdict === v).length;
  lines.push(
    `verdict: ${count('introduced')} introduced by the patch, ${count('fixed')} fixed, ${count('changed')} changed, ${count('unchanged')} unchanged, ${count('stale')} stale corpus entries`,
    `(${budget.join('; ')})`, '',
  );
  lines.push(['verdict', 'memory', 'source', `${base}`, `${patch}`, 'finding'].join(' | '));
  lines.push('--- | --- | --- | --- | --- | ---');
  for (const r of rows) {
    lines.push([verdictCell(r), r.memory, r.source, sideCell(r.baseCount, r.base), sideCell(r.patchCount, r.patch), findingText(r.kind, r.message)].join(' | '));
  }
  if (rows.length === 0) lines.push('(no finding on either side)');
  for (const f of skipped) lines.push(`skipped ${f}: a runaway entry is not replayed in-process`);
  for (const r of rows.filter((x) => x.verdict === 'introduced')) {
    lines.push('', `REGRESSION (${r.memory}, ${r.source}${r.entry ? ` ${r.entry}` : ''}): ${findingText(r.kind, r.message)}`);
    if (r.patch?.status === 'changed') lines.push(`changed on ${patch}: ${r.patch.reason}`);
    if (r.preemptions !== undefined) lines.push(`shrunk run: ${r.preemptions} preemption${r.preemptions === 1 ? '' : 's'}; ${r.source === 'campaign' ? minimalityText(r.minimal, r.preemptions) : 'as saved in the corpus'}`);
    if (r.outcome) lines.push(formatInterleaving(r.outcome));
    if (r.replay !== undefined) lines.push(`replay on ${patch}: npx lockstep replay ${r.replay}`);
  }
  const notes: string[] = [];
  for (const r of rows) {
    for (const [name, s] of [[base, r.base], [patch, r.patch]] as const) {
      if (r.verdict === 'introduced' && s === r.patch) continue; // said above
      if (s?.status === 'stale' || s?.status === 'changed') notes.push(`${s.status} on ${name} (${r.memory}, ${r.entry}): ${s.reason}`);
    }
  }
  if (notes.length > 0) lines.push('', ...notes);
  return `${lines.join('\n')}\n`;
}
