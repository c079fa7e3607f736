import { CliError } from '../cli/cli-error';
import { isMemoryModelName, MEMORY_MODELS, type MemoryModelName } from '../memory/memory-model';
import { selectTargets, type SelectContext, type TargetSelection } from '../project/select-targets';
import { targetMemories, type AnyTarget } from '../target/any-target';
import type { FuzzTask } from './fuzz-types';

/** A resolved cell list plus a lookup of each cell's Target. */
export interface ResolvedTasks {
  readonly tasks: FuzzTask[];
  resolve(task: FuzzTask): AnyTarget;
  /** Where a task's target is declared (file targets): `locks/lock.ts (export default)`. */
  origin(task: FuzzTask): string | undefined;
}

/**
 * Parse `--memory <model>[,<model>...] | all` (models from MEMORY_MODELS; `all` and no flag =
 * every model, in MEMORY_MODELS order; duplicates dropped).
 */
export function parseMemory(value: string | undefined): MemoryModelName[] {
  if (value === undefined || value === 'all') return [...MEMORY_MODELS];
  const out: MemoryModelName[] = [];
  for (const part of value.split(',')) {
    const m = part.trim();
    if (!isMemoryModelName(m)) throw new CliError(`--memory: expected ${MEMORY_MODELS.join(', ')}, a comma-separated list of them, or all; got '${value}'`);
    if (!out.includes(m)) out.push(m);
  }
  return out;
}

/**
 * Cells of a campaign from target arguments (built-in `target[:variant]`, module files
 * `path/to/lock.ts[:variant]`, globs; none = every built-in target), times the memory models.
 */
export function resolveTasks(args: readonly string[], memories: readonly MemoryModelName[], ctx: SelectContext): ResolvedTasks {
  const selections: TargetSelection[] = args.length === 0
    ? ctx.builtins().map((t) => ({ target: t, ref: { kind: 'builtin', name: t.name }, variants: t.variants.map((v) => v.name), explicitVariant: false }))
    : selectTargets(args, ctx);
  return tasksOf(selections, memories);
}

/** One cell per selected variant and memory model (sc only for async targets); a target name selected twice (a file shadowing a built-in) is an error. */
export function tasksOf(selections: readonly TargetSelection[], memories: readonly MemoryModelName[]): ResolvedTasks {
  const byKey = new Map<string, AnyTarget>();
  const origins = new Map<AnyTarget, string>();
  const tasks: FuzzTask[] = [];
  for (const s of selections) {
    if (s.origin !== undefined) origins.set(s.target, s.origin);
    for (const variant of s.variants) {
      // an async target runs JavaScript, which is sequentially consistent: its cells are sc only
      for (const memory of targetMemories(s.target, memories)) {
        const key = `${s.target.name}:${variant}@${memory}`;
        const prev = byKey.get(key);
        if (prev === s.target) continue;
        if (prev !== undefined) throw new CliError(`two selected targets are named '${s.target.name}': a campaign needs distinct target names (rename one)`);
        byKey.set(key, s.target);
        tasks.push({ ref: s.ref, target: s.target.name, variant, memory });
      }
    }
  }
  return {
    tasks,
    resolve(task) {
      const t = byKey.get(`${task.target}:${task.variant}@${task.memory}`);
      if (!t) throw new Error(`no target for ${task.target}`);
      return t;
    },
    origin(task) {
      const t = byKey.get(`${task.target}:${task.variant}@${task.memory}`);
      return t === undefined ? undefined : origins.get(t);
    },
  };
}
