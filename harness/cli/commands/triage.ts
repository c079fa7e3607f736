import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';

/** `lockstep triage`: not implemented yet (placeholder so the command tree compiles). */
export function registerTriage(program: Command, io: CliIo): void {
  program.command('triage').description('(not implemented yet)').allowUnknownOption().allowExcessArguments().action(() => {
    void io;
    throw new CliError('triage is not implemented yet', 3);
  });
}
