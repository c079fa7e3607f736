import type { Command } from 'commander';
import type { LockstepConfig } from '../project/config';
import { loadProjectConfig, type ProjectConfig } from '../project/load-config';
import type { SelectContext } from '../project/select-targets';
import { builtinTargets } from '../target/builtin-targets';
import type { AnyTarget } from '../target/any-target';

/** The project a command runs in: working directory, root, config, built-in targets. */
export interface ProjectContext extends SelectContext {
  readonly configFile?: string;
  readonly config: LockstepConfig;
  readonly project: ProjectConfig;
}

/**
 * The context of the working directory: the config named by `--config` (a program option)
 * or LOCKSTEP_CONFIG, else the first lockstep.config.* from the working directory upward.
 * `builtins` is injectable for tests.
 */
export function projectContext(builtins: () => readonly AnyTarget[] = builtinTargets, configFlag?: string): ProjectContext {
  const cwd = process.cwd();
  const explicit = configFlag ?? (process.env.LOCKSTEP_CONFIG || undefined);
  const project = loadProjectConfig(cwd, explicit);
  return {
    cwd, root: project.root, builtins, config: project.config, project,
    ...(project.configFile !== undefined ? { configFile: project.configFile } : {}),
  };
}

/** The program's `--config <file>`, seen from any command. */
export function configFlag(cmd: Command): string | undefined {
  let root: Command = cmd;
  while (root.parent) root = root.parent;
  const v = (root.opts() as { config?: unknown }).config;
  return typeof v === 'string' ? v : undefined;
}
