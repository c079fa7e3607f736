import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { builtinTargets } from '../../target/builtin-targets';
import type { AnyTarget } from '../../target/any-target';
import { describeRecordedTarget } from '../../target/target-ref';
import { recordedTargetResolver, type RecordedTargetResolver } from '../../project/recorded-target-resolver';
import { configFlag, projectContext } from '../project-context';
import { encodeReplayToken, REPLAY_TOKEN_PREFIX, ReplayTokenError, type ReplayRecord } from '../../explore/replay-token';
import { DEFAULT_REPLAY_LOADERS, parseReplayInput, type ReplayLoader } from '../../explore/replay-input';
import { replayExecution } from '../../explore/replay-execution';
import { formatDivergence } from '../../strategy/replay';
import { formatInterleaving } from '../../report/interleaving-table';
import { formatWorkload } from '../../target/workload-args';
import { CorpusError } from '../../corpus/corpus-error';
import { replayEachPath, type PathReplay } from '../../corpus/replay-corpus';
import { replayRecording, type RecordingReplay } from '../../corpus/replay-recording';
import { EXIT, worstExitCode } from '../exit-codes';
import { commandGuard, guardFailure, RUNAWAY_HELP } from '../runaway-option';
import type { RunawayGuard } from '../../runaway/runaway-guard';
import { executeTarget, withDeterminismCheck } from '../../async/execute-target';
import { intFlag } from '../../explore/cli-flags';
import { stillFails, type CorpusReplayResult } from '../../corpus/corpus-replay-result';
import * as path from 'node:path';
import { replaySources, type ReplaySource } from '../replay-inputs';
import { decodeEntryText } from '../../corpus/corpus-codec';
import type { CorpusEntry } from '../../corpus/corpus-entry';
import { guardedEngine } from '../../fuzz/guarded-engine';
import { DEFAULT_MINIMAL_BUDGET } from '../../fuzz/minimal-search';
import { shrinkFound } from '../../fuzz/shrink-finding';
import type { ShrinkResult } from '../../fuzz/fuzz-types';
import { minimalityText } from '../../report/minimality-text';

/** Injected for tests and for other JSON shapes: targets and loaders. */
export interface ReplayDeps {
  readonly targets?: () => readonly AnyTarget[];
  readonly loaders?: readonly ReplayLoader[];
  /** The program's --config (the project root recorded module paths are relative to). */
  readonly configFlag?: string;
}

/**
 * `lockstep replay <token-or-file-or-dir>`: replay one recorded execution exactly and show its
 * interleaving, or replay corpus entries (one entry file, or every entry under a directory:
 * a corpus or a campaign's --out dir). Exit 1 when anything still fails, 0 when all is clean
 * now, 2 on malformed input.
 */
