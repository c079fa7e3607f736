import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';

/** `lockstep replay`: not implemented yet (placeholder so the command tree compiles). */
export function registerReplay(program: Command, io: CliIo): void {
  program.command('replay').description('(not implemented yet)').allowUnknownOption().allowExcessArguments().action(() => {
    void io;
    throw new CliError('replay is not implemented yet', 3);
  });
}
