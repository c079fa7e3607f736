import * as path from 'node:path';
import { CliError } from '../cli/cli-error';
import { resolveTarget } from '../explore/resolve-target';
import { isMemoryModelName, MEMORY_MODELS, type MemoryModelName } from '../memory/memory-model';
import type { Target } from '../target/target';
import type { FuzzTask } from './fuzz-types';
import { loadTargetFile, looksLikeTargetFile } from './target-loader';

/** A resolved cell list plus a lookup of each cell's Target. */
export interface ResolvedTasks {
  readonly tasks: FuzzTask[];
  resolve(task: FuzzTask): Target;
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
 * Cells of a campaign from `target[:variant]` arguments (none = every built-in target) or
 * module files (`path/to/lock.js[:variant]`), times the memory models.
 */
export function resolveTasks(args: readonly string[], memories: readonly MemoryModelName[], builtins: readonly Target[]): ResolvedTasks {
  const byKey = new Map<string, Target>();
  const tasks: FuzzTask[] = [];
  const add = (target: Target, variants: readonly string[], ref: FuzzTask['ref']): void => {
    for (const variant of variants) {
      for (const memory of memories) {
        const task: FuzzTask = { ref, target: target.name, variant, memory };
        const key = `${target.name}:${variant}@${memory}`;
        if (byKey.has(key)) continue;
        byKey.set(key, target);
        tasks.push(task);
      }
    }
  };
  if (args.length === 0) {
    for (const t of builtins) add(t, t.variants.map((v) => v.name), { kind: 'builtin', name: t.name });
  }
  for (const arg of args) {
    if (looksLikeTargetFile(arg)) {
      const m = /^(.*\.(?:c|m)?(?:js|ts))(?::([^:\\/]+))?$/.exec(arg);
      const file = m ? m[1] : arg;
      const variant = m?.[2];
      for (const t of loadTargetFile(file)) {
        if (variant !== undefined && !t.variants.some((v) => v.name === variant)) {
          throw new CliError(`target file '${file}': target '${t.name}' has no variant '${variant}' (it has ${t.variants.map((v) => v.name).join(', ')})`);
        }
        add(t, variant === undefined ? t.variants.map((v) => v.name) : [variant], { kind: 'file', path: path.resolve(file), name: t.name });
      }
      continue;
    }
    const r = resolveTarget(arg, builtins);
    add(r.target, r.variants, { kind: 'builtin', name: r.target.name });
  }
  return {
    tasks,
    resolve(task) {
      const t = byKey.get(`${task.target}:${task.variant}@${task.memory}`);
      if (!t) throw new Error(`no target for ${task.target}`);
      return t;
    },
  };
}
