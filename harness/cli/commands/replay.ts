import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { builtinTargets } from '../../target/builtin-targets';
import type { Target } from '../../target/target';
import { describeRecordedTarget } from '../../target/target-ref';
import { recordedTargetResolver, type RecordedTargetResolver } from '../../project/recorded-target-resolver';
import { projectContext } from '../project-context';
import { REPLAY_TOKEN_PREFIX, ReplayTokenError, type ReplayRecord } from '../../explore/replay-token';
import { DEFAULT_REPLAY_LOADERS, parseReplayInput, type ReplayLoader } from '../../explore/replay-input';
import { replayExecution } from '../../explore/replay-execution';
import { formatDivergence } from '../../strategy/replay';
import { formatInterleaving } from '../../report/interleaving-table';
import { formatWorkload } from '../../target/workload-args';
import { CorpusError } from '../../corpus/corpus-error';
import { replayPath } from '../../corpus/replay-corpus';
import { stillFails, type CorpusReplayResult } from '../../corpus/corpus-replay-result';

/** Exit code of `lockstep replay` when something is stale and nothing still fails (DECISIONS.md item 5). */
export const EXIT_STALE = 4;

/** Injected for tests and for other JSON shapes: targets and loaders. */
export interface ReplayDeps {
  readonly targets?: () => readonly Target[];
  readonly loaders?: readonly ReplayLoader[];
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
    .argument('<token-or-file-or-dir>', `a replay token (${REPLAY_TOKEN_PREFIX}...), a file path or a corpus directory`)
    .option('--json', 'print JSON instead of the interleaving table')
    .addHelpText('after', [
      '',
      'Corpus entries are classified: reproduces (same finding kind and signature), changed (fails differently),',
      'fixed (clean now), stale (target module, target, variant or operation gone, or the decisions no longer fit:',
      'replay diverged), skipped (runaway entries are not replayed in-process). A stale entry is never "fixed".',
      'A target loaded from a file is found again through the module path recorded relative to the project root',
      '(the directory of lockstep.config.*, else of the nearest package.json): replay from inside the same project.',
      '',
      'Exit status: 0 every entry replayed and none fails, 1 a failure reproduces (or fails differently),',
      `2 malformed input, ${EXIT_STALE} something is stale and nothing still fails.`,
    ].join('\n'))
    .action(async (arg: string, flags: { json?: boolean }) => {
      if (!arg.trim().startsWith(REPLAY_TOKEN_PREFIX) && existsSync(arg) && (statSync(arg).isDirectory() || isCorpusEntryFile(arg))) {
        await replayCorpus(arg, io, deps, flags.json === true);
        return;
      }
      await replayRecord(arg, io, deps, flags.json === true);
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

async function replayCorpus(arg: string, io: CliIo, deps: ReplayDeps, json: boolean): Promise<void> {
  let results: CorpusReplayResult[];
  try {
    results = await replayPath(arg, { resolver: resolverFor(deps) });
  } catch (e) {
    if (e instanceof CorpusError) throw new CliError(`replay: ${e.message} (expected a lockstep corpus entry)`);
    throw e;
  }
  if (results.length === 0) throw new CliError(`replay: ${arg}: no corpus entries found (expected <target>/<hash>.json or repro.json files)`);
  const failing = results.filter(stillFails).length;
  if (json) {
    io.out(`${JSON.stringify(results.map((r) => ({
      path: r.path, status: r.status, target: r.entry.target, variant: r.entry.variant, memory: r.entry.memory,
      recorded: r.recorded, ...(r.signature !== undefined ? { signature: r.signature } : {}), reason: r.reason,
      ...(r.divergence !== undefined ? { divergence: r.divergence } : {}),
    })), null, 2)}\n`);
  } else {
    for (const r of results) io.out(`${formatResultLine(r)}\n`);
    const single = results.length === 1 && statSync(arg).isFile();
    if (single && results[0]!.outcome !== undefined && stillFails(results[0]!)) io.out(`\n${formatInterleaving(results[0]!.outcome)}`);
    io.out(`${results.length} entr${results.length === 1 ? 'y' : 'ies'}: ${countLine(results)}\n`);
  }
  io.exitCode = failing > 0 ? 1 : results.some((r) => r.status === 'stale') ? EXIT_STALE : 0;
}

/** Recorded modules from the working directory's project root; names among the (injected) built-ins. */
function resolverFor(deps: ReplayDeps): RecordedTargetResolver {
  const ctx = projectContext(deps.targets ?? builtinTargets);
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

async function replayRecord(arg: string, io: CliIo, deps: ReplayDeps, json: boolean): Promise<void> {
  const record = readRecord(arg, deps.loaders ?? DEFAULT_REPLAY_LOADERS);
  const name = `${describeRecordedTarget(record)}:${record.variant}`;
  const stale = (reason: string, divergence?: string): void => {
    if (json) io.out(`${JSON.stringify({ target: record.target, ...(record.targetModule !== undefined ? { targetModule: record.targetModule } : {}), variant: record.variant, memory: record.memory, status: 'stale', reproduced: false, reason, ...(divergence !== undefined ? { divergence } : {}) }, null, 2)}\n`);
    else io.out(`STALE  ${name} (${record.memory})  -- ${reason}\nThe recording no longer fits the code: it says nothing about whether the bug is fixed.\n`);
    io.exitCode = EXIT_STALE;
  };
  const found = resolverFor(deps).lookup(record);
  if (found.stale !== undefined) { stale(found.stale); return; }
  const target = found.target;
  if (!target.variants.some((v) => v.name === record.variant)) {
    stale(`target '${target.name}' has no variant '${record.variant}' any more (has: ${target.variants.map((v) => v.name).join(', ')})`);
    return;
  }
  const misfit = workloadMisfit(target, record);
  if (misfit !== undefined) { stale(misfit); return; }
  let r: Awaited<ReturnType<typeof replayExecution>>;
  try {
    r = await replayExecution(target, record);
  } catch (e) {
    stale(`the replay could not run: ${(e as Error).message}`);
    return;
  }
  const o = r.outcome;
  if (r.divergence !== undefined) {
    const d = formatDivergence(r.divergence, record.decisions.length);
    stale(d, d);
    return;
  }
  const reproduced = o.finding !== undefined;
  if (json) {
    io.out(`${JSON.stringify({
      target: record.target, ...(record.targetModule !== undefined ? { targetModule: record.targetModule } : {}), variant: record.variant, memory: record.memory,
      status: reproduced ? 'reproduces' : 'fixed', reproduced, verdict: o.verdict,
      ...(o.finding !== undefined ? { kind: o.finding.kind, message: o.finding.message } : {}),
      steps: o.steps, preemptions: o.preemptions, decisions: o.decisions,
    }, null, 2)}\n`);
  } else {
    io.out(`replaying ${name}  memory ${record.memory}  workload ${formatWorkload(record.workload)}  (${record.decisions.length} decisions)\n`);
    if (reproduced) {
      io.out(`REPRODUCED: ${o.finding!.kind}\n\n${formatInterleaving(o)}`);
    } else {
      io.out(`clean: the execution now ends with verdict '${o.verdict}' after ${o.steps} steps (the failure no longer reproduces)\n`);
    }
  }
  io.exitCode = reproduced ? 1 : 0;
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

/** The recorded workload must fit the target as it is now (else setup would just crash): why not, or undefined. */
function workloadMisfit(target: Target, r: ReplayRecord): string | undefined {
  const kinds = target.workload.opKinds;
  for (const [i, ops] of r.workload.ops.entries()) {
    const bad = ops.find((op) => !kinds.includes(op));
    if (bad !== undefined) return `thread ${i} performs '${bad}', which target '${target.name}' does not have (has: ${kinds.join(', ')})`;
  }
  const n = r.workload.ops.length;
  const s = target.workload.threads;
  if (n < s.min || n > s.max) return `${n} threads, target '${target.name}' supports ${s.min}..${s.max}`;
  return undefined;
}
