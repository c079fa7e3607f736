import * as fs from 'node:fs';
import * as path from 'node:path';

/** Config file names, in the order they are looked for in each directory (like jest.config.* and vitest.config.*). */
export const CONFIG_FILE_NAMES: readonly string[] = [
  'lockstep.config.ts', 'lockstep.config.mts', 'lockstep.config.cts',
  'lockstep.config.js', 'lockstep.config.mjs', 'lockstep.config.cjs',
  'lockstep.config.json',
];

/** The project a command runs in. */
export interface ProjectRoot {
  /**
   * Directory that recorded target modules are relative to: the config file's directory, else
   * the nearest directory above the working directory with a package.json, else the working
   * directory itself.
   */
  readonly root: string;
  /** The config file, when one was found. */
  readonly configFile?: string;
}

/**
 * Find the project of `cwd`: the first lockstep config file from `cwd` upward, else the
 * nearest package.json. Target identities (DECISIONS.md item 3) are module paths relative to
 * this root, so a replay from anywhere inside the project finds the same module.
 */
export function findProjectRoot(cwd: string = process.cwd()): ProjectRoot {
  const start = path.resolve(cwd);
  let pkgDir: string | undefined;
  for (let dir = start; ; dir = path.dirname(dir)) {
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      if (isFile(file)) return { root: dir, configFile: file };
    }
    if (pkgDir === undefined && isFile(path.join(dir, 'package.json'))) pkgDir = dir;
    if (path.dirname(dir) === dir) break;
  }
  return { root: pkgDir ?? start };
}

/** `src/my-lock.ts`: `file` relative to `root`, with forward slashes (the recorded form). */
export function moduleId(root: string, file: string): string {
  return path.relative(root, path.resolve(root, file)).split(path.sep).join('/');
}

/** The absolute path of a recorded module id. */
export function modulePath(root: string, id: string): string {
  return path.resolve(root, ...id.split('/'));
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}
