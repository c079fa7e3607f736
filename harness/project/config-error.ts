import * as path from 'node:path';

/**
 * A problem with the lockstep config file or a LOCKSTEP_* environment variable: printed as
 * one line naming the file (or variable) and the key, exit 2 (DECISIONS.md item 5).
 */
export class ConfigError extends Error {
  /** `file` is the config file (shown relative to the working directory) or a variable name. */
  constructor(file: string, key: string, problem: string) {
    super(`${shownFile(file)}: ${key === '' ? '' : `'${key}' `}${problem}`);
    this.name = 'ConfigError';
  }
}

function shownFile(file: string): string {
  if (!path.isAbsolute(file)) return file;
  const rel = path.relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') ? rel : file;
}
