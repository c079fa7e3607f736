import type { Command } from 'commander';
import type { CliIo } from './cli-io';

/** Adds one command to the program. */
type Register = (program: Command, io: CliIo) => void;

/**
 * The CLI's commands in help order, each loaded only when registered: `lockstep check`
 * then never loads the engine, the fuzzer or the targets (issue 12: through the CLI, start-up
 * was most of the time of checking a small history). `require` is deliberate here: a
 * static import would load every command's module graph up front.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
export const COMMANDS: readonly (readonly [string, () => Register])[] = [
  ['list', () => require('./commands/list').registerList as Register],
  ['run', () => require('./commands/run').registerRun as Register],
  ['replay', () => require('./commands/replay').registerReplay as Register],
  ['check', () => require('./commands/check').registerCheck as Register],
  ['fuzz', () => require('./commands/fuzz').registerFuzz as Register],
  ['triage', () => require('./commands/triage').registerTriage as Register],
  ['merge', () => require('./commands/merge').registerMerge as Register],
  ['init', () => require('./commands/init').registerInit as Register],
];

/**
 * Register the commands `argv` needs: only the named one when the first argument is a
 * command name, else all of them (`lockstep`, `lockstep --help`, `lockstep help run`, a typo).
 */
export function registerCommands(program: Command, io: CliIo, argv: readonly string[] = []): void {
  const named = COMMANDS.find(([name]) => name === argv[0]);
  for (const [name, load] of COMMANDS) if (named === undefined || name === named[0]) load()(program, io);
}
