import { Command, CommanderError } from 'commander';
import { CliError } from './cli-error';
import { TargetError } from '../target/target-error';
import { ConfigError } from '../project/config-error';
import { processIo, type CliIo } from './cli-io';
import { fsErrorExit } from './fs-error-exit';
import { registerCommands } from './command-table';

/** Version written into corpus entries and reports. */
export const HARNESS_VERSION = '0.1.0';

/**
 * Build the command tree (only the command `argv` names, when it names one: lazy loading);
 * each command reports through `io` and sets `io.exitCode`.
 */
export function buildProgram(io: CliIo, argv: readonly string[] = []): Command {
  const program = new Command('lockstep')
    .description('Linearizability and race fuzzing harness for lock implementations')
    .version(HARNESS_VERSION)
    .option('--config <file>', 'the lockstep config file (default: lockstep.config.{ts,mts,cts,js,mjs,cjs,json} found from the working directory upward; also LOCKSTEP_CONFIG)')
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) })
    .exitOverride();
  registerCommands(program, io, argv);
  for (const cmd of program.commands) cmd.exitOverride().configureOutput({ writeOut: (s) => io.out(s), writeErr: (s) => io.err(s) });
  return program;
}

/** Entry point: returns the exit code (0 clean, 1 bug found, 2 usage/input/target mistake, 3 harness error, 4 replay stale). */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const program = buildProgram(io, argv);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return io.exitCode;
  } catch (e) {
    if (e instanceof CliError) {
      io.err(`lockstep: ${e.message}\n`);
      return e.exitCode;
    }
    if (e instanceof TargetError || e instanceof ConfigError) {
      // a mistake in a target or in naming one: exit 2, never a finding (DECISIONS.md item 5)
      io.err(`lockstep: ${e.message}\n`);
      return 2;
    }
    if (e instanceof CommanderError) {
      // help and version are not errors; everything else commander rejects is bad usage
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return 2;
    }
    // a file-system error never reaches the user as a stack trace (issue 10)
    const fsExit = fsErrorExit(e);
    if (fsExit !== undefined) {
      io.err(`lockstep: ${fsExit.message}\n`);
      return fsExit.exitCode;
    }
    throw e;
  }
}
