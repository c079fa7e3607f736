import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';

/** `lockstep run`: not implemented yet (placeholder so the command tree compiles). */
export function registerRun(program: Command, io: CliIo): void {
  program.command('run').description('(not implemented yet)').allowUnknownOption().allowExcessArguments().action(() => {
    void io;
    throw new CliError('run is not implemented yet', 3);
  });
}
