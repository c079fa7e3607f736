import { findProjectRoot } from '../project/project-root';
import type { SelectContext } from '../project/select-targets';
import { builtinTargets } from '../target/builtin-targets';
import type { AnyTarget } from '../target/any-target';

/** The project a command runs in: working directory, root, config file, built-in targets. */
export interface ProjectContext extends SelectContext {
  readonly configFile?: string;
}

/** The context of the working directory (`builtins` injectable for tests). */
export function projectContext(builtins: () => readonly AnyTarget[] = builtinTargets): ProjectContext {
  const cwd = process.cwd();
  const found = findProjectRoot(cwd);
  return { cwd, root: found.root, builtins, ...(found.configFile !== undefined ? { configFile: found.configFile } : {}) };
}
