import * as fs from 'node:fs';
import * as path from 'node:path';
import { createJiti } from 'jiti';
import { validateConfig, type LockstepConfig } from './config';
import { ConfigError } from './config-error';
import { findProjectRoot } from './project-root';
import { describeLoadError } from '../target/load-target-module';

/** The project of a command: its root, its config file and what that file says. */
export interface ProjectConfig {
  /** Directory the config's paths (and recorded module paths) are relative to. */
  readonly root: string;
  readonly configFile?: string;
  readonly config: LockstepConfig;
}

/**
 * Find and load the project's config: `explicit` (a `--config` flag or LOCKSTEP_CONFIG), else
 * the first lockstep.config.* from `cwd` upward. No config = an empty one (root: the nearest
 * package.json's directory). A file that cannot be loaded or validated is a ConfigError.
 */
export function loadProjectConfig(cwd: string = process.cwd(), explicit?: string): ProjectConfig {
  if (explicit !== undefined) {
    const file = path.resolve(cwd, explicit);
    if (!fs.existsSync(file)) throw new ConfigError(explicit, '', 'does not exist (given as the config file)');
    return { root: path.dirname(file), configFile: file, config: loadConfigFile(file) };
  }
  const found = findProjectRoot(cwd);
  if (found.configFile === undefined) return { root: found.root, config: {} };
  return { root: found.root, configFile: found.configFile, config: loadConfigFile(found.configFile) };
}

/** Load and validate one config file (.json parsed; anything else through jiti: TypeScript, ESM, CommonJS). */
export function loadConfigFile(file: string): LockstepConfig {
  let value: unknown;
  if (file.endsWith('.json')) {
    try {
      value = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (e) {
      throw new ConfigError(file, '', `is not valid JSON (${(e as Error).message})`);
    }
  } else {
    let mod: unknown;
    try {
      mod = createJiti(file, { interopDefault: false, moduleCache: false })(file);
    } catch (e) {
      throw new ConfigError(file, '', `cannot be loaded: ${describeLoadError(e, file, process.cwd())}`);
    }
    value = pickExport(mod);
    if (typeof value === 'function') {
      try {
        value = (value as () => unknown)();
      } catch (e) {
        throw new ConfigError(file, '', `its exported function threw: ${(e as Error).message}`);
      }
    }
  }
  return validateConfig(value, file);
}

/** The default export (ESM or `module.exports`), else the module object itself. */
function pickExport(mod: unknown): unknown {
  if (typeof mod === 'object' && mod !== null && 'default' in mod) return (mod as { default: unknown }).default;
  return mod;
}
