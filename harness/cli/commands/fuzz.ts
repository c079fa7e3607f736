import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';

/** `lockstep fuzz`: not implemented yet (placeholder so the command tree compiles). */
export function registerFuzz(program: Command, io: CliIo): void {
  program.command('fuzz').description('(not implemented yet)').allowUnknownOption().allowExcessArguments().action(() => {
    void io;
    throw new CliError('fuzz is not implemented yet', 3);
  });
}