export function registerReplay(program: Command, io: CliIo, deps: ReplayDeps = {}): void {
  program
    .command('replay')
    .description('replay a failure from its token (printed by run), a file holding a token or replay JSON, a corpus entry, or a directory of corpus entries')
    .argument('<inputs...>', `a replay token (${REPLAY_TOKEN_PREFIX}...) or a file holding one; or corpus entries: entry files, directories, globs of .json files, and targets (locks/spin.ts[:variant], 'locks/*.ts', a built-in name) meaning their entries in the corpus`)
    .option('--json', 'print JSON instead of the interleaving table')
    .option('--corpus <dir>', "corpus holding the entries of target inputs (default: the config's corpus, else corpus/)")
    .option('--minimize', 'when one recording (token, file or corpus entry file) still fails: shrink it as lockstep fuzz does (fewer threads, operations, preemptions) and search for the fewest preemptions with bounded DFS; prints the minimized run and its token')
    .option('--minimal-budget <n>', `--minimize: executions the search for fewer preemptions may spend (default ${DEFAULT_MINIMAL_BUDGET})`)
    .option('--runaway-ms <ms>', RUNAWAY_HELP)
    .addHelpText('after', [
      '',
      'Corpus entries are classified: reproduces (same finding kind and signature), changed (fails differently),',
      'fixed (clean now), stale (target module, target, variant or operation gone, or the decisions no longer fit:',
      'replay diverged), skipped (runaway entries are not replayed in-process). A stale entry is never "fixed".',
      'A target loaded from a file is found again through the module path recorded relative to the project root',
      '(the directory of lockstep.config.*, else of the nearest package.json): replay from inside the same project.',
      '',
      'A directory is replayed entry by entry: a corrupt or unreadable file is listed as CORRUPT and every',
      'good entry is still replayed. Several inputs replay together (e.g. `lockstep replay locks/spin.ts:fixed`:',
      'the entries of that variant in the corpus; `lockstep replay "lockstep/corpus/spin/*.json"`).',
      '',
      'Exit status (the worst one wins): 2 malformed input or a corrupt entry, 1 a failure reproduces (or',
      `fails differently), ${EXIT.stale} something is stale (and nothing still fails), 0 every entry replayed and none fails.`,
    ].join('\n'))
    .action(async (args: string[], flags: { json?: boolean; runawayMs?: string; corpus?: string; minimize?: boolean; minimalBudget?: string }, cmd: Command) => {
      const withConfig: ReplayDeps = { ...deps, ...(configFlag(cmd) !== undefined ? { configFlag: configFlag(cmd) } : {}) };
      // one token, or one file holding a token or replay JSON: the exact replay of one execution
      const arg = args[0]!;
      const record = args.length === 1 && (arg.trim().startsWith(REPLAY_TOKEN_PREFIX) || (existsSync(arg) && statSync(arg).isFile() && !isCorpusEntryFile(arg) && !/\.([cm]?[jt]s)$/.test(arg)));
      const sources = record ? [] : sourcesOf(args, flags.corpus, withConfig);
      // replays run target code in this thread: the guard stops a thread that never yields
      const minimalBudget = intFlag('--minimal-budget', flags.minimalBudget, 0);
      if (minimalBudget !== undefined && flags.minimize !== true) throw new CliError('--minimal-budget needs --minimize');
      const minimize = flags.minimize === true ? { minimalBudget: minimalBudget ?? DEFAULT_MINIMAL_BUDGET } : undefined;
      const guard = commandGuard(intFlag('--runaway-ms', flags.runawayMs, 10));
      try {
        if (minimize) {
          // --minimize works on one recording: a token, a token file or one corpus entry file
          if (args.length !== 1 || (existsSync(arg) && statSync(arg).isDirectory()) || sources.some((x) => x.keep !== undefined)) {
            throw new CliError(`replay --minimize: give one recording (a token, a token file or one corpus entry file), not ${args.length > 1 ? `${args.length} inputs` : arg}`);
          }
          await replayRecord(arg, io, withConfig, flags.json === true, guard, minimize, record ? undefined : entryRecord(arg));
          return;
        }
        if (record) await replayRecord(arg, io, withConfig, flags.json === true, guard);
        else await replayCorpus(sources, io, withConfig, flags.json === true, guard);
      } finally {
        await guard?.dispose();
      }
    });
}

/** A JSON object with a formatVersion field is a corpus entry (repro.json or corpus/<target>/<hash>.json). */
function isCorpusEntryFile(file: string): boolean {
  if (!statSync(file).isFile()) return false;
  const text = readFileSync(file, 'utf8').trim();
  if (!text.startsWith('{')) return false;
  try {
    const v = JSON.parse(text) as unknown;
    return typeof v === 'object' && v !== null && !Array.isArray(v) && 'formatVersion' in v;
  } catch {
    // malformed JSON: a corpus entry if its name says so (the codec then names the file and the error)
    return file.endsWith('.json');
  }
}

/** The corpus sources of the inputs; the corpus of target inputs: --corpus > LOCKSTEP_CORPUS > the config's > corpus/. */
function sourcesOf(args: readonly string[], corpusFlag: string | undefined, deps: ReplayDeps): ReplaySource[] {
  const ctx = projectContext(deps.targets ?? builtinTargets, deps.configFlag);
  const abs = ctx.config.corpus !== undefined ? path.resolve(ctx.root, ctx.config.corpus) : undefined;
  // shown relative to the working directory when inside it, as fuzz shows it
  const rel = abs !== undefined ? path.relative(process.cwd(), abs) : undefined;
  const configured = rel !== undefined && rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  const corpusDir = corpusFlag ?? (process.env.LOCKSTEP_CORPUS || undefined) ?? configured ?? 'corpus';
  return replaySources(args, corpusDir, ctx, isCorpusEntryFile);
}

