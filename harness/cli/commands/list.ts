import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';

/** `lockstep list`: not implemented yet (placeholder so the command tree compiles). */
export function registerList(program: Command, io: CliIo): void {
  program.command('list').description('(not implemented yet)').allowUnknownOption().allowExcessArguments().action(() => {
    void io;
    throw new CliError('list is not implemented yet', 3);
  });
}
