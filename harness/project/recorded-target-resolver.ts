import * as fs from 'node:fs';
import { loadTargetModule, type LoadedTargetModule } from '../target/load-target-module';
import type { AnyTarget } from '../target/any-target';
import { TargetError } from '../target/target-error';
import { describeRecordedTarget, type RecordedTarget, type TargetRef } from '../target/target-ref';
import { targetDeclarationProblem } from '../target/target-shape';
import { modulePath } from './project-root';

/** The target a recording names, or why it cannot be had any more (`stale`, never "fixed"). */
export type RecordedTargetLookup =
  | { readonly target: AnyTarget; readonly ref: TargetRef; readonly stale?: undefined }
  | { readonly stale: string };

/** Finds the targets that recordings (tokens, corpus entries, repro.json) name. */
export interface RecordedTargetResolver {
  lookup(r: RecordedTarget): RecordedTargetLookup;
}

/** Where recordings are resolved: the project root (of recorded module paths) and the built-ins. */
export interface RecordedTargetContext {
  readonly root: string;
  readonly builtins: () => readonly AnyTarget[];
}

/**
 * A resolver for one command: a recorded module path is loaded from the project root (each
 * module once); without one, the name is looked up among the built-in targets (entries
 * written before file targets were recorded stay readable). A module that no longer exists
 * or loads, or no longer exports the target, makes the recording stale.
 */
export function recordedTargetResolver(ctx: RecordedTargetContext): RecordedTargetResolver {
  const modules = new Map<string, LoadedTargetModule | TargetError>();
  return {
    lookup(r) {
      if (r.targetModule === undefined) {
        const t = ctx.builtins().find((x) => x.name === r.target);
        if (t === undefined) return { stale: `target '${r.target}' no longer exists (it is not a built-in target, and no target module is recorded)` };
        return { target: t, ref: { kind: 'builtin', name: t.name } };
      }
      const file = modulePath(ctx.root, r.targetModule);
      let mod = modules.get(file);
      if (mod === undefined) {
        if (!fs.existsSync(file)) mod = new TargetError(`target module '${r.targetModule}' does not exist under the project root ${ctx.root}`);
        else {
          try { mod = loadTargetModule(file, ctx.root); } catch (e) {
            if (!(e instanceof TargetError)) throw e;
            mod = e;
          }
        }
        modules.set(file, mod);
      }
      if (mod instanceof TargetError) return { stale: mod.message };
      const t = mod.targets.find((x) => x.name === r.target);
      if (t === undefined) return { stale: `target module '${r.targetModule}' no longer exports target '${r.target}' (it exports ${mod.targets.map((x) => x.name).join(', ')})` };
      const problem = targetDeclarationProblem(t);
      if (problem !== undefined) return { stale: `${describeRecordedTarget(r)}: ${problem}` };
      return { target: t, ref: { kind: 'file', path: file, module: r.targetModule, name: t.name } };
    },
  };
}
