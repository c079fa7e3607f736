import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';

/** `lockstep merge`: not implemented yet (placeholder so the command tree compiles). */
export function registerMerge(program: Command, io: CliIo): void {
  program.command('merge').description('(not implemented yet)').allowUnknownOption().allowExcessArguments().action(() => {
    void io;
    throw new CliError('merge is not implemented yet', 3);
  });
}