/** Every source replayed (each on its own, as replayEachPath does), kept to what its input selects. */
async function replaySourcesEach(sources: readonly ReplaySource[], deps: ReplayDeps, guard: RunawayGuard | undefined): Promise<PathReplay> {
  const all: PathReplay = { results: [], corrupt: [], runaways: [] };
  const seen = new Set<string>();
  const resolver = resolverFor(deps);
  for (const s of sources) {
    // a target with nothing saved yet has no folder in the corpus: no entries, not an error
    if (s.keep !== undefined && !existsSync(s.path)) continue;
    const each = await replayEachPath(s.path, { resolver, ...(guard ? { execute: withDeterminismCheck(guard.wrapExecute(executeTarget)) } : {}) });
    const keep = s.keep ?? (() => true);
    // a file reached by two inputs replays once
    const first = (p: string | undefined): boolean => { const k = path.resolve(p ?? ''); if (seen.has(k)) return false; seen.add(k); return true; };
    for (const r of each.results) if (keep(r.entry) && first(r.path)) all.results.push(r);
    for (const x of each.runaways) if (keep(x.entry) && first(x.path)) all.runaways.push(x);
    // corrupt files are listed whichever input walked them (their target is unknown)
    for (const c of each.corrupt) if (first(c.file)) all.corrupt.push(c);
  }
  return all;
}

