import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';

/** `lockstep check`: not implemented yet (placeholder so the command tree compiles). */
export function registerCheck(program: Command, io: CliIo): void {
  program.command('check').description('(not implemented yet)').allowUnknownOption().allowExcessArguments().action(() => {
    void io;
    throw new CliError('check is not implemented yet', 3);
  });
}
