import { existsSync, readFileSync, statSync } from 'node:fs';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { builtinTargets } from '../../../targets';
import type { Target } from '../../target/target';
import { resolveTarget } from '../../explore/resolve-target';
import { REPLAY_TOKEN_PREFIX, ReplayTokenError, type ReplayRecord } from '../../explore/replay-token';
import { DEFAULT_REPLAY_LOADERS, parseReplayInput, type ReplayLoader } from '../../explore/replay-input';
import { replayExecution } from '../../explore/replay-execution';
import { formatDivergence } from '../../strategy/replay';
import { formatInterleaving } from '../../report/interleaving-table';

/** Injected for tests and for other JSON shapes (corpus entries): targets and loaders. */
export interface ReplayDeps {
  readonly targets?: () => readonly Target[];
  readonly loaders?: readonly ReplayLoader[];
}

/**
 * `lockstep replay <token-or-file>`: replay one recorded execution exactly and show its
 * interleaving. Exit 1 when it still fails, 0 when the run is now clean, 2 on malformed input.
 */
export function registerReplay(program: Command, io: CliIo, deps: ReplayDeps = {}): void {
  program
    .command('replay')
    .description('replay a failure from its token (printed by run) or from a file holding a token or replay JSON')
    .argument('<token-or-file>', `a replay token (${REPLAY_TOKEN_PREFIX}...) or a file path`)
    .option('--json', 'print a JSON object instead of the interleaving table')
    .addHelpText('after', '\nExit status: 1 the failure reproduces, 0 the run is now clean, 2 malformed input.')
    .action((arg: string, flags: { json?: boolean }) => {
      const record = readRecord(arg, deps.loaders ?? DEFAULT_REPLAY_LOADERS);
      const resolved = resolveTarget(`${record.target}:${record.variant}`, (deps.targets ?? builtinTargets)());
      checkWorkload(resolved.target, record);
      const r = replayExecution(resolved.target, record);
      const o = r.outcome;
      const reproduced = o.finding !== undefined;
      if (flags.json) {
        io.out(`${JSON.stringify({
          target: record.target, variant: record.variant, memory: record.memory, reproduced, verdict: o.verdict,
          ...(o.finding !== undefined ? { kind: o.finding.kind, message: o.finding.message } : {}),
          steps: o.steps, preemptions: o.preemptions, decisions: o.decisions,
          ...(r.divergence !== undefined ? { divergence: formatDivergence(r.divergence, record.decisions.length) } : {}),
        }, null, 2)}\n`);
      } else {
        io.out(`replaying ${record.target}:${record.variant}  memory ${record.memory}  workload ${record.workload.ops.map((t) => t.join(' ')).join(' | ')}  (${record.decisions.length} decisions)\n`);
        if (r.divergence !== undefined) io.out(`warning: ${formatDivergence(r.divergence, record.decisions.length)}\n`);
        if (reproduced) {
          io.out(`REPRODUCED: ${o.finding!.kind}\n\n${formatInterleaving(o)}`);
        } else {
          io.out(`clean: the execution now ends with verdict '${o.verdict}' after ${o.steps} steps (the failure no longer reproduces)\n`);
        }
      }
      io.exitCode = reproduced ? 1 : 0;
    });
}

/** Token, or a file with a token or a JSON object; errors are CliErrors (exit 2). */
function readRecord(arg: string, loaders: readonly ReplayLoader[]): ReplayRecord {
  try {
    if (arg.trim().startsWith(REPLAY_TOKEN_PREFIX)) return parseReplayInput(arg, 'replay token', loaders);
    if (!existsSync(arg)) {
      throw new CliError(`'${arg}' is neither a replay token (${REPLAY_TOKEN_PREFIX}...) nor an existing file`);
    }
    if (!statSync(arg).isFile()) throw new CliError(`${arg}: not a regular file`);
    return parseReplayInput(readFileSync(arg, 'utf8'), arg, loaders);
  } catch (e) {
    if (e instanceof CliError) throw e;
    if (e instanceof ReplayTokenError || e instanceof Error) throw new CliError(e.message);
    throw e;
  }
}

/** The recorded workload must fit the target as it is now (else setup would just crash). */
function checkWorkload(target: Target, r: ReplayRecord): void {
  const kinds = target.workload.opKinds;
  r.workload.ops.forEach((ops, i) => {
    for (const op of ops) {
      if (!kinds.includes(op)) throw new CliError(`replay: thread ${i} performs '${op}', which target '${target.name}' does not have (expected one of: ${kinds.join(', ')})`);
    }
  });
  const n = r.workload.ops.length;
  const s = target.workload.threads;
  if (n < s.min || n > s.max) throw new CliError(`replay: ${n} threads, target '${target.name}' supports ${s.min}..${s.max}`);
}