async function replayCorpus(sources: readonly ReplaySource[], io: CliIo, deps: ReplayDeps, json: boolean, guard: RunawayGuard | undefined): Promise<void> {
  let each: PathReplay;
  try {
    each = await replaySourcesEach(sources, deps, guard);
  } catch (e) {
    if (e instanceof CorpusError) throw new CliError(`replay: ${e.message}${expectedEntry(e)}`);
    throw guardFailure(e, 'replay', '') ?? e;
  }
  const { results, corrupt, runaways } = each;
  // one entry file given: a replay that runs away is a mistake in the target, like `run`
  const oneFile = sources.length === 1 && sources[0]!.keep === undefined && statSync(sources[0]!.path).isFile();
  const arg = sources.map((s) => s.input).filter((x, i, a) => a.indexOf(x) === i).join(' ');
  if (runaways.length === 1 && results.length === 0 && corrupt.length === 0 && oneFile) {
    const x = runaways[0]!;
    throw guardFailure(x.error, `replay ${x.path}`, `${x.entry.target}:${x.entry.variant} (${x.entry.memory})`)!;
  }
  // one entry file given: a corrupt one is simply bad input
  if (corrupt.length === 1 && results.length === 0 && oneFile) throw new CliError(`replay: ${corrupt[0]!.message}${expectedEntry(corrupt[0]!)}`);
  if (results.length === 0 && corrupt.length === 0 && runaways.length === 0) {
    const targets = sources.some((s) => s.keep !== undefined);
    throw new CliError(`replay: ${arg}: no corpus entries found (${targets ? `a target's entries are read from ${path.dirname(sources.find((s) => s.keep !== undefined)!.path)}/<target>/; --corpus names another corpus` : 'expected <target>/<hash>.json or repro.json files'})`);
  }
  const failing = results.filter(stillFails).length;
  if (json) {
    io.out(`${JSON.stringify([
      ...results.map((r) => ({
        path: r.path, status: r.status, target: r.entry.target, variant: r.entry.variant, memory: r.entry.memory,
        recorded: r.recorded, ...(r.signature !== undefined ? { signature: r.signature } : {}), reason: r.reason,
        ...(r.divergence !== undefined ? { divergence: r.divergence } : {}),
      })),
      ...corrupt.map((c) => ({ path: c.file, status: 'corrupt', reason: c.message })),
      ...runaways.map((x) => ({ path: x.path, status: 'runaway', target: x.entry.target, variant: x.entry.variant, memory: x.entry.memory, reason: x.error.message })),
    ], null, 2)}\n`);
  } else {
    for (const r of results) io.out(`${formatResultLine(r)}\n`);
    // each corrupt file on its own line: every good entry was replayed all the same (issue 10)
    for (const c of corrupt) io.out(`${'CORRUPT'.padEnd(10)}  ${c.file}  -- ${c.field ? `field "${c.field}": ` : ''}${c.problem}\n`);
    for (const x of runaways) io.out(`${'RUNAWAY'.padEnd(10)}  ${x.entry.target}:${x.entry.variant} (${x.entry.memory})  ${x.path}  -- ${x.error.message}\n`);
    const single = results.length === 1 && corrupt.length === 0 && oneFile;
    if (single && results[0]!.outcome !== undefined && stillFails(results[0]!)) io.out(`\n${formatInterleaving(results[0]!.outcome)}`);
    const n = results.length + corrupt.length + runaways.length;
    io.out(`${n} entr${n === 1 ? 'y' : 'ies'}: ${[countLine(results), corrupt.length > 0 ? `${corrupt.length} corrupt` : '', runaways.length > 0 ? `${runaways.length} runaway` : ''].filter((x) => x !== '').join(', ')}\n`);
  }
  for (const c of corrupt) io.err(`lockstep replay: ${c.message} (${c.field === 'workload' ? '' : 'expected a lockstep corpus entry; '}the other entries were replayed)\n`);
  for (const x of runaways) io.err(`lockstep replay: ${x.path}: ${x.error.message} (a mistake in the target; the other entries were replayed)\n`);
  const stale = results.some((r) => r.status === 'stale');
  io.exitCode = worstExitCode([failing > 0 ? EXIT.finding : stale ? EXIT.stale : EXIT.clean, corrupt.length + runaways.length > 0 ? EXIT.badInput : EXIT.clean]);
}

/** What the user should have given, after a corpus error (a workload error already says what the target expects). */
function expectedEntry(e: CorpusError): string {
  return e.field === 'workload' ? '' : ' (expected a lockstep corpus entry)';
}

/** Recorded modules from the working directory's project root; names among the (injected) built-ins. */
function resolverFor(deps: ReplayDeps): RecordedTargetResolver {
  const ctx = projectContext(deps.targets ?? builtinTargets, deps.configFlag);
  return recordedTargetResolver({ root: ctx.root, builtins: ctx.builtins });
}

/** `REPRODUCES  ticket:racy-take (sc)  violation:critical section  corpus/ticket/ab12.json  -- reason`. */
export function formatResultLine(r: CorpusReplayResult): string {
  const e = r.entry;
  return `${r.status.toUpperCase().padEnd(10)}  ${describeRecordedTarget(e)}:${e.variant} (${e.memory})  ${r.recorded}  ${r.path ?? ''}  -- ${r.reason}`;
}

function countLine(results: readonly CorpusReplayResult[]): string {
  const order = ['reproduces', 'changed', 'fixed', 'stale', 'skipped'] as const;
  return order.map((s) => [s, results.filter((r) => r.status === s).length] as const).filter(([, n]) => n > 0).map(([s, n]) => `${n} ${s}`).join(', ');
}

/** A corpus entry file as a replay record (for --minimize); a malformed entry is bad input. */
function entryRecord(file: string): ReplayRecord {
  let e: CorpusEntry;
  try {
    e = decodeEntryText(readFileSync(file, 'utf8'), file);
  } catch (err) {
    if (err instanceof CorpusError) throw new CliError(`replay: ${err.message}${expectedEntry(err)}`);
    throw err;
  }
  return {
    target: e.target, ...(e.targetModule !== undefined ? { targetModule: e.targetModule } : {}), variant: e.variant, memory: e.memory,
    knobs: e.knobs, workload: e.workload, decisions: e.decisions, maxSteps: e.maxSteps,
  };
}

/** The minimized run of a recording that still fails (`replay --minimize`). */
interface Minimized {
  readonly shrink: ShrinkResult;
  readonly replay: string;
}

async function minimizeRecording(record: ReplayRecord, r: RecordingReplay, budget: number, guard: RunawayGuard | undefined): Promise<Minimized> {
  const target = r.target!;
  const maxSteps = record.maxSteps ?? target.maxSteps ?? 2000;
  const shrink = await shrinkFound({
    target, variant: record.variant, memory: record.memory, knobs: record.knobs, workload: record.workload, outcome: r.outcome!,
    maxSteps, strategy: 'replay', seed: 0, execution: 0,
  }, { minimalBudget: budget, ...(guard ? { engine: guardedEngine(guard) } : {}) });
  const replay = encodeReplayToken({
    target: record.target, ...(record.targetModule !== undefined ? { targetModule: record.targetModule } : {}), variant: record.variant, memory: record.memory,
    knobs: record.knobs, workload: shrink.run.workload, decisions: shrink.run.decisions, maxSteps,
  });
  return { shrink, replay };
}

async function replayRecord(
  arg: string, io: CliIo, deps: ReplayDeps, json: boolean, guard: RunawayGuard | undefined,
  minimize?: { readonly minimalBudget: number }, given?: ReplayRecord,
): Promise<void> {
  const record = given ?? readRecord(arg, deps.loaders ?? DEFAULT_REPLAY_LOADERS);
  const name = `${describeRecordedTarget(record)}:${record.variant}`;
  let r: RecordingReplay;
  try {
    const replayDeps = { resolver: resolverFor(deps), ...(guard ? { execute: withDeterminismCheck(guard.wrapExecute(executeTarget)) } : {}) };
    r = guard ? await guard.run(() => replayRecording(record, replayDeps)) : await replayRecording(record, replayDeps);
  } catch (e) {
    throw guardFailure(e, `replay ${name} (${record.memory})`, `${record.decisions.length} decisions`) ?? e;
  }
  const o = r.outcome;
  let m: Minimized | undefined;
  if (minimize && r.status === 'reproduces' && o !== undefined && r.target !== undefined) {
    try {
      m = await minimizeRecording(record, r, minimize.minimalBudget, guard);
    } catch (e) {
      throw guardFailure(e, `replay --minimize ${name} (${record.memory})`, 'while shrinking') ?? e;
    }
    if (!m.shrink.reproduced) m = undefined;
  }
  if (json) {
    io.out(`${JSON.stringify({
      target: record.target, ...(record.targetModule !== undefined ? { targetModule: record.targetModule } : {}), variant: record.variant, memory: record.memory,
      status: r.status, reproduced: r.status === 'reproduces', reason: r.reason,
      ...(o !== undefined ? { verdict: o.verdict } : {}),
      ...(o?.finding !== undefined ? { kind: o.finding.kind, message: o.finding.message } : {}),
      ...(o !== undefined ? { steps: o.steps, preemptions: o.preemptions, decisions: o.decisions } : {}),
      ...(r.divergence !== undefined ? { divergence: r.reason } : {}),
      ...(m !== undefined ? { minimized: {
        preemptions: m.shrink.run.preemptions, decisions: m.shrink.run.decisions, workload: m.shrink.run.workload.ops,
        ...(m.shrink.run.workload.args !== undefined ? { workloadArgs: m.shrink.run.workload.args } : {}),
        replay: m.replay, shrinkExecutions: m.shrink.executions, ...(m.shrink.minimal !== undefined ? { minimal: m.shrink.minimal } : {}),
      } } : {}),
    }, null, 2)}\n`);
  } else if (r.status === 'stale') {
    io.out(`STALE  ${name} (${record.memory})  -- ${r.reason}\nThe recording no longer fits the code: it says nothing about whether the bug is fixed (check a fix with \`lockstep fuzz\` or \`lockstep triage\`).\n`);
  } else {
    io.out(`replaying ${name}  memory ${record.memory}  workload ${formatWorkload(record.workload)}  (${record.decisions.length} decisions)\n`);
    if (r.status === 'reproduces' && m !== undefined) {
      const w = m.shrink.run;
      io.out(`REPRODUCED: ${o!.finding!.kind} (${o!.preemptions} preemption${o!.preemptions === 1 ? '' : 's'}); minimized to ${w.workload.ops.length} thread${w.workload.ops.length === 1 ? '' : 's'}, workload ${formatWorkload(w.workload)}, ${w.preemptions} preemption${w.preemptions === 1 ? '' : 's'} in ${m.shrink.executions} executions\n`);
      io.out(`${minimalityText(m.shrink.minimal, w.preemptions)}\n\n${formatInterleaving(m.shrink.outcome)}`);
      io.out(`replay the minimized run: npx lockstep replay ${m.replay}\n`);
    } else if (r.status === 'reproduces') {
      if (minimize) io.out('(not minimized: the run did not replay to the same finding from its log)\n');
      io.out(`REPRODUCED: ${o!.finding!.kind}\n\n${formatInterleaving(o!)}`);
    }
    else io.out(`clean: the execution now ends with verdict '${o!.verdict}' after ${o!.steps} steps (the failure no longer reproduces)\n`);
  }
  io.exitCode = r.status === 'reproduces' ? EXIT.finding : r.status === 'stale' ? EXIT.stale : EXIT.clean;
}

/** Token, or a file with a token or a JSON object; errors are CliErrors (exit 2). */
function readRecord(arg: string, loaders: readonly ReplayLoader[]): ReplayRecord {
  try {
    if (arg.trim().startsWith(REPLAY_TOKEN_PREFIX)) return parseReplayInput(arg, 'replay token', loaders);
    if (!existsSync(arg)) {
      throw new CliError(`'${arg}' is neither a replay token (${REPLAY_TOKEN_PREFIX}...) nor an existing file or directory`);
    }
    if (!statSync(arg).isFile()) throw new CliError(`${arg}: not a regular file`);
    return parseReplayInput(readFileSync(arg, 'utf8'), arg, loaders);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (e instanceof ReplayTokenError || e instanceof Error) throw new CliError(e.message);
    throw e;
  }
}
