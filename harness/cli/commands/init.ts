import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io';
import { CliError } from '../cli-error';
import { CONFIG_FILE_NAMES } from '../../project/project-root';

/** The files `lockstep init` writes, relative to the project (and to templates/init/ in the package). */
export const INIT_FILES: readonly string[] = ['lockstep.config.ts', 'locks/spinlock.ts'];

/** templates/init/ of this package (found upward from this file: sources and dist/ alike). */
export function initTemplateDir(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'templates', 'init');
    if (fs.existsSync(path.join(candidate, INIT_FILES[0]!))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`lockstep: templates/init is missing from the package (looked upward from ${__dirname})`);
  }
}

/**
 * `lockstep init`: write a starter config and an example target (a spinlock with a fixed and
 * a buggy variant, written against the public API) into the working directory. Refuses to
 * overwrite anything (exit 2 naming the file, nothing written).
 */
export function registerInit(program: Command, io: CliIo): void {
  program
    .command('init')
    .description('write a starter lockstep.config.ts and an example target (locks/spinlock.ts) into this project')
    .addHelpText('after', '\nNothing is overwritten: when a config or one of the files exists, init writes nothing and exits 2.')
    .action(() => {
      const cwd = process.cwd();
      const existing = CONFIG_FILE_NAMES.filter((n) => fs.existsSync(path.join(cwd, n)));
      if (existing.length > 0) throw new CliError(`init: ${existing[0]} already exists here; nothing written (edit it, or remove it to start over)`);
      for (const f of INIT_FILES) {
        if (fs.existsSync(path.join(cwd, f))) throw new CliError(`init: ${f} already exists here; nothing written (move it away to start over)`);
      }
      const from = initTemplateDir();
      for (const f of INIT_FILES) {
        const dest = path.join(cwd, f);
        fs.mkdirSync(path.dirname(dest), { recursive: true });
        // 'wx': never replace a file that appeared since the check
        fs.writeFileSync(dest, fs.readFileSync(path.join(from, f)), { flag: 'wx' });
        io.out(`created ${f}\n`);
      }
      io.out([
        '',
        "locks/spinlock.ts is a test-and-set spinlock with two variants: 'fixed' (expected clean) and",
        "'buggy' (expected to break mutual exclusion). lockstep.config.ts makes locks/*.ts this project's targets.",
        '',
        'next:',
        '  npx lockstep list                         the project\'s targets, variants and expectations',
        '  npx lockstep run locks/spinlock.ts:buggy  find the bug and print its interleaving and replay command',
        '  npx lockstep fuzz                         the campaign over every variant (budget in the config)',
        ...(resolvesLockstep(cwd) ? [] : ['', "note: 'lockstep' does not resolve from this folder; install it here (npm install --save-dev lockstep)", 'so that the target files can import it.']),
        '',
      ].join('\n'));
      io.exitCode = 0;
    });
}

function resolvesLockstep(cwd: string): boolean {
  try {
    require.resolve('lockstep', { paths: [cwd] });
    return true;
  } catch {
    return false;
  }
}
